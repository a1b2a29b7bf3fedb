/**
 * How many write requests this process's ingestion is recording right now, for the projector
 * beside it (the all-in-one process) to let them go first. A request waits on Kafka for a few
 * hundred milliseconds and needs the main thread only for moments then; projecting a fetch holds
 * that thread for tens of milliseconds at a time (decoding, rows, their encoding for ClickHouse),
 * which every answer due meanwhile waits for. The projector has seconds of slack (freshness), so
 * it waits for a lull, for a bounded time: under steady load it still projects, in larger fetches.
 */
export class RequestsBeingRecorded {
  private count = 0;
  private lull: { settled: Promise<void>; settle: () => void } | null = null;

  begin(): void {
    this.count++;
  }

  end(): void {
    this.count--;
    if (this.count > 0 || !this.lull) return;
    this.lull.settle();
    this.lull = null;
  }

  /** Settles once no request is being recorded, or after `maxMs`, whichever comes first. */
  async quiet(maxMs: number): Promise<void> {
    if (this.count === 0) return;
    if (!this.lull) {
      let settle: () => void = () => undefined;
      this.lull = { settled: new Promise<void>((resolve) => (settle = resolve)), settle };
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.lull.settled, new Promise<void>((resolve) => (timer = setTimeout(resolve, maxMs)))]);
    clearTimeout(timer);
  }
}
