import { fCdf } from './distributions';

const variance = (x: number[]) => {
  const mean = x.reduce((a, b) => a + b, 0) / x.length;
  return x.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (x.length - 1);
};

/**
 * Range restriction (SPEC §5.7): an interviewer's rating variance relative to the org's, and the
 * one-sided F-test that it is smaller, p = P(F(n₁−1, n₂−1) ≤ s₁²/s₂²). Null when either sample has
 * fewer than 2 ratings or the org's variance is 0.
 */
export function rangeRestriction(own: number[], org: number[]): { varianceRatio: number; pValue: number } | null {
  if (own.length < 2 || org.length < 2) return null;
  const orgVariance = variance(org);
  if (orgVariance === 0) return null;
  const ratio = variance(own) / orgVariance;
  return { varianceRatio: ratio, pValue: fCdf(ratio, own.length - 1, org.length - 1) };
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
