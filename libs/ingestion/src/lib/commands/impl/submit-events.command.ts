/** Record the events of one POST /v1/events body (one envelope or a batch) in the event log. */
export class SubmitEventsCommand {
  constructor(readonly body: unknown) {}
}

export type { RecordResult as SubmitEventsResult } from '../../event-recorder';
