/**
 * Gathers the batches of a fetch, which kafkajs hands over one partition at a time, so that they
 * are projected in one write: from the first one for at most `waitMs`, and no longer once every
 * partition the member reads has one (a partition's next batch waits for this one to settle, so
 * none could join). `ready` may hold a gathering open longer; batches arriving meanwhile join it.
 */
export class FetchGathering<T> {
  /** How many partitions the group gave this member at its last join. */
  partitions = 0;
  private open: { items: T[]; complete: () => void; done: Promise<void> } | null = null;

  constructor(
    private readonly waitMs: number,
    private readonly ready: () => Promise<void>,
    private readonly project: (items: T[]) => Promise<void>,
  ) {}

  /** Joins `item` to the batches being gathered (or starts gathering); settles when they are projected. */
  add(item: T): Promise<void> {
    const open = (this.open ??= this.start());
    open.items.push(item);
    if (open.items.length === this.partitions) open.complete();
    return open.done;
  }

  private start(): { items: T[]; complete: () => void; done: Promise<void> } {
    let allHere!: () => void;
    const gathered = new Promise<void>((resolve) => (allHere = resolve));
    const timer = setTimeout(allHere, this.waitMs);
    const items: T[] = [];
    const done = gathered.then(async () => {
      await this.ready();
      this.open = null;
      return this.project(items);
    });
    const complete = () => {
      clearTimeout(timer);
      allHere();
    };
    return { items, complete, done };
  }
}
