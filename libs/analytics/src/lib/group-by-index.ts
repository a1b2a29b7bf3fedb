/**
 * Indices 0…n−1 grouped by an integer key in [0, groups), by a counting sort: group k is
 * `members[start[k] … start[k+1])`, in index order. Two typed arrays, however many groups.
 */
export function groupByIndex(keys: ArrayLike<number>, groups: number): { start: Int32Array; members: Int32Array } {
  const start = new Int32Array(groups + 1);
  for (let i = 0; i < keys.length; i++) start[keys[i] + 1]++;
  for (let k = 0; k < groups; k++) start[k + 1] += start[k];
  const fill = start.slice(0, groups);
  const members = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) members[fill[keys[i]]++] = i;
  return { start, members };
}

/** Codes as dense indices 0, 1, … in order of first appearance, and the distinct codes in that order. */
export function densify(codes: ArrayLike<number>): { index: Int32Array; codes: number[] } {
  const of = new Map<number, number>();
  const index = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    let k = of.get(codes[i]);
    if (k === undefined) of.set(codes[i], (k = of.size));
    index[i] = k;
  }
  return { index, codes: [...of.keys()] };
}
