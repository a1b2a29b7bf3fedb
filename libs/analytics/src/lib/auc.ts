import { midRanks } from './ranks';

/**
 * Area under the ROC curve of `scores` for separating `positive` from the rest, with ties
 * counting one half: the Mann–Whitney U / (n₊ n₋) (Hanley & McNeil 1982), from mid-ranks.
 * 0.5 is chance. Returns null without both classes. O(n log n).
 *
 * @example auc([1, 2, 3, 4], [false, false, true, true]) // 1
 */
export function auc(scores: ArrayLike<number>, positive: ArrayLike<boolean | number>): number | null {
  const ranks = midRanks(scores);
  let nPos = 0;
  let rankSum = 0;
  for (let i = 0; i < ranks.length; i++) {
    if (!positive[i]) continue;
    nPos++;
    rankSum += ranks[i];
  }
  const nNeg = ranks.length - nPos;
  if (nPos === 0 || nNeg === 0) return null;
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}
