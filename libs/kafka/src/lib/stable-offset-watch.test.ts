import { describe, expect, it } from 'vitest';
import { stuckPartitions } from './stable-offset-watch';

describe('stuckPartitions', () => {
  const acknowledged = new Map([
    [0, 120],
    [1, 80],
  ]);

  it('reports a partition only once its stable offset has stayed short of the acknowledged end past the threshold', () => {
    const since = new Map<number, number>();
    const stable = new Map([
      [0, 100], // short of 120
      [1, 80], // caught up
    ]);
    expect(stuckPartitions(acknowledged, stable, since, 1_000, 60_000)).toEqual([]);
    expect(stuckPartitions(acknowledged, stable, since, 30_000, 60_000)).toEqual([]);
    expect(stuckPartitions(acknowledged, stable, since, 61_000, 60_000)).toEqual([{ partition: 0, acknowledgedEnd: 120, stableOffset: 100, stuckForMs: 60_000 }]);
  });

  it('forgets a shortfall as soon as the stable offset catches up', () => {
    const since = new Map<number, number>();
    stuckPartitions(acknowledged, new Map([[0, 100]]), since, 0, 60_000);
    expect(stuckPartitions(acknowledged, new Map([[0, 120]]), since, 50_000, 60_000)).toEqual([]);
    expect(since.size).toBe(0);
    expect(stuckPartitions(acknowledged, new Map([[0, 110]]), since, 100_000, 60_000)).toEqual([]); // a new shortfall starts its own clock
  });
});
