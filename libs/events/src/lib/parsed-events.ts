import type { PlumblineEvent } from './event-schemas';

/** How long an event waits to be read back before it is forgotten. */
const KEEP_MS = 30_000;
/** The most events held; further ones are not remembered (the reader parses them). */
const CAPACITY = 20_000;

/**
 * Events this process has just serialized for the log, with the text they were serialized as.
 * In the all-in-one process the projector reads back every event ingestion wrote a moment ago;
 * parsing it again (JSON and schema) cost as much of the main thread as ingestion's own parsing.
 * An event is given back only for the very same text, so the reader gets what parsing that text
 * would give. Found by eventId, not by text: hashing a kilobyte of text costs more than comparing
 * it once. Bounded in count and age: events never read back (a write Kafka refused, a projector
 * far behind) are parsed as usual.
 */
export class ParsedEvents {
  private readonly events = new Map<string, { event: PlumblineEvent; text: string; at: number }>();

  constructor(
    private readonly capacity = CAPACITY,
    private readonly keepMs = KEEP_MS,
    private readonly now = Date.now,
  ) {}

  /** `text` is exactly `JSON.stringify(event)` of a valid, parsed event. */
  remember(event: PlumblineEvent, text: string): void {
    const now = this.now();
    // Oldest first (a Map keeps insertion order): drop what has waited too long.
    for (const [eventId, entry] of this.events) {
      if (now - entry.at <= this.keepMs) break;
      this.events.delete(eventId);
    }
    // When full, the oldest are kept: they are the ones a reader behind the writer meets next.
    if (this.events.size < this.capacity) this.events.set(event.eventId, { event, text, at: now });
  }

  /** The event remembered under `eventId`, once, if it was serialized as `text`. */
  take(eventId: string, text: string): PlumblineEvent | undefined {
    const entry = this.events.get(eventId);
    if (entry?.text !== text) return undefined;
    this.events.delete(eventId);
    return entry.event;
  }

  get size(): number {
    return this.events.size;
  }
}
