import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitFetch, type PartitionBatch } from './fetch-parts';

/** A batch of `count` messages from `firstOffset` on, one second apart, with `markers` transaction markers after them. */
function batch(partition: number, firstOffset: number, count: number, markers = 0): PartitionBatch {
  const messages = Array.from({ length: count }, (_, i) => ({ partition, offset: firstOffset + i, timestamp: (firstOffset + i) * 1000, value: null }));
  return { partition, firstOffset, lastOffset: firstOffset + count - 1 + markers, messages };
}

describe('splitFetch', () => {
  it('gives one part for the whole fetch when the first part may be as large as it', () => {
    const parts = splitFetch([batch(0, 10, 3, 1), batch(1, 0, 2)], Infinity);
    expect(parts).toHaveLength(1);
    expect(parts[0].messages.map((m) => `${m.partition}:${m.offset}`)).toEqual(['0:10', '0:11', '0:12', '1:0', '1:1']);
    expect(parts[0].starts).toEqual([{ partition: 0, firstOffset: 10 }, { partition: 1, firstOffset: 0 }]);
    // Past the transaction marker after offset 12; logged at the last message's time.
    expect(parts[0].positions).toEqual([
      { partition: 0, nextOffset: 14, lastLoggedAt: new Date(12_000).toISOString() },
      { partition: 1, nextOffset: 2, lastLoggedAt: new Date(1_000).toISOString() },
    ]);
  });

  it('takes growing parts (2, then up to 8 messages), each an equal share of every partition', () => {
    // 6 and 4 messages: the first part takes a fifth of each, the second the rest.
    const parts = splitFetch([batch(0, 100, 6, 1), batch(1, 50, 4)], 2);
    expect(parts.map((p) => p.messages.map((m) => `${m.partition}:${m.offset}`))).toEqual([
      ['0:100', '1:50'],
      ['0:101', '0:102', '0:103', '0:104', '0:105', '1:51', '1:52', '1:53'],
    ]);
    expect(parts[0].positions.map((p) => [p.partition, p.nextOffset])).toEqual([[0, 101], [1, 51]]);
    expect(parts[1].starts).toEqual([{ partition: 0, firstOffset: 101 }, { partition: 1, firstOffset: 51 }]);
    expect(parts[1].positions.map((p) => [p.partition, p.nextOffset])).toEqual([[0, 107], [1, 54]]);
  });

  it('leaves no part smaller than the first at the end: the rest joins the part before', () => {
    expect(splitFetch([batch(0, 0, 2_001)], 2_000).map((p) => p.messages.length)).toEqual([2_001]);
    expect(splitFetch([batch(0, 0, 10_020)], 2_000).map((p) => p.messages.length)).toEqual([2_000, 8_020]);
    expect(splitFetch([batch(0, 0, 16_800)], 2_000).map((p) => p.messages.length)).toEqual([2_000, 8_000, 6_800]);
  });

  it('leaves a partition out of a part too small to give it a share', () => {
    const parts = splitFetch([batch(0, 0, 20), batch(1, 0, 1)], 2);
    expect(parts[0].positions.map((p) => p.partition)).toEqual([0]);
    expect(parts.at(-1)!.positions.map((p) => p.partition)).toEqual([0, 1]);
  });

  it('keeps every message exactly once, in its partition order, and positions that only move forward', () => {
    const sizes = fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(sizes, fc.integer({ min: 1, max: 500 }), (counts, firstPartSize) => {
        const batches = counts.map((count, partition) => batch(partition, partition * 1000, count));
        const parts = splitFetch(batches, firstPartSize);
        for (const b of batches) {
          const mine = parts.flatMap((p) => p.messages.filter((m) => m.partition === b.partition));
          expect(mine).toEqual(b.messages);
          const positions = parts.flatMap((p) => p.positions.filter((x) => x.partition === b.partition).map((x) => x.nextOffset));
          expect(positions).toEqual([...positions].sort((x, y) => x - y));
          expect(positions.at(-1)).toBe(b.lastOffset + 1);
        }
        // Each part but the last holds about its planned share: the first part's size, then four times the one before.
        const total = counts.reduce((sum, c) => sum + c, 0);
        parts.slice(0, -1).forEach((p, i) => expect(Math.abs(p.messages.length - firstPartSize * 4 ** i)).toBeLessThanOrEqual(batches.length));
        // …and the last is no smaller than the first (the rest of a fetch is never left to a part of its own).
        if (parts.length > 1) expect(parts.at(-1)!.messages.length).toBeGreaterThanOrEqual(firstPartSize - batches.length);
        expect(parts.reduce((sum, p) => sum + p.messages.length, 0)).toBe(total);
      }),
    );
  });
});
