import { tTwoSided, zTwoSided } from './distributions';
import { midRanks } from './ranks';

export interface Correlation {
  r: number;
  n: number;
  /** Two-sided p-value of r = 0 (t test with n − 2 df). */
  pValue: number;
}

/**
 * Pearson's product-moment correlation with its t-test p-value, t = r √((n−2)/(1−r²)).
 * Returns null with fewer than 3 pairs or a constant variable.
 */
export function pearson(x: number[], y: number[]): Correlation | null {
  const n = x.length;
  if (n < 3 || y.length !== n) return null;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  if (sxx === 0 || syy === 0) return null;
  const r = sxy / Math.sqrt(sxx * syy);
  const t = Math.abs(r) >= 1 ? Infinity : r * Math.sqrt((n - 2) / (1 - r * r));
  return { r, n, pValue: Number.isFinite(t) ? tTwoSided(t, n - 2) : 0 };
}

/**
 * Point-biserial correlation of a rating with a binary outcome (hire): Pearson's r with the
 * outcome coded 0/1 (SciPy's pointbiserialr).
 */
export function pointBiserial(ratings: number[], outcome: boolean[]): Correlation | null {
  return pearson(ratings, outcome.map((o) => (o ? 1 : 0)));
}

/** Spearman's ρ: Pearson's r of the mid-ranks (SciPy's spearmanr, ties averaged). */
export function spearman(x: number[], y: number[]): Correlation | null {
  return pearson(midRanks(x), midRanks(y));
}

/**
 * Whether two independent correlations differ: Fisher's z = atanh(r), and
 * z = (z₁ − z₂) / √(1/(n₁−3) + 1/(n₂−3)) against N(0, 1) (Fisher 1921). Returns the change
 * r₂ − r₁ and the two-sided p-value; null when either sample has n ≤ 3.
 */
export function fisherZTest(before: Correlation, after: Correlation): { change: number; z: number; pValue: number } | null {
  if (before.n <= 3 || after.n <= 3) return null;
  const clamp = (r: number) => Math.max(-0.999999, Math.min(0.999999, r));
  const z = (Math.atanh(clamp(after.r)) - Math.atanh(clamp(before.r))) / Math.sqrt(1 / (before.n - 3) + 1 / (after.n - 3));
  return { change: after.r - before.r, z, pValue: zTwoSided(z) };
}
