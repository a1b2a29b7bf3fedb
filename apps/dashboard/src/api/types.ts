// Response shapes of the query API (README "Endpoints"; libs/query views.ts builds them).

export interface FlagView {
  type: string;
  severity: 'warn' | 'alert';
  qValue: number;
  message: string;
  subject: string;
  period?: string;
  evidence: { effect: number; ciLow?: number; ciHigh?: number; n: number; pValue: number; qValue: number };
}

export interface Severity {
  estimate: number;
  se: number;
  ciLow: number;
  ciHigh: number;
  n: number;
}

export interface InterviewerSummary {
  interviewerId: string;
  scorecards: number;
  ratings: number;
  smallSample: boolean;
  severity: Severity | null;
  decisionAgreement: { rate: number | null; kappa: number | null; auc: number | null; n: number };
  panelAgreement: { rate: number | null; n: number };
  flags: FlagView[];
}

export interface InterviewerDetail extends InterviewerSummary {
  asOf: string;
  distribution: { signal: string; counts: Record<string, number>; orgCounts?: Record<string, number> }[];
  halo: { share: number; n: number; orgShare?: number | null } | null;
  rangeRestriction: { varianceRatio: number; pValue: number } | null;
  drift: { series: { at: string; residual: number; upper: number; lower: number }[]; alarm: { direction: 'up' | 'down'; onset: string | null; shiftSd: number | null } | null };
  levels: { n: number; matched: number; above: number; below: number };
  baseline?: { interviewers: number; withheld: boolean; note?: string };
}

export interface SignalView {
  rubricId: string;
  signal: string;
  ratings: number;
  smallSample: boolean;
  distribution: Record<string, number>;
  validity: { pointBiserial: number | null; auc: number | null; spearmanLevel: number | null; n: number };
  reliability: { icc1: number | null; krippendorffAlpha: number | null; candidates: number };
  drift: { period: string; ratings: number; counts: Record<string, number>; psi: number | null; nullCutoff: number | null; pValue: number | null; status: string; validity: { pointBiserial: number | null }; reliability: { icc1: number | null } }[];
}

export interface LevelView {
  targetLevel: string;
  candidates: number;
  decided: number;
  hireRate: number | null;
  upLevelRate: number | null;
  downLevelRate: number | null;
  meanRating: Record<string, number>;
  smallSample: boolean;
}

export interface Status {
  asOf: string;
  lag: { events: number; seconds: number };
  eventsProjected: number;
  deadLetters: number;
}
