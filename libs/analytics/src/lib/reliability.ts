/**
 * ICC(1), one-way random effects, single rater (Shrout & Fleiss 1979): how much of the rating
 * variance lies between candidates. (MSB − MSW) / (MSB + (k₀ − 1) MSW), with k₀ the effective
 * group size for unequal panels, k₀ = (N − Σnᵢ²/N)/(g − 1) (equals k for complete data, as in
 * psych::ICC's ICC1). `groups` holds each candidate's ratings; groups with < 2 are skipped.
 * Returns null with fewer than two usable groups.
 */
export function icc1(groups: number[][]): number | null {
  let g = 0;
  let n = 0;
  let total = 0;
  let sumSquaredSizes = 0;
  for (const group of groups) {
    if (group.length < 2) continue;
    g++;
    n += group.length;
    sumSquaredSizes += group.length ** 2;
    for (const x of group) total += x;
  }
  if (g < 2) return null;
  const grand = total / n;
  let ssb = 0;
  let ssw = 0;
  for (const group of groups) {
    if (group.length < 2) continue;
    let sum = 0;
    for (const x of group) sum += x;
    const mean = sum / group.length;
    ssb += group.length * (mean - grand) ** 2;
    for (const x of group) ssw += (x - mean) ** 2;
  }
  const msb = ssb / (g - 1);
  const msw = ssw / (n - g);
  const k0 = (n - sumSquaredSizes / n) / (g - 1);
  const denominator = msb + (k0 - 1) * msw;
  return denominator === 0 ? null : (msb - msw) / denominator;
}

/**
 * Krippendorff's alpha with the ordinal metric (Krippendorff 2011, "Computing Krippendorff's
 * Alpha-Reliability"): α = 1 − D_o / D_e from the coincidence matrix of pairable values, with
 * δ²(c, k) = (Σ_{g=c..k} n_g − (n_c + n_k)/2)². `units` holds each candidate's ratings on one
 * signal; units with fewer than two ratings are not pairable. Returns null when the data have
 * fewer than two distinct values.
 */
export function krippendorffAlphaOrdinal(units: number[][]): number | null {
  const pairable = units.filter((u) => u.length >= 2);
  const distinct = new Set<number>();
  for (const unit of pairable) for (const x of unit) distinct.add(x);
  const values = [...distinct].sort((a, b) => a - b);
  if (values.length < 2) return null;
  const index = new Map(values.map((v, i) => [v, i]));
  const v = values.length;
  const o = Array.from({ length: v }, () => new Array<number>(v).fill(0));
  // Each unit adds 1/(m − 1) for every ordered pair of its values: from its value counts, that is
  // count_c·count_k (c ≠ k) or count_c·(count_c − 1) (c = k) pairs.
  const counts = new Array<number>(v).fill(0);
  for (const unit of pairable) {
    const m = unit.length;
    for (const x of unit) counts[index.get(x)!]++;
    for (let c = 0; c < v; c++) {
      if (counts[c] === 0) continue;
      for (let k = 0; k < v; k++) if (counts[k] > 0) o[c][k] += (counts[c] * (c === k ? counts[k] - 1 : counts[k])) / (m - 1);
    }
    counts.fill(0);
  }
  const nc = o.map((row) => row.reduce((a, b) => a + b, 0));
  const n = nc.reduce((a, b) => a + b, 0);
  const delta = (c: number, k: number) => {
    const [lo, hi] = c <= k ? [c, k] : [k, c];
    let s = 0;
    for (let g = lo; g <= hi; g++) s += nc[g];
    return (s - (nc[c] + nc[k]) / 2) ** 2;
  };
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < v; c++)
    for (let k = 0; k < v; k++) {
      const d = delta(c, k);
      observed += o[c][k] * d;
      expected += nc[c] * nc[k] * d;
    }
  observed /= n;
  expected /= n * (n - 1);
  return expected === 0 ? null : 1 - observed / expected;
}
