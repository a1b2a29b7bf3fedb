/**
 * The most recent `capacity` eventIds seen, oldest forgotten first. Ingestion answers
 * "duplicate" from it; the projections deduplicate by eventId regardless, so an id that has
 * fallen out of the window is re-published harmlessly, never applied twice.
 */
export class RecentEventIds {
  private readonly ids = new Set<string>();
  /**
   * The same ids in a ring, in the order they came: the slot to write next holds the oldest.
   * The oldest is deleted by key. Taking a Set's first entry instead walks past every entry
   * deleted before it, so once the window was full each add cost O(capacity): 50,000 adds to a
   * full window of 100,000 took 3.5 s, and ingestion slowed by half between 100K and 300K events.
   */
  private readonly order: (string | undefined)[];
  private next = 0;

  constructor(private readonly capacity: number) {
    this.order = new Array(capacity);
  }

  has(eventId: string): boolean {
    return this.ids.has(eventId);
  }

  add(eventId: string): void {
    if (this.ids.has(eventId)) return;
    const oldest = this.order[this.next];
    if (oldest !== undefined) this.ids.delete(oldest);
    this.order[this.next] = eventId;
    this.next = (this.next + 1) % this.capacity;
    this.ids.add(eventId);
  }

  get size(): number {
    return this.ids.size;
  }
}
