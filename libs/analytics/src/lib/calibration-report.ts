import { auc } from './auc';
import { addPairSums, fisherZTest, pairSums, pearsonFromSums, spearman } from './correlation';
import { cusum } from './cusum';
import { decisionAgreement, panelAgreement } from './decision-agreement';
import { chiSquareHomogeneity, psi, psiNullCutoff } from './drift';
import { chiSquareSurvival, zTwoSided } from './distributions';
import type { FactColumns } from './fact-columns';
import { decideFlags, defaultFlagThresholds, severityOf, type Candidate, type Flag, type FlagThresholds } from './flags';
import { densify, groupByIndex } from './group-by-index';
import { haloShare, rangeRestriction } from './rating-spread';
import { icc1, krippendorffAlphaOrdinal } from './reliability';
import { fitSeverityModel, type SeverityModel } from './severity-model';

export interface RubricInfo {
  rubricId: string;
  scale: number[];
  levels: { key: string; rank: number }[];
}

export interface ReportOptions {
  period: 'week' | 'month';
  thresholds: FlagThresholds;
  /** θ per rubric from an earlier report's `models`: refits start there (same optimum, fewer steps). */
  warmStart: Record<string, [number, number]>;
}

/** Fewer than this many data points and a figure is marked as resting on few data. */
export const SMALL_SAMPLE = 30;

/** An interviewer's drift series is thinned to about this many points for display (the CUSUM runs on all). */
export const DRIFT_SERIES_POINTS = 400;

const mean = (xs: ArrayLike<number>) => {
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += xs[i];
  return sum / xs.length;
};
const round = (x: number | null | undefined, digits = 4) => (x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 10 ** digits) / 10 ** digits);
const iso = (ms: number) => new Date(ms).toISOString();

/** The ISO week (Monday) or month a timestamp falls in, as a label. */
export function periodOf(iso: string, period: 'week' | 'month'): string {
  if (period === 'month') return iso.slice(0, 7);
  const date = new Date(iso.slice(0, 10) + 'T00:00:00Z');
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

/**
 * What the report derives once from the fact columns: for every rating its scorecard, and for
 * every scorecard its vote, decision, period and level ranks as numbers. Every figure below
 * works on these arrays and lists of indices into them, never on an object per rating.
 */
interface Scope {
  facts: FactColumns;
  scorecards: number;
  ratings: number;
  scorecardOf: Int32Array;
  recommendsHire: Uint8Array;
  decided: Uint8Array;
  hired: Uint8Array;
  /** Index into `periods` (sorted labels). */
  period: Int32Array;
  periods: string[];
  /** Rank of the final, target and recommended level in the scorecard's rubric; NaN when unknown. */
  finalRank: Float64Array;
  targetRank: Float64Array;
  recommendedRank: Float64Array;
  name: (code: number) => string;
}

function scopeOf(facts: FactColumns, rubrics: RubricInfo[], period: 'week' | 'month'): Scope {
  const scorecards = facts.candidateId.length;
  const ratings = facts.rating.length;
  const name = (code: number) => facts.strings[code];
  const scorecardOf = new Int32Array(ratings);
  for (let s = 0; s < scorecards; s++) scorecardOf.fill(s, facts.ratingStart[s], facts.ratingStart[s + 1]);
  const rankOf = new Map(rubrics.flatMap((r) => r.levels.map((l) => [`${r.rubricId}:${l.key}`, l.rank] as const)));
  const rank = (s: number, level: Int32Array) => rankOf.get(`${name(facts.rubricId[s])}:${name(level[s])}`) ?? NaN;
  const labelOfDay = new Map<number, string>();
  const labels: string[] = [];
  const scope: Scope = {
    facts,
    scorecards,
    ratings,
    scorecardOf,
    recommendsHire: new Uint8Array(scorecards),
    decided: new Uint8Array(scorecards),
    hired: new Uint8Array(scorecards),
    period: new Int32Array(scorecards),
    periods: [],
    finalRank: new Float64Array(scorecards),
    targetRank: new Float64Array(scorecards),
    recommendedRank: new Float64Array(scorecards),
    name,
  };
  const labelIndex = new Map<string, number>();
  for (let s = 0; s < scorecards; s++) {
    const overall = name(facts.overall[s]);
    scope.recommendsHire[s] = Number(overall === 'hire' || overall === 'strong_hire');
    scope.decided[s] = Number(name(facts.decision[s]) !== '');
    scope.hired[s] = Number(name(facts.decision[s]) === 'hire');
    scope.finalRank[s] = rank(s, facts.finalLevel);
    scope.targetRank[s] = rank(s, facts.targetLevel);
    scope.recommendedRank[s] = rank(s, facts.recommendedLevel);
    const day = Math.floor(facts.interviewedAt[s] / 86_400_000);
    let label = labelOfDay.get(day);
    if (label === undefined) labelOfDay.set(day, (label = periodOf(iso(facts.interviewedAt[s]), period)));
    let index = labelIndex.get(label);
    if (index === undefined) {
      labelIndex.set(label, (index = labels.length));
      labels.push(label);
    }
    scope.period[s] = index;
  }
  // Period indices in label order, so index order is time order.
  const order = labels.map((_, i) => i).sort((a, b) => (labels[a] < labels[b] ? -1 : 1));
  const sortedIndex = new Int32Array(labels.length);
  order.forEach((old, i) => (sortedIndex[old] = i));
  for (let s = 0; s < scorecards; s++) scope.period[s] = sortedIndex[scope.period[s]];
  scope.periods = order.map((i) => labels[i]);
  return scope;
}

/** Groups of indices by a code, as a list of [code, members] in order of the code's first appearance. */
function groupsOf(count: number, codeOf: (i: number) => number): [number, Int32Array][] {
  const codes = new Int32Array(count);
  for (let i = 0; i < count; i++) codes[i] = codeOf(i);
  const dense = densify(codes);
  const { start, members } = groupByIndex(dense.index, dense.codes.length);
  return dense.codes.map((code, k) => [code, members.subarray(start[k], start[k + 1])]);
}

/** The ratings of scorecards, as rating indices. */
function ratingsOfScorecards(scope: Scope, scorecards: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < scorecards.length; i++) for (let k = scope.facts.ratingStart[scorecards[i]]; k < scope.facts.ratingStart[scorecards[i] + 1]; k++) out.push(k);
  return out;
}

/** values[i] for each index, as one array. */
function valuesAt(values: ArrayLike<number>, indices: ArrayLike<number>): Float64Array {
  const out = new Float64Array(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = values[indices[i]];
  return out;
}

/** Each candidate's ratings among these, for candidates rated at least twice: the units of ICC and alpha. */
function panelsOf(scope: Scope, ratings: ArrayLike<number>): number[][] {
  const byCandidate = new Map<number, number[]>();
  for (let i = 0; i < ratings.length; i++) {
    const candidate = scope.facts.candidateId[scope.scorecardOf[ratings[i]]];
    const list = byCandidate.get(candidate);
    if (list) list.push(scope.facts.rating[ratings[i]]);
    else byCandidate.set(candidate, [scope.facts.rating[ratings[i]]]);
  }
  return [...byCandidate.values()].filter((v) => v.length >= 2);
}

interface Moments {
  n: number;
  sum: number;
  sumSquares: number;
}

function moments(xs: ArrayLike<number>): Moments {
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < xs.length; i++) {
    sum += xs[i];
    sumSquares += xs[i] * xs[i];
  }
  return { n: xs.length, sum, sumSquares };
}
/** Everyone's ratings but one interviewer's, as moments: org minus own. */
const othersMoments = (org: Moments, own: Moments): Moments => ({ n: org.n - own.n, sum: org.sum - own.sum, sumSquares: org.sumSquares - own.sumSquares });

/** Ratings per signal and scale value. */
function ratingCounts(scope: Scope, ratings: ArrayLike<number>): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (let i = 0; i < ratings.length; i++) {
    const k = ratings[i];
    const bySignal = (out[scope.name(scope.facts.signal[k])] ??= {});
    const value = scope.facts.rating[k];
    bySignal[value] = (bySignal[value] ?? 0) + 1;
  }
  return out;
}

/** Severity per interviewer across rubrics: per-rubric fits combined by inverse-variance weights. */
function severities(scope: Scope, warmStart: Record<string, [number, number]>) {
  const { facts } = scope;
  const models: { rubricId: string; model: SeverityModel; ratings: Int32Array }[] = [];
  const weighted = new Map<string, { sumW: number; sumWE: number; n: number }>();
  for (const [rubric, ratings] of groupsOf(scope.ratings, (k) => facts.rubricId[scope.scorecardOf[k]])) {
    const rubricId = scope.name(rubric);
    const pick = (codes: Int32Array) => Int32Array.from(ratings, (k) => codes[scope.scorecardOf[k]]);
    const interviewer = pick(facts.interviewerId);
    if (new Set(interviewer).size < 2) continue;
    const model = fitSeverityModel(
      { candidate: pick(facts.candidateId), interviewer, signal: Int32Array.from(ratings, (k) => facts.signal[k]), rating: Float64Array.from(ratings, (k) => facts.rating[k]), names: facts.strings },
      { start: warmStart[rubricId] },
    );
    models.push({ rubricId, model, ratings });
    for (const i of model.interviewers) {
      const w = 1 / (i.se * i.se);
      const acc = weighted.get(i.interviewer) ?? { sumW: 0, sumWE: 0, n: 0 };
      weighted.set(i.interviewer, { sumW: acc.sumW + w, sumWE: acc.sumWE + w * i.estimate, n: acc.n + i.n });
    }
  }
  return { byInterviewer: new Map([...weighted].map(([id, w]) => [id, { estimate: w.sumWE / w.sumW, se: Math.sqrt(1 / w.sumW), n: w.n }])), models };
}

/**
 * Every figure of SPEC §5 for the facts in scope: per interviewer (severity, decision and
 * panel agreement, halo, range restriction, drift, distribution, levels), per signal
 * (distribution, validity, drift, reliability), per target level, and the flags. Pure: the
 * caller loads the facts and caches the result.
 */
export function calibrationReport(facts: FactColumns, rubrics: RubricInfo[], options: Partial<ReportOptions> = {}) {
  const { period, thresholds, warmStart } = { period: 'month' as const, thresholds: defaultFlagThresholds, warmStart: {}, ...options };
  const scope = scopeOf(facts, rubrics, period);
  const { name } = scope;
  const scaleOf = new Map(rubrics.map((r) => [r.rubricId, r.scale]));
  const { byInterviewer: severity, models } = severities(scope, warmStart);

  // Panels: every recommendation per candidate, for leave-one-out agreement.
  const panelSize = new Int32Array(facts.strings.length);
  const panelHires = new Int32Array(facts.strings.length);
  let decidedCount = 0;
  let decidedAgreeing = 0;
  for (let s = 0; s < scope.scorecards; s++) {
    panelSize[facts.candidateId[s]]++;
    panelHires[facts.candidateId[s]] += scope.recommendsHire[s];
    if (scope.decided[s]) {
      decidedCount++;
      if (scope.recommendsHire[s] === scope.hired[s]) decidedAgreeing++;
    }
  }
  const orgAgreement = decidedCount ? decidedAgreeing / decidedCount : null;
  const ratingsOfScorecard = (s: number) => facts.rating.subarray(facts.ratingStart[s], facts.ratingStart[s + 1]);
  // Each interviewer's halo once; the org's is their sum (every scorecard has one interviewer).
  const byInterviewer = groupsOf(scope.scorecards, (s) => facts.interviewerId[s])
    .map(([code, own]) => ({ id: name(code), own, halo: haloShare(Array.from(own, ratingsOfScorecard)) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const haloN = byInterviewer.reduce((sum, i) => sum + (i.halo?.n ?? 0), 0);
  const orgHalo = haloN ? { share: byInterviewer.reduce((sum, i) => sum + (i.halo ? Math.round(i.halo.share * i.halo.n) : 0), 0) / haloN, n: haloN } : null;

  const residualsByInterviewer = scorecardResiduals(scope, models);
  const orgCounts = ratingCounts(scope, range(0, scope.ratings));
  const orgMoments = moments(facts.rating);

  const interviewers = byInterviewer.map(({ id, own, halo }) => {
      const ownRatings = ratingsOfScorecards(scope, own);
      const ownValues = valuesAt(facts.rating, ownRatings);
      const sev = severity.get(id);
      const decided = Array.from(own).filter((s) => scope.decided[s]);
      const agreement = decisionAgreement(decided.map((s) => ({ candidate: name(facts.candidateId[s]), recommendsHire: scope.recommendsHire[s] === 1, meanRating: mean(ratingsOfScorecard(s)), hired: scope.hired[s] === 1 })));
      const panel = panelAgreement(Array.from(own, (s) => ({ recommendsHire: scope.recommendsHire[s] === 1, panelSize: panelSize[facts.candidateId[s]], panelHires: panelHires[facts.candidateId[s]] })));
      const rangeFigures = rangeRestriction(ownValues, othersMoments(orgMoments, moments(ownValues)));
      const residuals = residualsByInterviewer.get(id) ?? { at: new Float64Array(0), z: new Float64Array(0) };
      const drift = cusum(residuals.z);
      const onset = drift.alarm ? iso(residuals.at[drift.alarm.onsetIndex]) : null;
      const shift = drift.alarm ? shiftAfterOnset(residuals.z, drift.alarm.onsetIndex) : null;
      const levels = Array.from(own).filter((s) => name(facts.recommendedLevel[s]) && scope.hired[s] && name(facts.finalLevel[s]));
      const rankOr0 = (x: number) => (Number.isNaN(x) ? 0 : x);
      return {
        interviewerId: id,
        scorecards: own.length,
        ratings: ownRatings.length,
        smallSample: own.length < SMALL_SAMPLE,
        severity: sev ? { estimate: round(sev.estimate)!, se: round(sev.se)!, ciLow: round(sev.estimate - 1.96 * sev.se)!, ciHigh: round(sev.estimate + 1.96 * sev.se)!, n: sev.n } : null,
        decisionAgreement: { rate: round(agreement.rate), kappa: round(agreement.kappa), auc: round(agreement.auc), n: agreement.n },
        panelAgreement: { rate: round(panel.rate), n: panel.n },
        halo: halo ? { share: round(halo.share), n: halo.n, orgShare: round(orgHalo?.share) } : null,
        rangeRestriction: rangeFigures ? { varianceRatio: round(rangeFigures.varianceRatio), pValue: round(rangeFigures.pValue, 6) } : null,
        drift: {
          series: thinSeries(residuals, drift),
          points: residuals.z.length,
          alarm: drift.alarm ? { direction: drift.alarm.direction, onset, shiftSd: round(shift?.shift) } : null,
        },
        distribution: Object.entries(ratingCounts(scope, ownRatings))
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([signal, counts]) => ({ signal, counts, orgCounts: orgCounts[signal] ?? {} })),
        levels: {
          n: levels.length,
          matched: levels.filter((s) => facts.recommendedLevel[s] === facts.finalLevel[s]).length,
          above: levels.filter((s) => rankOr0(scope.recommendedRank[s]) > rankOr0(scope.finalRank[s])).length,
          below: levels.filter((s) => rankOr0(scope.recommendedRank[s]) < rankOr0(scope.finalRank[s])).length,
        },
        _tests: { sev, agreement, halo, range: rangeFigures, shift, orgAgreement },
      };
    });

  const flags = interviewerFlags(interviewers, thresholds, orgAgreement, orgHalo?.share ?? null);
  const signals = signalReport(scope, scaleOf, thresholds);
  const allFlags = [...flags, ...signals.flags];
  return {
    calibrationPacks: calibrationPacks(scope),
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- drops the working figures
    interviewers: interviewers.map(({ _tests, ...rest }) => ({ ...rest, flags: allFlags.filter((f) => f.subject === rest.interviewerId && f.type !== 'signal_drift' && f.type !== 'signal_validity_drift') })),
    signals: signals.signals,
    levels: levelReport(scope),
    flags: allFlags,
    /** Each rubric's severity model: variance components, and θ for the next refit's warm start. */
    models: models.map(({ rubricId, model: m }) => ({ rubricId, sigma: round(m.sigma), sigmaCandidate: round(m.sigmaCandidate), sigmaInterviewer: round(m.sigmaInterviewer), theta: m.theta })),
    org: { interviewers: interviewers.length, scorecards: scope.scorecards, ratings: scope.ratings, decisionAgreement: round(orgAgreement), haloShare: round(orgHalo?.share) },
  };
}

export type CalibrationReport = ReturnType<typeof calibrationReport>;

/** The integers from … to − 1. */
function range(from: number, to: number): Int32Array {
  const out = new Int32Array(Math.max(0, to - from));
  for (let i = 0; i < out.length; i++) out[i] = from + i;
  return out;
}

/**
 * One interviewer's scorecards in time order: when each was held (epoch ms) and its residual.
 * Typed arrays, not an object and an ISO string per scorecard: at 1M scorecards those took
 * ~90 MB of the report worker's heap for as long as the report ran.
 */
interface ResidualSeries {
  at: Float64Array;
  z: Float64Array;
}

/**
 * Each interviewer's scorecards in time order as standardized residuals for CUSUM (SPEC §5.11):
 * a scorecard's mean of rating − signal effect − candidate effect (the interviewer's own effect
 * kept in, since a change in it is the drift), centred on the interviewer's level over their
 * first third of scorecards (at least 10) and divided by the model's residual SD σ. Scorecard
 * means rather than single ratings, because one scorecard's ratings share one impression and
 * are not independent.
 */
function scorecardResiduals(scope: Scope, models: { model: SeverityModel; ratings: Int32Array }[]): Map<string, ResidualSeries> {
  const { facts } = scope;
  const sum = new Float64Array(scope.scorecards);
  const count = new Int32Array(scope.scorecards);
  const sigma = new Float64Array(scope.scorecards);
  for (const { model, ratings } of models) {
    const effect = new Map(model.interviewers.map((i) => [i.interviewer, i.estimate]));
    ratings.forEach((k, i) => {
      const s = scope.scorecardOf[k];
      sum[s] += model.residuals[i] + (effect.get(scope.name(facts.interviewerId[s])) ?? 0);
      count[s]++;
      sigma[s] = model.sigma;
    });
  }
  const result = new Map<string, ResidualSeries>();
  for (const [code, own] of groupsOf(scope.scorecards, (s) => facts.interviewerId[s])) {
    const cards = Array.from(own)
      .filter((s) => count[s] > 0)
      .sort((a, b) => facts.interviewedAt[a] - facts.interviewedAt[b]);
    if (cards.length === 0) continue;
    const level = (s: number) => sum[s] / count[s];
    const baseline = cards.slice(0, Math.max(10, Math.floor(cards.length / 3)));
    const centre = mean(baseline.map(level));
    result.set(scope.name(code), {
      at: Float64Array.from(cards, (s) => facts.interviewedAt[s]),
      z: Float64Array.from(cards, (s) => (level(s) - centre) / sigma[s]),
    });
  }
  return result;
}

/**
 * The drift series as shown: at most about DRIFT_SERIES_POINTS points, each standing for a run
 * of consecutive scorecards (its last time, mean residual, and the largest CUSUM sums in it),
 * so a chart of thousands of scorecards stays readable and the report small. The alarm and
 * onset come from the full series.
 */
export function thinSeries(residuals: ResidualSeries, drift: ReturnType<typeof cusum>) {
  const length = residuals.z.length;
  const step = Math.max(1, Math.ceil(length / DRIFT_SERIES_POINTS));
  const series: { at: string; residual: number; upper: number; lower: number }[] = [];
  for (let start = 0; start < length; start += step) {
    const end = Math.min(length, start + step);
    let z = 0;
    let upper = 0;
    let lower = 0;
    for (let i = start; i < end; i++) {
      z += residuals.z[i];
      upper = Math.max(upper, drift.upper[i]);
      lower = Math.max(lower, drift.lower[i]);
    }
    series.push({ at: iso(residuals.at[end - 1]), residual: round(z / (end - start))!, upper: round(upper)!, lower: round(lower)! });
  }
  return series;
}

/** Mean standardized residual after the CUSUM onset minus before, with a two-sample z-test. */
function shiftAfterOnset(z: Float64Array, onset: number): { shift: number; pValue: number } | null {
  const before = z.slice(0, onset);
  const after = z.slice(onset);
  if (before.length < 2 || after.length < 2) return null;
  const shift = mean(after) - mean(before);
  // Welch's t with the observed spread: scorecard means vary by more than σ/√k when a
  // scorecard's ratings share one impression.
  const variance = (xs: Float64Array) => {
    const m = mean(xs);
    return xs.reduce((sum, x) => sum + (x - m) ** 2, 0) / (xs.length - 1);
  };
  const se = Math.sqrt(variance(before) / before.length + variance(after) / after.length);
  return { shift, pValue: se > 0 ? zTwoSided(shift / se) : 1 };
}

type InterviewerEntry = ReturnType<typeof calibrationReport>['interviewers'][number] & { _tests: any };

function interviewerFlags(interviewers: any[], t: FlagThresholds, orgAgreement: number | null, orgHalo: number | null): Flag[] {
  const eligible = (interviewers as InterviewerEntry[]).filter((i) => i.scorecards >= t.minScorecards);
  const pts = (x: number) => `${Math.abs(x).toFixed(2)} points`;
  const sevCandidates = eligible
    .filter((i) => i._tests.sev)
    .map((i): Candidate & { direction: number } => {
      const { estimate, se } = i._tests.sev;
      const lenient = estimate > 0;
      return {
        subject: i.interviewerId,
        effect: estimate,
        ciLow: estimate - 1.96 * se,
        ciHigh: estimate + 1.96 * se,
        n: i.scorecards,
        pValue: zTwoSided(estimate / se),
        severity: severityOf(Math.abs(estimate), t.severity),
        eligible: estimate - 1.96 * se > 0 || estimate + 1.96 * se < 0,
        direction: lenient ? 1 : -1,
        message: `Rates ${pts(estimate)} ${lenient ? 'above' : 'below'} peers on the same candidates (95% interval ${(estimate - 1.96 * se).toFixed(2)} to ${(estimate + 1.96 * se).toFixed(2)}, ${i.scorecards} scorecards).`,
      };
    });
  // Lenient and harsh are two flag types over one test: q-values come from all interviewers tested.
  const severityFlags = decideFlags('lenient', sevCandidates, t.fdr).map((f) => (f.evidence.effect < 0 ? { ...f, type: 'harsh' as const } : f));

  const agreementCandidates = eligible
    .filter((i) => i._tests.agreement.n >= t.minScorecards && orgAgreement !== null && orgAgreement > 0 && orgAgreement < 1)
    .map((i): Candidate => {
      const rate = i._tests.agreement.rate as number;
      const n = i._tests.agreement.n as number;
      const drop = orgAgreement! - rate;
      const z = (rate - orgAgreement!) / Math.sqrt((orgAgreement! * (1 - orgAgreement!)) / n);
      return {
        subject: i.interviewerId,
        effect: -drop,
        n,
        pValue: Math.min(1, zTwoSided(z) / 2 + (z > 0 ? 0.5 : 0)), // one-sided: lower than the org
        severity: severityOf(drop, t.decisionAgreementDrop),
        eligible: drop > 0,
        message: `Recommendations match the hiring decision ${(rate * 100).toFixed(0)}% of the time against ${(orgAgreement! * 100).toFixed(0)}% across interviewers (${n} decided candidates).`,
      };
    });

  const haloCandidates = eligible
    .filter((i) => i._tests.halo && orgHalo !== null && orgHalo < 1)
    .map((i): Candidate => {
      const { share, n } = i._tests.halo;
      const p0 = Math.max(orgHalo!, 0.01);
      const z = (share - p0) / Math.sqrt((p0 * (1 - p0)) / n);
      return {
        subject: i.interviewerId,
        effect: share,
        n,
        pValue: Math.min(1, zTwoSided(z) / 2 + (z < 0 ? 0.5 : 0)), // one-sided: more flat scorecards than the org
        severity: severityOf(share, t.halo),
        eligible: share > orgHalo!,
        message: `Gives every signal the same rating on ${(share * 100).toFixed(0)}% of scorecards against ${(orgHalo! * 100).toFixed(0)}% across interviewers: the signals may not be rated separately.`,
      };
    });

  const rangeCandidates = eligible
    .filter((i) => i._tests.range)
    .map((i): Candidate => ({
      subject: i.interviewerId,
      effect: i._tests.range.varianceRatio,
      n: i.ratings,
      pValue: i._tests.range.pValue,
      severity: severityOf(i._tests.range.varianceRatio, t.varianceRatio, true),
      eligible: true,
      message: `Uses a narrow part of the scale: rating variance is ${(i._tests.range.varianceRatio * 100).toFixed(0)}% of the org's (${i.ratings} ratings).`,
    }));

  const driftCandidates = eligible
    .filter((i) => i.drift.alarm && i._tests.shift)
    .map((i): Candidate => ({
      subject: i.interviewerId,
      effect: i._tests.shift.shift,
      n: i.ratings,
      pValue: i._tests.shift.pValue,
      severity: severityOf(Math.abs(i._tests.shift.shift), t.driftShiftSd),
      eligible: true,
      message: `Ratings shifted ${i._tests.shift.shift > 0 ? 'up' : 'down'} by ${Math.abs(i._tests.shift.shift).toFixed(1)} residual SD from ${String(i.drift.alarm?.onset).slice(0, 10)} on, relative to peers on the same candidates.`,
    }));

  return [
    ...severityFlags,
    ...decideFlags('low_decision_agreement', agreementCandidates, t.fdr),
    ...decideFlags('halo', haloCandidates, t.fdr),
    ...decideFlags('range_restriction', rangeCandidates, t.fdr),
    ...decideFlags('interviewer_drift', driftCandidates, t.fdr),
  ];
}


function signalReport(scope: Scope, scaleOf: Map<string, number[]>, t: FlagThresholds) {
  const { facts, name } = scope;
  const driftCandidates: Candidate[] = [];
  const validityCandidates: Candidate[] = [];
  // A rating's (rubric, signal) pair as one number, for grouping.
  const keyOf = (k: number) => facts.rubricId[scope.scorecardOf[k]] * facts.strings.length + facts.signal[k];

  const signals = groupsOf(scope.ratings, keyOf).map(([key, signalRatings]) => {
    const rubricId = name(Math.floor(key / facts.strings.length));
    const signal = name(key % facts.strings.length);
    const scale = scaleOf.get(rubricId) ?? [...new Set(valuesAt(facts.rating, signalRatings))].sort((a, b) => a - b);
    const scaleIndex = new Map(scale.map((v, i) => [v, i]));
    const byValue = (counts: number[]) => Object.fromEntries(scale.map((v, i) => [v, counts[i]]));

    /**
     * What one set of ratings (the whole signal, or one period) contributes: counts per scale
     * value, the candidates behind them, and validity's sums. A baseline of three periods adds
     * up its periods' tallies instead of going over their ratings again.
     */
    const tally = (ratings: ArrayLike<number>) => {
      const counts = scale.map(() => 0);
      const candidates = new Set<number>();
      const decided: number[] = [];
      for (let i = 0; i < ratings.length; i++) {
        const k = ratings[i];
        const index = scaleIndex.get(facts.rating[k]);
        if (index !== undefined) counts[index]++;
        candidates.add(facts.candidateId[scope.scorecardOf[k]]);
        if (scope.decided[scope.scorecardOf[k]]) decided.push(k);
      }
      const hired = Array.from(decided, (k) => scope.hired[scope.scorecardOf[k]]);
      const values = valuesAt(facts.rating, decided);
      return { n: ratings.length, counts, candidates, validitySums: pairSums(values, hired), auc: auc(values, hired), panels: panelsOf(scope, ratings) };
    };
    type Tally = ReturnType<typeof tally>;
    const pooled = (tallies: Tally[]) => {
      const candidates = new Set<number>();
      for (const t of tallies) for (const c of t.candidates) candidates.add(c);
      return {
        n: tallies.reduce((sum, t) => sum + t.n, 0),
        counts: scale.map((_, i) => tallies.reduce((sum, t) => sum + t.counts[i], 0)),
        candidates: candidates.size,
        validity: pearsonFromSums(tallies.map((t) => t.validitySums).reduce(addPairSums)),
      };
    };

    const whole = tally(signalRatings);
    const hiredAtKnownLevel = Array.from(signalRatings).filter((k) => scope.hired[scope.scorecardOf[k]] && !Number.isNaN(scope.finalRank[scope.scorecardOf[k]]));
    const rho = spearman(valuesAt(facts.rating, hiredAtKnownLevel), valuesAt(scope.finalRank, Array.from(hiredAtKnownLevel, (k) => scope.scorecardOf[k])));
    const icc = icc1(whole.panels);
    // Ratings of one candidate are correlated, so n ratings carry less than n ratings' worth of
    // evidence: the Rao–Scott design effect 1 + (m̄ − 1)·ICC deflates χ² and sample sizes.
    const designEffect = ({ n, candidates }: { n: number; candidates: number }) => 1 + (n / Math.max(1, candidates) - 1) * Math.max(0, icc ?? 0);

    const byPeriod = groupsOf(signalRatings.length, (i) => scope.period[scope.scorecardOf[signalRatings[i]]])
      .sort(([a], [b]) => a - b)
      .map(([periodIndex, members]) => ({ period: scope.periods[periodIndex], tally: tally(Array.from(members, (i) => signalRatings[i])) }));
    const drift = byPeriod.map(({ period: p, tally: current }, index) => {
      const figures = {
        counts: byValue(current.counts),
        validity: { pointBiserial: round(pearsonFromSums(current.validitySums)?.r), auc: round(current.auc), n: current.validitySums.n },
        reliability: { icc1: round(icc1(current.panels)), krippendorffAlpha: round(krippendorffAlphaOrdinal(current.panels)), candidates: current.panels.length },
      };
      const baselinePeriods = byPeriod.slice(Math.max(0, index - 3), index).map((b) => b.tally);
      if (baselinePeriods.length < 3) return { period: p, ratings: current.n, ...figures, psi: null, nullCutoff: null, pValue: null, validityChange: null, status: 'insufficient_baseline' as const };
      const baseline = pooled(baselinePeriods);
      const now = pooled([current]);
      const psiValue = psi(baseline.counts, current.counts);
      const deff = Math.max(designEffect(baseline), designEffect(now));
      const cutoff = psiNullCutoff(scale.length, baseline.n / deff, current.n / deff);
      const raw = chiSquareHomogeneity([baseline.counts, current.counts]);
      const chi = raw && { ...raw, statistic: raw.statistic / deff, pValue: chiSquareSurvival(raw.statistic / deff, raw.df) };
      if (chi) {
        driftCandidates.push({
          subject: signal,
          period: p,
          effect: psiValue,
          n: current.n,
          pValue: chi.pValue,
          severity: severityOf(psiValue, t.psi),
          eligible: psiValue > cutoff,
          message: `The ${signal} rating distribution in ${p} moved away from the three periods before (PSI ${psiValue.toFixed(2)}, above the ${cutoff.toFixed(2)} expected from chance with ${current.n} ratings).`,
        });
      }
      const [before, after] = [baseline.validity, now.validity];
      const change = before && after ? fisherZTest(before, after) : null;
      if (change) {
        validityCandidates.push({
          subject: signal,
          period: p,
          effect: change.change,
          n: after!.n,
          pValue: change.pValue,
          severity: severityOf(Math.abs(change.change), t.validityChange),
          eligible: true,
          message: `${signal} ${change.change < 0 ? 'predicts hiring decisions less' : 'predicts hiring decisions more'} in ${p} than before (point-biserial ${before!.r.toFixed(2)} → ${after!.r.toFixed(2)}).`,
        });
      }
      // The status is settled below, once the drift flags have been through FDR control.
      return { period: p, ratings: current.n, ...figures, psi: round(psiValue), nullCutoff: round(cutoff), pValue: round(chi?.pValue, 6), validityChange: round(change?.change), status: 'stable' as 'stable' | 'warn' | 'alert' };
    });

    return {
      rubricId,
      signal,
      ratings: whole.n,
      smallSample: whole.n < SMALL_SAMPLE,
      distribution: byValue(whole.counts),
      validity: {
        pointBiserial: round(pearsonFromSums(whole.validitySums)?.r),
        auc: round(whole.auc),
        spearmanLevel: round(rho?.r),
        n: whole.validitySums.n,
      },
      reliability: { icc1: round(icc), krippendorffAlpha: round(krippendorffAlphaOrdinal(whole.panels)), candidates: whole.panels.length },
      drift,
    };
  });
  const driftFlags = decideFlags('signal_drift', driftCandidates, t.fdr);
  for (const s of signals)
    for (const d of s.drift) {
      const flag = driftFlags.find((f) => f.subject === s.signal && f.period === d.period);
      if (flag && d.status !== 'insufficient_baseline') d.status = flag.severity;
    }
  return { signals, flags: [...driftFlags, ...decideFlags('signal_validity_drift', validityCandidates, t.fdr)] };
}

/**
 * Calibration packs (SPEC §5.10): the candidates whose panel disagreed most — the mean, over
 * signals rated by at least two panelists, of the spread (max − min) of their ratings, with a
 * split hire/no-hire vote breaking ties — each with every panelist's ratings side by side
 * (the caller adds scorecard ids, which the facts leave out).
 */
function calibrationPacks(scope: Scope, limit = 25) {
  const { facts, name } = scope;
  // A scorecard's ratings by signal (a repeated signal: the last rating counts).
  const ratingsOf = (s: number) => {
    const ratings: Record<string, number> = {};
    for (let k = facts.ratingStart[s]; k < facts.ratingStart[s + 1]; k++) ratings[name(facts.signal[k])] = facts.rating[k];
    return ratings;
  };
  const ranked = groupsOf(scope.scorecards, (s) => facts.candidateId[s])
    .filter(([, panel]) => panel.length >= 2)
    .map(([candidate, panel]) => {
      const spreadBySignal = new Map<number, { min: number; max: number; n: number }>();
      let yes = 0;
      for (const s of panel) {
        yes += scope.recommendsHire[s];
        const last = new Map<number, number>();
        for (let k = facts.ratingStart[s]; k < facts.ratingStart[s + 1]; k++) last.set(facts.signal[k], facts.rating[k]);
        for (const [signal, rating] of last) {
          const spread = spreadBySignal.get(signal);
          if (spread) spreadBySignal.set(signal, { min: Math.min(spread.min, rating), max: Math.max(spread.max, rating), n: spread.n + 1 });
          else spreadBySignal.set(signal, { min: rating, max: rating, n: 1 });
        }
      }
      const spreads = [...spreadBySignal.values()].filter((v) => v.n >= 2).map((v) => v.max - v.min);
      return { candidateId: name(candidate), panel, disagreement: round(spreads.length ? mean(spreads) : 0)!, splitRecommendation: yes > 0 && yes < panel.length };
    })
    .sort((a, b) => b.disagreement - a.disagreement || Number(b.splitRecommendation) - Number(a.splitRecommendation) || (a.candidateId < b.candidateId ? -1 : 1))
    .slice(0, limit);
  return ranked.map(({ candidateId, panel, disagreement, splitRecommendation }) => ({
    candidateId,
    targetLevel: name(facts.targetLevel[panel[0]]),
    decision: name(facts.decision[panel[0]]) || null,
    disagreement,
    splitRecommendation,
    panelists: Array.from(panel, (s) => ({ interviewerId: name(facts.interviewerId[s]), overall: name(facts.overall[s]), interviewedAt: iso(facts.interviewedAt[s]), ratings: ratingsOf(s) })),
  }));
}

function levelReport(scope: Scope) {
  const { facts, name } = scope;
  // Each candidate counts once, with its first scorecard's target level.
  const firstScorecard = groupsOf(scope.scorecards, (s) => facts.candidateId[s]).map(([, panel]) => panel[0]);
  const sums = new Map<number, Map<number, { sum: number; n: number }>>();
  for (let k = 0; k < scope.ratings; k++) {
    const level = facts.targetLevel[scope.scorecardOf[k]];
    const bySignal = sums.get(level) ?? sums.set(level, new Map()).get(level)!;
    const acc = bySignal.get(facts.signal[k]) ?? bySignal.set(facts.signal[k], { sum: 0, n: 0 }).get(facts.signal[k])!;
    acc.sum += facts.rating[k];
    acc.n++;
  }
  const targets = [...new Set(facts.targetLevel)].sort((a, b) => (name(a) < name(b) ? -1 : 1));
  const rank = (ranks: Float64Array, s: number) => (Number.isNaN(ranks[s]) ? 0 : ranks[s]);
  return targets.map((level) => {
    const candidates = firstScorecard.filter((s) => facts.targetLevel[s] === level);
    const decided = candidates.filter((s) => scope.decided[s]);
    const hired = decided.filter((s) => scope.hired[s]);
    const meanRating = [...(sums.get(level) ?? new Map<number, { sum: number; n: number }>())]
      .map(([signal, { sum, n }]) => [name(signal), round(sum / n)] as const)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return {
      targetLevel: name(level),
      candidates: candidates.length,
      decided: decided.length,
      hireRate: round(decided.length ? hired.length / decided.length : null),
      upLevelRate: round(hired.length ? hired.filter((s) => rank(scope.finalRank, s) > rank(scope.targetRank, s)).length / hired.length : null),
      downLevelRate: round(hired.length ? hired.filter((s) => rank(scope.finalRank, s) < rank(scope.targetRank, s)).length / hired.length : null),
      meanRating: Object.fromEntries(meanRating),
      smallSample: decided.length < SMALL_SAMPLE,
    };
  });
}
