import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FetchGathering } from './fetch-gathering';

/** A gathering of 5 ms over `partitions` partitions that records what each projection got. */
function gatheringOf(partitions: number, ready: () => Promise<void> = async () => undefined) {
  const projected: string[][] = [];
  const gathering = new FetchGathering<string>(5, ready, async (items) => void projected.push([...items]));
  gathering.partitions = partitions;
  return { gathering, projected };
}

describe('FetchGathering', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('projects the batches that arrive within its wait together, once it is over', async () => {
    const { gathering, projected } = gatheringOf(6);
    const first = gathering.add('p0');
    const second = gathering.add('p1');
    await vi.advanceTimersByTimeAsync(4);
    expect(projected).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await Promise.all([first, second]);
    expect(projected).toEqual([['p0', 'p1']]);
    // The next batch starts a gathering of its own.
    const third = gathering.add('p2');
    await vi.advanceTimersByTimeAsync(5);
    await third;
    expect(projected).toEqual([['p0', 'p1'], ['p2']]);
  });

  it('waits no longer once every partition the member reads has a batch in it', async () => {
    const { gathering, projected } = gatheringOf(3);
    const done = Promise.all(['p0', 'p1', 'p2'].map((p) => gathering.add(p)));
    // No time passes: the wait is cut short, and its timer is gone.
    await done;
    expect(projected).toEqual([['p0', 'p1', 'p2']]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('lets batches that arrive while it is held open join it', async () => {
    let release!: () => void;
    const { gathering, projected } = gatheringOf(6, () => new Promise((resolve) => (release = resolve)));
    const first = gathering.add('p0');
    await vi.advanceTimersByTimeAsync(5);
    const late = gathering.add('p1');
    release();
    await Promise.all([first, late]);
    expect(projected).toEqual([['p0', 'p1']]);
  });
});
