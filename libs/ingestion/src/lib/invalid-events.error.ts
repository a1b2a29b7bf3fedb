import type { SubmissionIssue } from './submission';

/** A submission refused as a whole: 400 when malformed, 422 when it names unknown things. */
export class InvalidEventsError extends Error {
  constructor(
    readonly status: 400 | 422,
    readonly issues: SubmissionIssue[],
  ) {
    super(`${issues.length} problem(s) in the submission`);
    this.name = 'InvalidEventsError';
  }
}
