/**
 * Mid-ranks (1-based; tied values share the mean of their ranks), as R's rank(ties = "average").
 * Ranks each distinct value once: ratings take a handful of values, so millions of them rank in
 * one pass and a sort of the few distinct values.
 */
export function midRanks(values: ArrayLike<number>): number[] {
  const counts = new Map<number, number>();
  for (let i = 0; i < values.length; i++) counts.set(values[i], (counts.get(values[i]) ?? 0) + 1);
  const rankOf = new Map<number, number>();
  let below = 0;
  for (const value of [...counts.keys()].sort((a, b) => a - b)) {
    const count = counts.get(value)!;
    rankOf.set(value, below + (count + 1) / 2);
    below += count;
  }
  return Array.from(values, (value) => rankOf.get(value)!);
}
