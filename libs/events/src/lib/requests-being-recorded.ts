/**
 * The write requests this process's ingestion is recording right now, for the projector beside
 * it (the all-in-one process) to let them go first. A request waits on Kafka for a few hundred
 * milliseconds and needs the main thread only for moments then; projecting a fetch holds that
 * thread for tens of milliseconds at a time (decoding, rows, their encoding for ClickHouse),
 * which every answer due meanwhile waits for. The projector has seconds of slack (freshness), so
 * it waits for the requests under way to be answered, for a bounded time. Only for those under
 * way when it asks: under a steady stream a new one begins before the last ends, and waiting for
 * a lull had made every fetch wait the whole bound.
 */
export class RequestsBeingRecorded {
  /** Per request under way, settled when it ends. */
  private readonly underWay = new Set<Promise<void>>();

  /** Records that a request began; the returned function records that it ended. */
  begin(): () => void {
    let settle!: () => void;
    const ended = new Promise<void>((resolve) => (settle = resolve));
    this.underWay.add(ended);
    return () => {
      this.underWay.delete(ended);
      settle();
    };
  }

  /** Settles once every request under way now has ended (not those begun later), or after `maxMs`. */
  async quiet(maxMs: number): Promise<void> {
    if (this.underWay.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(this.underWay), new Promise<void>((resolve) => (timer = setTimeout(resolve, maxMs)))]);
    clearTimeout(timer);
  }
}
