import { chiSquareQuantile, chiSquareSurvival } from './distributions';

/**
 * Population Stability Index of `actual` counts against `baseline` counts over the same K bins:
 * PSI = Σ (a_i − b_i) ln(a_i / b_i) with shares smoothed by 0.5 counts per bin so empty bins stay
 * finite (SPEC §5.8). Always ≥ 0; 0 means identical distributions.
 *
 * @example psi([50, 50], [50, 50]) // 0
 */
export function psi(baseline: number[], actual: number[]): number {
  if (baseline.length !== actual.length) throw new Error('psi: baseline and actual need the same bins');
  const k = baseline.length;
  const nb = baseline.reduce((a, b) => a + b, 0);
  const na = actual.reduce((a, b) => a + b, 0);
  let sum = 0;
  for (let i = 0; i < k; i++) {
    const b = (baseline[i] + 0.5) / (nb + 0.5 * k);
    const a = (actual[i] + 0.5) / (na + 0.5 * k);
    sum += (a - b) * Math.log(a / b);
  }
  return sum;
}

/**
 * The PSI a stable distribution exceeds only 5% of the time with samples of N and M ratings:
 * PSI is asymptotically χ²(K−1)·(1/N + 1/M) under no change, so the cut-off is
 * χ²(K−1, 0.95)·(1/N + 1/M) (SPEC §5.8; Yurdakul 2018).
 */
export function psiNullCutoff(k: number, n: number, m: number): number {
  return chiSquareQuantile(0.95, k - 1) * (1 / n + 1 / m);
}

/**
 * Pearson's χ² test of homogeneity: do the rows (e.g. baseline and current period) share one
 * distribution over the columns (scale points)? Columns empty in every row are dropped.
 * Returns null when fewer than two rows or columns carry data (SciPy's chi2_contingency,
 * without continuity correction).
 */
export function chiSquareHomogeneity(table: number[][]): { statistic: number; df: number; pValue: number } | null {
  const rows = table.filter((row) => row.some((c) => c > 0));
  const columns = table[0]?.map((_, j) => j).filter((j) => rows.some((row) => row[j] > 0)) ?? [];
  if (rows.length < 2 || columns.length < 2) return null;
  const rowTotals = rows.map((row) => columns.reduce((sum, j) => sum + row[j], 0));
  const colTotals = columns.map((j) => rows.reduce((sum, row) => sum + row[j], 0));
  const total = rowTotals.reduce((a, b) => a + b, 0);
  let statistic = 0;
  rows.forEach((row, i) =>
    columns.forEach((j, jj) => {
      const expected = (rowTotals[i] * colTotals[jj]) / total;
      statistic += (row[j] - expected) ** 2 / expected;
    }),
  );
  const df = (rows.length - 1) * (columns.length - 1);
  return { statistic, df, pValue: chiSquareSurvival(statistic, df) };
}
