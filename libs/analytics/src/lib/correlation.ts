import { tTwoSided, zTwoSided } from './distributions';
import { midRanks } from './ranks';

export interface Correlation {
  r: number;
  n: number;
  /** Two-sided p-value of r = 0 (t test with n − 2 df). */
  pValue: number;
}

/**
 * The sums that determine Pearson's r of pairs (x, y). Sums of two samples add up to the sums of
 * both, so a correlation over pooled periods costs no second pass over their data.
 */
export interface PairSums {
  n: number;
  x: number;
  y: number;
  xx: number;
  yy: number;
  xy: number;
}

export function pairSums(x: ArrayLike<number>, y: ArrayLike<number>): PairSums {
  const sums = { n: x.length, x: 0, y: 0, xx: 0, yy: 0, xy: 0 };
  for (let i = 0; i < x.length; i++) {
    sums.x += x[i];
    sums.y += y[i];
    sums.xx += x[i] * x[i];
    sums.yy += y[i] * y[i];
    sums.xy += x[i] * y[i];
  }
  return sums;
}

export const addPairSums = (a: PairSums, b: PairSums): PairSums => ({ n: a.n + b.n, x: a.x + b.x, y: a.y + b.y, xx: a.xx + b.xx, yy: a.yy + b.yy, xy: a.xy + b.xy });

/**
 * Pearson's product-moment correlation with its t-test p-value, t = r √((n−2)/(1−r²)), from the
 * pairs' sums. Returns null with fewer than 3 pairs or a constant variable (a spread below
 * rounding error of its sum of squares counts as constant).
 */
export function pearsonFromSums(s: PairSums): Correlation | null {
  const { n } = s;
  if (n < 3) return null;
  const sxx = s.xx - (s.x * s.x) / n;
  const syy = s.yy - (s.y * s.y) / n;
  const sxy = s.xy - (s.x * s.y) / n;
  if (sxx <= 1e-12 * s.xx || syy <= 1e-12 * s.yy) return null;
  const r = Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
  const t = Math.abs(r) >= 1 ? Infinity : r * Math.sqrt((n - 2) / (1 - r * r));
  return { r, n, pValue: Number.isFinite(t) ? tTwoSided(t, n - 2) : 0 };
}

/** Pearson's r of x and y (see pearsonFromSums). */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): Correlation | null {
  return x.length === y.length ? pearsonFromSums(pairSums(x, y)) : null;
}

/**
 * Point-biserial correlation of a rating with a binary outcome (hire): Pearson's r with the
 * outcome coded 0/1 (SciPy's pointbiserialr).
 */
export function pointBiserial(ratings: ArrayLike<number>, outcome: ArrayLike<boolean | number>): Correlation | null {
  return pearson(ratings, Array.from(outcome, Number));
}

/** Spearman's ρ: Pearson's r of the mid-ranks (SciPy's spearmanr, ties averaged). */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): Correlation | null {
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
