/**
 * The eventIds this process is publishing right now, and the messages the log tail saw for them
 * meanwhile. A committed transaction can reach the tail before its acknowledgement reaches the
 * writer; parsing those messages there would only repeat what the writer records on
 * acknowledgement (it did so for whole requests, ~10 µs an event on the main thread). So the tail
 * sets them aside, and the writer takes back what was set aside when its write ends: to drop on
 * success, to read after all on failure (a write that timed out here may still have committed).
 */
export class WritesInFlight<M> {
  private readonly seen = new Map<string, M | null>();

  begin(eventIds: string[]): void {
    for (const eventId of eventIds) this.seen.set(eventId, null);
  }

  /** Keeps the message if its event is being written; false when it is not (the tail reads it). */
  setAside(eventId: string, message: M): boolean {
    if (!this.seen.has(eventId)) return false;
    this.seen.set(eventId, message);
    return true;
  }

  /** Ends the write of these events: the messages set aside for them meanwhile. */
  end(eventIds: string[]): M[] {
    const setAside: M[] = [];
    for (const eventId of eventIds) {
      const message = this.seen.get(eventId);
      if (message) setAside.push(message);
      this.seen.delete(eventId);
    }
    return setAside;
  }
}
