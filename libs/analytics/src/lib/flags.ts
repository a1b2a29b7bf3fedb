import { benjaminiHochberg } from './benjamini-hochberg';

export type InterviewerFlagType = 'lenient' | 'harsh' | 'low_decision_agreement' | 'halo' | 'range_restriction' | 'interviewer_drift';
export type SignalFlagType = 'signal_drift' | 'signal_validity_drift';

export interface Flag {
  type: InterviewerFlagType | SignalFlagType;
  severity: 'warn' | 'alert';
  /** Who or what is flagged: an interviewerId, or `signal` (with `period` for drift). */
  subject: string;
  period?: string;
  evidence: { effect: number; ciLow?: number; ciHigh?: number; n: number; pValue: number; qValue: number };
  message: string;
}

/** Thresholds of SPEC §5's flag rules; every one can be overridden. */
export interface FlagThresholds {
  minScorecards: number;
  fdr: number;
  severity: { warn: number; alert: number };
  decisionAgreementDrop: { warn: number; alert: number };
  halo: { warn: number; alert: number };
  varianceRatio: { warn: number; alert: number };
  driftShiftSd: { warn: number; alert: number };
  psi: { warn: number; alert: number };
  validityChange: { warn: number; alert: number };
}

export const defaultFlagThresholds: FlagThresholds = {
  minScorecards: 10,
  fdr: 0.05,
  severity: { warn: 0.25, alert: 0.5 },
  decisionAgreementDrop: { warn: 0.15, alert: 0.25 },
  halo: { warn: 0.3, alert: 0.5 },
  varianceRatio: { warn: 0.5, alert: 0.3 },
  driftShiftSd: { warn: 0.5, alert: 1 },
  psi: { warn: 0.1, alert: 0.25 },
  validityChange: { warn: 0.1, alert: 0.2 },
};

/** One test of one subject, before false-discovery control. */
export interface Candidate {
  subject: string;
  period?: string;
  effect: number;
  ciLow?: number;
  ciHigh?: number;
  n: number;
  pValue: number;
  /** null when the effect is too small to flag whatever its q-value; otherwise warn or alert. */
  severity: 'warn' | 'alert' | null;
  /** Extra conditions of the rule (an interval excluding 0, PSI above its null cut-off). */
  eligible: boolean;
  message: string;
}

/**
 * Applies one flag type's rule to its candidates: q-values by Benjamini–Hochberg across every
 * subject tested for this type (SPEC §5: p-values within one flag type are adjusted together),
 * and a flag where q ≤ fdr, the effect reaches a severity and the rule's extra conditions hold.
 */
export function decideFlags(type: Flag['type'], candidates: Candidate[], fdr: number): Flag[] {
  const q = benjaminiHochberg(candidates.map((c) => c.pValue));
  return candidates.flatMap((c, i) =>
    c.severity && c.eligible && q[i] <= fdr
      ? [
          {
            type,
            severity: c.severity,
            subject: c.subject,
            ...(c.period ? { period: c.period } : {}),
            evidence: { effect: c.effect, ciLow: c.ciLow, ciHigh: c.ciHigh, n: c.n, pValue: c.pValue, qValue: q[i] },
            message: c.message,
          },
        ]
      : [],
  );
}

/** warn/alert by the size of an effect, or null when it is below the warn threshold. */
export function severityOf(size: number, { warn, alert }: { warn: number; alert: number }, smallerIsWorse = false): 'warn' | 'alert' | null {
  if (smallerIsWorse) return size <= alert ? 'alert' : size <= warn ? 'warn' : null;
  return size >= alert ? 'alert' : size >= warn ? 'warn' : null;
}
