import { auc } from './auc';
import { fisherZTest, pointBiserial, spearman } from './correlation';
import { cusum } from './cusum';
import { decisionAgreement, panelAgreement } from './decision-agreement';
import { chiSquareHomogeneity, psi, psiNullCutoff } from './drift';
import { chiSquareSurvival, zTwoSided } from './distributions';
import { decideFlags, defaultFlagThresholds, severityOf, type Candidate, type Flag, type FlagThresholds } from './flags';
import { haloShare, rangeRestriction } from './rating-spread';
import { icc1, krippendorffAlphaOrdinal } from './reliability';
import { fitSeverityModel, type SeverityModel } from './severity-model';

/** One rating of a live scorecard, with its context (a row of the per-rating fact view). */
export interface FactRow {
  scorecardId: string;
  candidateId: string;
  interviewerId: string;
  rubricId: string;
  signal: string;
  rating: number;
  targetLevel: string;
  overall: string;
  recommendedLevel: string;
  interviewedAt: string;
  /** The candidate's current decision: 'hire', 'no_hire' or '' (none yet). */
  decision: string;
  finalLevel: string;
}

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

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const recommendsHire = (overall: string) => overall === 'hire' || overall === 'strong_hire';
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const round = (x: number | null | undefined, digits = 4) => (x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 10 ** digits) / 10 ** digits);

/** The ISO week (Monday) or month a timestamp falls in, as a label. */
export function periodOf(iso: string, period: 'week' | 'month'): string {
  if (period === 'month') return iso.slice(0, 7);
  const date = new Date(iso.slice(0, 10) + 'T00:00:00Z');
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

interface Scorecard {
  id: string;
  candidateId: string;
  interviewerId: string;
  rubricId: string;
  ratings: number[];
  overall: string;
  recommendedLevel: string;
  targetLevel: string;
  interviewedAt: string;
  decision: string;
  finalLevel: string;
}

function scorecardsOf(rows: FactRow[]): Scorecard[] {
  const byId = new Map<string, Scorecard>();
  for (const r of rows) {
    let s = byId.get(r.scorecardId);
    if (!s) {
      s = { id: r.scorecardId, candidateId: r.candidateId, interviewerId: r.interviewerId, rubricId: r.rubricId, ratings: [], overall: r.overall, recommendedLevel: r.recommendedLevel, targetLevel: r.targetLevel, interviewedAt: r.interviewedAt, decision: r.decision, finalLevel: r.finalLevel };
      byId.set(r.scorecardId, s);
    }
    s.ratings.push(r.rating);
  }
  return [...byId.values()];
}

/** Severity per interviewer across rubrics: per-rubric fits combined by inverse-variance weights. */
function severities(rows: FactRow[], warmStart: Record<string, [number, number]>): { byInterviewer: Map<string, { estimate: number; se: number; n: number }>; models: Map<string, SeverityModel>; rowsByRubric: Map<string, FactRow[]> } {
  const rowsByRubric = new Map<string, FactRow[]>();
  for (const r of rows) push(rowsByRubric, r.rubricId, r);
  const models = new Map<string, SeverityModel>();
  const weighted = new Map<string, { sumW: number; sumWE: number; n: number }>();
  for (const [rubricId, rubricRows] of rowsByRubric) {
    if (new Set(rubricRows.map((r) => r.interviewerId)).size < 2) continue;
    const model = fitSeverityModel(
      rubricRows.map((r) => ({ candidate: r.candidateId, interviewer: r.interviewerId, signal: r.signal, rating: r.rating })),
      { start: warmStart[rubricId] },
    );
    models.set(rubricId, model);
    for (const i of model.interviewers) {
      const w = 1 / (i.se * i.se);
      const acc = weighted.get(i.interviewer) ?? { sumW: 0, sumWE: 0, n: 0 };
      weighted.set(i.interviewer, { sumW: acc.sumW + w, sumWE: acc.sumWE + w * i.estimate, n: acc.n + i.n });
    }
  }
  return {
    byInterviewer: new Map([...weighted].map(([id, w]) => [id, { estimate: w.sumWE / w.sumW, se: Math.sqrt(1 / w.sumW), n: w.n }])),
    models,
    rowsByRubric,
  };
}

/**
 * Every figure of SPEC §5 for the fact rows in scope: per interviewer (severity, decision and
 * panel agreement, halo, range restriction, drift, distribution, levels), per signal
 * (distribution, validity, drift, reliability), per target level, and the flags. Pure: the
 * caller loads the rows and caches the result.
 */
export function calibrationReport(rows: FactRow[], rubrics: RubricInfo[], options: Partial<ReportOptions> = {}) {
  const { period, thresholds, warmStart } = { period: 'month' as const, thresholds: defaultFlagThresholds, warmStart: {}, ...options };
  const scorecards = scorecardsOf(rows);
  const interviewerIds = [...new Set(scorecards.map((s) => s.interviewerId))].sort();
  const scaleOf = new Map(rubrics.map((r) => [r.rubricId, r.scale]));
  const rankOf = new Map(rubrics.flatMap((r) => r.levels.map((l) => [`${r.rubricId}:${l.key}`, l.rank] as const)));
  const { byInterviewer: severity, models, rowsByRubric } = severities(rows, warmStart);

  // Panels: every recommendation per candidate, for leave-one-out agreement.
  const panels = new Map<string, boolean[]>();
  for (const s of scorecards) push(panels, s.candidateId, recommendsHire(s.overall));
  const orgDecided = scorecards.filter((s) => s.decision !== '');
  const orgAgreement = orgDecided.length ? orgDecided.filter((s) => recommendsHire(s.overall) === (s.decision === 'hire')).length / orgDecided.length : null;
  const orgHalo = haloShare(scorecards.map((s) => s.ratings));

  const residualsByInterviewer = scorecardResiduals(models, rowsByRubric);

  const scorecardsOfInterviewer = new Map<string, Scorecard[]>();
  for (const s of scorecards) push(scorecardsOfInterviewer, s.interviewerId, s);
  const rowsOfInterviewer = new Map<string, FactRow[]>();
  for (const r of rows) push(rowsOfInterviewer, r.interviewerId, r);
  const orgCounts = ratingCounts(rows);
  const orgMoments = moments(rows.map((r) => r.rating));

  const interviewers = interviewerIds.map((id) => {
    const own = scorecardsOfInterviewer.get(id)!;
    const ownRows = rowsOfInterviewer.get(id)!;
    const sev = severity.get(id);
    const decided = own.filter((s) => s.decision !== '');
    const agreement = decisionAgreement(decided.map((s) => ({ candidate: s.candidateId, recommendsHire: recommendsHire(s.overall), meanRating: mean(s.ratings), hired: s.decision === 'hire' })));
    const panel = panelAgreement(own.map((s) => ({ candidate: s.candidateId, recommendsHire: recommendsHire(s.overall) })), panels);
    const halo = haloShare(own.map((s) => s.ratings));
    const range = rangeRestriction(ownRows.map((r) => r.rating), othersMoments(orgMoments, moments(ownRows.map((r) => r.rating))));
    const residuals = residualsByInterviewer.get(id) ?? [];
    const drift = cusum(residuals.map((r) => r.z));
    const onset = drift.alarm ? residuals[drift.alarm.onsetIndex]?.at ?? null : null;
    const shift = drift.alarm ? shiftAfterOnset(residuals.map((r) => r.z), drift.alarm.onsetIndex) : null;
    const levels = own.filter((s) => s.recommendedLevel && s.decision === 'hire' && s.finalLevel);
    return {
      interviewerId: id,
      scorecards: own.length,
      ratings: ownRows.length,
      smallSample: own.length < SMALL_SAMPLE,
      severity: sev ? { estimate: round(sev.estimate)!, se: round(sev.se)!, ciLow: round(sev.estimate - 1.96 * sev.se)!, ciHigh: round(sev.estimate + 1.96 * sev.se)!, n: sev.n } : null,
      decisionAgreement: { rate: round(agreement.rate), kappa: round(agreement.kappa), auc: round(agreement.auc), n: agreement.n },
      panelAgreement: { rate: round(panel.rate), n: panel.n },
      halo: halo ? { share: round(halo.share), n: halo.n, orgShare: round(orgHalo?.share) } : null,
      rangeRestriction: range ? { varianceRatio: round(range.varianceRatio), pValue: round(range.pValue, 6) } : null,
      drift: {
        series: residuals.map((r, i) => ({ at: r.at, residual: round(r.z)!, upper: round(drift.upper[i])!, lower: round(drift.lower[i])! })),
        alarm: drift.alarm ? { direction: drift.alarm.direction, onset, shiftSd: round(shift?.shift) } : null,
      },
      distribution: Object.entries(ratingCounts(ownRows))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([signal, counts]) => ({ signal, counts, orgCounts: orgCounts[signal] ?? {} })),
      levels: {
        n: levels.length,
        matched: levels.filter((s) => s.recommendedLevel === s.finalLevel).length,
        above: levels.filter((s) => (rankOf.get(`${s.rubricId}:${s.recommendedLevel}`) ?? 0) > (rankOf.get(`${s.rubricId}:${s.finalLevel}`) ?? 0)).length,
        below: levels.filter((s) => (rankOf.get(`${s.rubricId}:${s.recommendedLevel}`) ?? 0) < (rankOf.get(`${s.rubricId}:${s.finalLevel}`) ?? 0)).length,
      },
      _tests: { sev, agreement, halo, range, shift, orgAgreement },
    };
  });

  const flags = interviewerFlags(interviewers, thresholds, orgAgreement, orgHalo?.share ?? null);
  const signals = signalReport(rows, scaleOf, rankOf, period, thresholds);
  const allFlags = [...flags, ...signals.flags];
  return {
    calibrationPacks: calibrationPacks(scorecards, rows),
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- drops the working figures
    interviewers: interviewers.map(({ _tests, ...rest }) => ({ ...rest, flags: allFlags.filter((f) => f.subject === rest.interviewerId && f.type !== 'signal_drift' && f.type !== 'signal_validity_drift') })),
    signals: signals.signals,
    levels: levelReport(scorecards, rows, rankOf),
    flags: allFlags,
    /** Each rubric's severity model: variance components, and θ for the next refit's warm start. */
    models: [...models].map(([rubricId, m]) => ({ rubricId, sigma: round(m.sigma), sigmaCandidate: round(m.sigmaCandidate), sigmaInterviewer: round(m.sigmaInterviewer), theta: m.theta })),
    org: { interviewers: interviewerIds.length, scorecards: scorecards.length, ratings: rows.length, decisionAgreement: round(orgAgreement), haloShare: round(orgHalo?.share) },
  };
}

export type CalibrationReport = ReturnType<typeof calibrationReport>;

/**
 * Each interviewer's scorecards in time order as standardized residuals for CUSUM (SPEC §5.11):
 * a scorecard's mean of rating − signal effect − candidate effect (the interviewer's own effect
 * kept in, since a change in it is the drift), centred on the interviewer's level over their
 * first third of scorecards (at least 10) and divided by the model's residual SD σ. Scorecard
 * means rather than single ratings, because one scorecard's ratings share one impression and
 * are not independent.
 */
function scorecardResiduals(models: Map<string, SeverityModel>, rowsByRubric: Map<string, FactRow[]>): Map<string, { at: string; z: number }[]> {
  const byScorecard = new Map<string, { interviewer: string; at: string; sum: number; n: number; effect: number; sigma: number }>();
  for (const [rubricId, model] of models) {
    const effect = new Map(model.interviewers.map((i) => [i.interviewer, i.estimate]));
    rowsByRubric.get(rubricId)!.forEach((r, i) => {
      const s = byScorecard.get(r.scorecardId) ?? { interviewer: r.interviewerId, at: r.interviewedAt, sum: 0, n: 0, effect: effect.get(r.interviewerId) ?? 0, sigma: model.sigma };
      s.sum += model.residuals[i] + s.effect;
      s.n++;
      byScorecard.set(r.scorecardId, s);
    });
  }
  const cards = [...byScorecard.values()].map((s) => ({ ...s, level: s.sum / s.n }));
  const byInterviewer = new Map<string, typeof cards>();
  for (const c of cards) push(byInterviewer, c.interviewer, c);
  return new Map(
    [...byInterviewer].map(([id, list]) => {
      list.sort((a, b) => a.at.localeCompare(b.at));
      const baseline = list.slice(0, Math.max(10, Math.floor(list.length / 3)));
      const centre = mean(baseline.map((c) => c.level));
      return [id, list.map((c) => ({ at: c.at, z: (c.level - centre) / c.sigma }))];
    }),
  );
}

/** Mean standardized residual after the CUSUM onset minus before, with a two-sample z-test. */
function shiftAfterOnset(z: number[], onset: number): { shift: number; pValue: number } | null {
  const before = z.slice(0, onset);
  const after = z.slice(onset);
  if (before.length < 2 || after.length < 2) return null;
  const shift = mean(after) - mean(before);
  // Welch's t with the observed spread: scorecard means vary by more than σ/√k when a
  // scorecard's ratings share one impression.
  const variance = (xs: number[]) => xs.reduce((sum, x) => sum + (x - mean(xs)) ** 2, 0) / (xs.length - 1);
  const se = Math.sqrt(variance(before) / before.length + variance(after) / after.length);
  return { shift, pValue: se > 0 ? zTwoSided(shift / se) : 1 };
}

/** Ratings per signal and scale value. */
function ratingCounts(rows: FactRow[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const r of rows) {
    const bySignal = (out[r.signal] ??= {});
    bySignal[r.rating] = (bySignal[r.rating] ?? 0) + 1;
  }
  return out;
}

interface Moments {
  n: number;
  sum: number;
  sumSquares: number;
}

const moments = (xs: number[]): Moments => ({ n: xs.length, sum: xs.reduce((a, b) => a + b, 0), sumSquares: xs.reduce((a, b) => a + b * b, 0) });
/** Everyone's ratings but one interviewer's, as moments: org minus own. */
const othersMoments = (org: Moments, own: Moments): Moments => ({ n: org.n - own.n, sum: org.sum - own.sum, sumSquares: org.sumSquares - own.sumSquares });

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

function signalReport(rows: FactRow[], scaleOf: Map<string, number[]>, rankOf: Map<string, number>, period: 'week' | 'month', t: FlagThresholds) {
  const bySignal = new Map<string, FactRow[]>();
  for (const r of rows) push(bySignal, `${r.rubricId}\u0000${r.signal}`, r);
  const driftCandidates: Candidate[] = [];
  const validityCandidates: Candidate[] = [];

  const signals = [...bySignal].map(([key, signalRows]) => {
    const [rubricId, signal] = key.split('\u0000');
    const scale = scaleOf.get(rubricId) ?? [...new Set(signalRows.map((r) => r.rating))].sort((a, b) => a - b);
    const scaleIndex = new Map(scale.map((v, i) => [v, i]));
    const countsOf = (rs: FactRow[]) => {
      const counts = scale.map(() => 0);
      for (const r of rs) {
        const i = scaleIndex.get(r.rating);
        if (i !== undefined) counts[i]++;
      }
      return counts;
    };
    const countsByValue = (rs: FactRow[]) => {
      const counts = countsOf(rs);
      return Object.fromEntries(scale.map((v, i) => [v, counts[i]]));
    };
    const decided = signalRows.filter((r) => r.decision !== '');
    const hired = signalRows.filter((r) => r.decision === 'hire' && rankOf.has(`${rubricId}:${r.finalLevel}`));
    const pb = pointBiserial(decided.map((r) => r.rating), decided.map((r) => r.decision === 'hire'));
    const rho = spearman(hired.map((r) => r.rating), hired.map((r) => rankOf.get(`${rubricId}:${r.finalLevel}`)!));

    const byCandidate = new Map<string, number[]>();
    for (const r of signalRows) push(byCandidate, r.candidateId, r.rating);
    const panelled = [...byCandidate.values()].filter((v) => v.length >= 2);
    const icc = icc1(panelled);
    // Ratings of one candidate are correlated, so n ratings carry less than n ratings' worth of
    // evidence: the Rao–Scott design effect 1 + (m̄ − 1)·ICC deflates χ² and sample sizes.
    const designEffect = (rs: FactRow[]) => 1 + (rs.length / Math.max(1, new Set(rs.map((r) => r.candidateId)).size) - 1) * Math.max(0, icc ?? 0);

    const rowsOfPeriod = new Map<string, FactRow[]>();
    for (const r of signalRows) push(rowsOfPeriod, periodOf(r.interviewedAt, period), r);
    const periods = [...rowsOfPeriod.keys()].sort();
    const rowsIn = (p: string[]) => p.flatMap((label) => rowsOfPeriod.get(label) ?? []);
    const periodFigures = (current: FactRow[]) => {
      const decidedNow = current.filter((r) => r.decision !== '');
      const panels = new Map<string, number[]>();
      for (const r of current) push(panels, r.candidateId, r.rating);
      const panelledNow = [...panels.values()].filter((v) => v.length >= 2);
      return {
        counts: countsByValue(current),
        validity: {
          pointBiserial: round(pointBiserial(decidedNow.map((r) => r.rating), decidedNow.map((r) => r.decision === 'hire'))?.r),
          auc: round(auc(decidedNow.map((r) => r.rating), decidedNow.map((r) => r.decision === 'hire'))),
          n: decidedNow.length,
        },
        reliability: { icc1: round(icc1(panelledNow)), krippendorffAlpha: round(krippendorffAlphaOrdinal(panelledNow)), candidates: panelledNow.length },
      };
    };
    const drift = periods.map((p, index) => {
      const current = rowsIn([p]);
      const baselinePeriods = periods.slice(Math.max(0, index - 3), index);
      const baseline = rowsIn(baselinePeriods);
      if (baselinePeriods.length < 3 || baseline.length === 0)
        return { period: p, ratings: current.length, ...periodFigures(current), psi: null, nullCutoff: null, pValue: null, validityChange: null, status: 'insufficient_baseline' as const };
      const [baselineCounts, currentCounts] = [countsOf(baseline), countsOf(current)];
      const psiValue = psi(baselineCounts, currentCounts);
      const deff = Math.max(designEffect(baseline), designEffect(current));
      const cutoff = psiNullCutoff(scale.length, baseline.length / deff, current.length / deff);
      const raw = chiSquareHomogeneity([baselineCounts, currentCounts]);
      const chi = raw && { ...raw, statistic: raw.statistic / deff, pValue: chiSquareSurvival(raw.statistic / deff, raw.df) };
      if (chi) {
        driftCandidates.push({
          subject: signal,
          period: p,
          effect: psiValue,
          n: current.length,
          pValue: chi.pValue,
          severity: severityOf(psiValue, t.psi),
          eligible: psiValue > cutoff,
          message: `The ${signal} rating distribution in ${p} moved away from the three periods before (PSI ${psiValue.toFixed(2)}, above the ${cutoff.toFixed(2)} expected from chance with ${current.length} ratings).`,
        });
      }
      const dBase = baseline.filter((r) => r.decision !== '');
      const dNow = current.filter((r) => r.decision !== '');
      const before = pointBiserial(dBase.map((r) => r.rating), dBase.map((r) => r.decision === 'hire'));
      const after = pointBiserial(dNow.map((r) => r.rating), dNow.map((r) => r.decision === 'hire'));
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
      return { period: p, ratings: current.length, ...periodFigures(current), psi: round(psiValue), nullCutoff: round(cutoff), pValue: round(chi?.pValue, 6), validityChange: round(change?.change), status: 'stable' as 'stable' | 'warn' | 'alert' };
    });

    return {
      rubricId,
      signal,
      ratings: signalRows.length,
      smallSample: signalRows.length < SMALL_SAMPLE,
      distribution: countsByValue(signalRows),
      validity: {
        pointBiserial: round(pb?.r),
        auc: round(auc(decided.map((r) => r.rating), decided.map((r) => r.decision === 'hire'))),
        spearmanLevel: round(rho?.r),
        n: decided.length,
      },
      reliability: { icc1: round(icc), krippendorffAlpha: round(krippendorffAlphaOrdinal(panelled)), candidates: panelled.length },
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
 * split hire/no-hire vote breaking ties — each with every panelist's ratings side by side.
 */
function calibrationPacks(scorecards: Scorecard[], rows: FactRow[], limit = 25) {
  const panels = new Map<string, Scorecard[]>();
  for (const s of scorecards) push(panels, s.candidateId, s);
  const ratingsByScorecard = new Map<string, Record<string, number>>();
  for (const r of rows) (ratingsByScorecard.get(r.scorecardId) ?? ratingsByScorecard.set(r.scorecardId, {}).get(r.scorecardId)!)[r.signal] = r.rating;
  const packs = [...panels]
    .filter(([, panel]) => panel.length >= 2)
    .map(([candidateId, panel]) => {
      const bySignal = new Map<string, number[]>();
      for (const s of panel) for (const [signal, rating] of Object.entries(ratingsByScorecard.get(s.id) ?? {})) push(bySignal, signal, rating);
      const spreads = [...bySignal.values()].filter((v) => v.length >= 2).map((v) => Math.max(...v) - Math.min(...v));
      const votes = panel.map((s) => recommendsHire(s.overall));
      const split = votes.some(Boolean) && votes.some((v) => !v);
      return {
        candidateId,
        targetLevel: panel[0].targetLevel,
        decision: panel[0].decision || null,
        disagreement: round(spreads.length ? mean(spreads) : 0)!,
        splitRecommendation: split,
        panelists: panel.map((s) => ({ interviewerId: s.interviewerId, scorecardId: s.id, overall: s.overall, interviewedAt: s.interviewedAt, ratings: ratingsByScorecard.get(s.id) ?? {} })),
      };
    });
  return packs.sort((a, b) => b.disagreement - a.disagreement || Number(b.splitRecommendation) - Number(a.splitRecommendation) || a.candidateId.localeCompare(b.candidateId)).slice(0, limit);
}

function levelReport(scorecards: Scorecard[], rows: FactRow[], rankOf: Map<string, number>) {
  const byCandidate = new Map<string, Scorecard>();
  for (const s of scorecards) if (!byCandidate.has(s.candidateId)) byCandidate.set(s.candidateId, s);
  const targets = [...new Set(scorecards.map((s) => s.targetLevel))].sort();
  return targets.map((level) => {
    const candidates = [...byCandidate.values()].filter((s) => s.targetLevel === level);
    const decided = candidates.filter((s) => s.decision !== '');
    const hired = decided.filter((s) => s.decision === 'hire');
    const rank = (s: Scorecard, key: string) => rankOf.get(`${s.rubricId}:${key}`) ?? 0;
    const ratingsAt = rows.filter((r) => r.targetLevel === level);
    const signals = [...new Set(ratingsAt.map((r) => r.signal))].sort();
    return {
      targetLevel: level,
      candidates: candidates.length,
      decided: decided.length,
      hireRate: round(decided.length ? hired.length / decided.length : null),
      upLevelRate: round(hired.length ? hired.filter((s) => rank(s, s.finalLevel) > rank(s, s.targetLevel)).length / hired.length : null),
      downLevelRate: round(hired.length ? hired.filter((s) => rank(s, s.finalLevel) < rank(s, s.targetLevel)).length / hired.length : null),
      meanRating: Object.fromEntries(signals.map((signal) => [signal, round(mean(ratingsAt.filter((r) => r.signal === signal).map((r) => r.rating)))])),
      smallSample: decided.length < SMALL_SAMPLE,
    };
  });
}
