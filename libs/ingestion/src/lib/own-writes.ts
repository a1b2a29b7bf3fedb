import { RecentEventIds } from './recent-event-ids';
import { WritesInFlight } from './writes-in-flight';

/** A message of the event log as the log tail passes it on: its eventId header and its text. */
export interface TailMessage {
  eventId?: string;
  value: string | null;
}

/**
 * Which of the log's messages this process wrote itself, for the log tail to leave out: ingestion
 * records its own events when Kafka acknowledges them, so the tail need pass on only what other
 * writers wrote. A message of a write still in flight is set aside until the write ends: dropped
 * if it was acknowledged, passed on if not (a write that timed out here may still have committed).
 */
export class OwnWrites {
  private readonly inFlight = new WritesInFlight<() => TailMessage>();
  private readonly written: RecentEventIds;

  /** `window`: how many acknowledged eventIds are remembered (the tail is rarely more than a few requests behind). */
  constructor(window: number) {
    this.written = new RecentEventIds(window);
  }

  begin(eventIds: string[]): void {
    this.inFlight.begin(eventIds);
  }

  /** Ends a write: the messages of its events seen meanwhile that are to be passed on after all. */
  end(eventIds: string[], acknowledged: boolean): TailMessage[] {
    const setAside = this.inFlight.end(eventIds);
    if (!acknowledged) return setAside.map((message) => message());
    for (const eventId of eventIds) this.written.add(eventId);
    return [];
  }

  /**
   * Whether the message with this eventId header is this process's own write (set aside while
   * that write is in flight). `message` is called only for a message to pass on: almost every
   * message is an own write, and decoding its text (~650 bytes) would be wasted.
   */
  isOwn(eventId: string | undefined, message: () => TailMessage): boolean {
    return eventId !== undefined && (this.written.has(eventId) || this.inFlight.setAside(eventId, message));
  }
}
