interface Entry<T> {
  latest?: { watermark: string; value: T; finishedAt: number; tookMs: number };
  inFlight?: { watermark: string; value: Promise<T> };
}

/**
 * One computed value per key, recomputed when the projection watermark moves, with at most one
 * computation per key at a time. While a newer value is being computed, callers get the latest
 * finished one at once (its watermark says what it includes); with nothing in flight they wait
 * for a value at the current watermark, so a read after the projection caught up sees it.
 * `allowStale` callers never wait once a value exists: they get the latest and a refresh starts,
 * but not sooner after the last one than it took, so background refreshes under a steady stream
 * use at most half a core.
 * Without this, a steady stream started a full recomputation per request and they piled up.
 */
export class ReportCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly maxKeys = 16,
    private readonly now = () => performance.now(),
  ) {}

  /** `compute` gets the latest finished value for the key, if any, to start from. */
  async get(key: string, watermark: string, compute: (previous: T | undefined) => Promise<T>, { allowStale = false } = {}): Promise<T> {
    const entry = this.entryFor(key);
    if (entry.latest?.watermark === watermark) return entry.latest.value;
    if (entry.inFlight) {
      // Also when the value in flight is for this very watermark: it may take seconds.
      if (allowStale && entry.latest) return entry.latest.value;
      if (entry.inFlight.watermark === watermark) return entry.inFlight.value;
      if (entry.latest) return entry.latest.value;
      await entry.inFlight.value.catch(() => undefined);
      return this.get(key, watermark, compute);
    }
    if (allowStale && entry.latest && this.now() - entry.latest.finishedAt < entry.latest.tookMs) return entry.latest.value;
    const startedAt = this.now();
    const value = compute(entry.latest?.value);
    entry.inFlight = { watermark, value };
    value
      .then(
        (result) => (entry.latest = { watermark, value: result, finishedAt: this.now(), tookMs: this.now() - startedAt }),
        () => undefined, // whoever waits gets the error; the next request tries again
      )
      .finally(() => (entry.inFlight = undefined));
    return allowStale && entry.latest ? entry.latest.value : value;
  }

  private entryFor(key: string): Entry<T> {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = {};
      this.entries.set(key, entry);
      while (this.entries.size > this.maxKeys) this.entries.delete(this.entries.keys().next().value!);
    }
    return entry;
  }
}
