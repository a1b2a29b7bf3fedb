import { auc } from './auc';
import { cohensKappa } from './cohens-kappa';

export interface ScorecardOutcome {
  candidate: string;
  /** The interviewer's overall recommendation, read as hire (hire/strong_hire) or not. */
  recommendsHire: boolean;
  meanRating: number;
  /** The candidate's decision. */
  hired: boolean;
}

/**
 * Decision agreement (SPEC §5.3) over an interviewer's scorecards of decided candidates: the
 * share whose recommendation matches the decision, Cohen's kappa, and the AUC of the scorecard's
 * mean rating against the decision.
 */
export function decisionAgreement(scorecards: ScorecardOutcome[]): { rate: number | null; kappa: number | null; auc: number | null; n: number } {
  const n = scorecards.length;
  if (n === 0) return { rate: null, kappa: null, auc: null, n };
  return {
    rate: scorecards.filter((s) => s.recommendsHire === s.hired).length / n,
    kappa: cohensKappa(scorecards.map((s) => [s.recommendsHire, s.hired])),
    auc: auc(
      scorecards.map((s) => s.meanRating),
      scorecards.map((s) => s.hired),
    ),
    n,
  };
}

/** One scorecard's recommendation, and the recommendations of its candidate's whole panel (this one included). */
export interface PanelVote {
  recommendsHire: boolean;
  panelSize: number;
  panelHires: number;
}

/**
 * Leave-one-out panel agreement (SPEC §5.3): how often an interviewer's recommendation matches
 * the majority of the *other* panelists on the same candidate — the decision itself was shaped
 * by their own vote. Ties among the others are skipped. Returns the rate and the number of
 * comparable scorecards.
 */
export function panelAgreement(own: PanelVote[]): { rate: number | null; n: number } {
  let agree = 0;
  let n = 0;
  for (const { recommendsHire, panelSize, panelHires } of own) {
    const others = panelSize - 1;
    const yes = panelHires - (recommendsHire ? 1 : 0);
    const no = others - yes;
    if (others === 0 || yes === no) continue;
    n++;
    if (recommendsHire === yes > no) agree++;
  }
  return { rate: n === 0 ? null : agree / n, n };
}
