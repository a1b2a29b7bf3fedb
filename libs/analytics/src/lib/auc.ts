import { midRanks } from './ranks';

/**
 * Area under the ROC curve of `scores` for separating `positive` from the rest, with ties
 * counting one half: the Mann–Whitney U / (n₊ n₋) (Hanley & McNeil 1982), from mid-ranks.
 * 0.5 is chance. Returns null without both classes. O(n log n).
 *
 * @example auc([1, 2, 3, 4], [false, false, true, true]) // 1
 */
export function auc(scores: number[], positive: boolean[]): number | null {
  const ranks = midRanks(scores);
  const nPos = positive.filter(Boolean).length;
  const nNeg = positive.length - nPos;
  if (nPos === 0 || nNeg === 0) return null;
  const rankSum = ranks.reduce((sum, r, i) => sum + (positive[i] ? r : 0), 0);
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}
