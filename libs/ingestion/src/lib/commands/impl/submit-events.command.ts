/** Record the events of one POST /v1/events body (one envelope or a batch) in the event log. */
export class SubmitEventsCommand {
  constructor(readonly body: unknown) {}
}

export interface SubmitEventsResult {
  /** Events newly written to the log. */
  accepted: number;
  /** Events already recorded (or repeated in the batch): not written again. */
  duplicates: number;
}
