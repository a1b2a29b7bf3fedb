/**
 * Benjamini–Hochberg adjusted p-values (q-values) controlling the false discovery rate
 * (Benjamini & Hochberg 1995): sort p ascending, q_(i) = min_{j ≥ i} min(1, m·p_(j)/j), returned
 * in input order. A test with q ≤ α belongs to a set whose expected share of false discoveries is
 * at most α. Matches R's p.adjust(p, "BH"). O(m log m).
 *
 * @example benjaminiHochberg([0.01, 0.04, 0.03]) // [0.03, 0.04, 0.04]
 */
export function benjaminiHochberg(pValues: number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const q = new Array<number>(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const [p, index] = order[rank - 1];
    running = Math.min(running, (m * p) / rank);
    q[index] = Math.min(1, running);
  }
  return q;
}
