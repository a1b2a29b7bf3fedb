/**
 * The most recent `capacity` eventIds seen, oldest forgotten first. Ingestion answers
 * "duplicate" from it; the projections deduplicate by eventId regardless, so an id that has
 * fallen out of the window is re-published harmlessly, never applied twice.
 */
export class RecentEventIds {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity: number) {}

  has(eventId: string): boolean {
    return this.ids.has(eventId);
  }

  add(eventId: string): void {
    if (this.ids.has(eventId)) return;
    this.ids.add(eventId);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value!);
  }

  get size(): number {
    return this.ids.size;
  }
}
