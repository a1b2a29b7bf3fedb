import { fCdf } from './distributions';

const variance = (x: ArrayLike<number>) => {
  let total = 0;
  for (let i = 0; i < x.length; i++) total += x[i];
  const mean = total / x.length;
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += (x[i] - mean) ** 2;
  return sum / (x.length - 1);
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
export function rangeRestriction(own: ArrayLike<number>, others: number[] | SampleMoments): { varianceRatio: number; pValue: number } | null {
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
export function haloShare(scorecards: ArrayLike<ArrayLike<number>>): { share: number; n: number } | null {
  let eligible = 0;
  let flat = 0;
  for (let s = 0; s < scorecards.length; s++) {
    const ratings = scorecards[s];
    if (ratings.length < 3) continue;
    eligible++;
    let same = true;
    for (let i = 1; i < ratings.length && same; i++) same = ratings[i] === ratings[0];
    if (same) flat++;
  }
  return eligible === 0 ? null : { share: flat / eligible, n: eligible };
}
