import { fCdf } from './distributions';

const variance = (x: number[]) => {
  const mean = x.reduce((a, b) => a + b, 0) / x.length;
  return x.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (x.length - 1);
};

/** A sample summarised by count, sum and sum of squares (enough for its variance). */
export interface SampleMoments {
  n: number;
  sum: number;
  sumSquares: number;
}

const varianceOf = (m: SampleMoments) => (m.sumSquares - (m.sum * m.sum) / m.n) / (m.n - 1);

/**
 * Range restriction (SPEC §5.7): an interviewer's rating variance relative to the other
 * interviewers', and the one-sided F-test that it is smaller, p = P(F(n₁−1, n₂−1) ≤ s₁²/s₂²).
 * The comparison group may come as moments, so an org of millions of ratings is summed once.
 * Null when either sample has fewer than 2 ratings or the comparison variance is 0.
 */
export function rangeRestriction(own: number[], others: number[] | SampleMoments): { varianceRatio: number; pValue: number } | null {
  const othersN = Array.isArray(others) ? others.length : others.n;
  if (own.length < 2 || othersN < 2) return null;
  const othersVariance = Array.isArray(others) ? variance(others) : varianceOf(others);
  if (!(othersVariance > 1e-12)) return null;
  const ratio = variance(own) / othersVariance;
  return { varianceRatio: ratio, pValue: fCdf(ratio, own.length - 1, othersN - 1) };
}

/**
 * Halo (SPEC §5.6): the share of an interviewer's scorecards rating at least three signals whose
 * ratings are all equal. Null when no scorecard has three signals.
 */
export function haloShare(scorecards: number[][]): { share: number; n: number } | null {
  const eligible = scorecards.filter((ratings) => ratings.length >= 3);
  if (eligible.length === 0) return null;
  const flat = eligible.filter((ratings) => ratings.every((r) => r === ratings[0])).length;
  return { share: flat / eligible.length, n: eligible.length };
}
