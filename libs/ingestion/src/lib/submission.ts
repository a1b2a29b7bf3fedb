import { parseEvent, type PlumblineEvent } from '@plumbline/events';

/** Most envelopes one POST may carry (SPEC §3). */
export const MAX_EVENTS_PER_REQUEST = 5_000;

/** One problem in a submission; `index` is the event's position, null for the body itself. */
export interface SubmissionIssue {
  index: number | null;
  /** The file line, for CSV imports. */
  line?: number;
  path: string;
  message: string;
}

export type Submission = { events: PlumblineEvent[]; issues: [] } | { events: []; issues: SubmissionIssue[] };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads a POST /v1/events body — one envelope, or `{ "events": [...] }` — and checks every
 * envelope against the schemas, reporting every problem rather than the first.
 */
export function readSubmission(body: unknown): Submission {
  if (body === undefined || typeof body === 'string') return { events: [], issues: [{ index: null, path: '', message: 'request body must be JSON (Content-Type: application/json)' }] };
  const isBatch = isRecord(body) && 'events' in body && !('type' in body);
  if (isBatch) {
    const extra = Object.keys(body).filter((k) => k !== 'events');
    if (extra.length > 0) return { events: [], issues: [{ index: null, path: extra[0], message: 'unknown field; a batch has only "events"' }] };
  }
  const raw: unknown[] | unknown = isBatch ? body['events'] : [body];
  if (!Array.isArray(raw)) return { events: [], issues: [{ index: null, path: 'events', message: 'must be an array of event envelopes' }] };
  if (raw.length === 0) return { events: [], issues: [{ index: null, path: 'events', message: 'must contain at least one event' }] };
  if (raw.length > MAX_EVENTS_PER_REQUEST) {
    return { events: [], issues: [{ index: null, path: 'events', message: `must contain at most ${MAX_EVENTS_PER_REQUEST} events (got ${raw.length}); split the batch` }] };
  }
  const events: PlumblineEvent[] = [];
  const issues: SubmissionIssue[] = [];
  raw.forEach((item, index) => {
    const result = parseEvent(item);
    if (result.ok) events.push(result.event);
    else issues.push(...result.issues.map((issue) => ({ index, ...issue })));
  });
  return issues.length > 0 ? { events: [], issues } : { events, issues: [] };
}
