import { SMALL_SAMPLE, type CalibrationReport, type Flag } from '@plumbline/analytics';
import type { LiveCounts, ScopedReport } from './calibration.service';

type Entry = CalibrationReport['interviewers'][number];

/** A flag as the API shows it (SPEC §6: type, severity, qValue, message; plus the evidence). */
export const flagView = (f: Flag) => ({ type: f.type, severity: f.severity, qValue: f.evidence.qValue, message: f.message, subject: f.subject, ...(f.period ? { period: f.period } : {}), evidence: f.evidence });

/** The list entry of SPEC §6 `/v1/interviewers`. */
export const interviewerSummary = (i: Entry) => ({
  interviewerId: i.interviewerId,
  scorecards: i.scorecards,
  ratings: i.ratings,
  smallSample: i.smallSample,
  severity: i.severity,
  decisionAgreement: i.decisionAgreement,
  panelAgreement: i.panelAgreement,
  flags: i.flags.map(flagView),
});

/**
 * SPEC §6 `/v1/interviewers`: live counts joined with the latest report's figures. An
 * interviewer whose first scorecards arrived after that report is listed with counts only.
 */
export function interviewerList({ asOf: modelAsOf, report }: ScopedReport, live: LiveCounts) {
  const modelled = new Map(report.interviewers.map((i) => [i.interviewerId, i]));
  return {
    asOf: live.asOf,
    modelAsOf,
    org: { ...report.org, ...live.org },
    interviewers: live.interviewers.map((counts) => {
      const entry = modelled.get(counts.interviewerId);
      const base = entry
        ? interviewerSummary(entry)
        : { severity: null, decisionAgreement: { rate: null, kappa: null, auc: null, n: 0 }, panelAgreement: { rate: null, n: 0 }, flags: [] };
      return { ...base, ...counts, smallSample: counts.scorecards < SMALL_SAMPLE };
    }),
  };
}

/** The detail of SPEC §6 `/v1/interviewers/:id`: the summary plus every figure about them. */
export const interviewerDetail = (i: Entry) => ({
  ...interviewerSummary(i),
  distribution: i.distribution,
  halo: i.halo,
  rangeRestriction: i.rangeRestriction,
  drift: i.drift,
  levels: i.levels,
});

/** An interviewer needs at least this many other interviewers in scope to be compared with the org. */
export const MIN_BASELINE_PEERS = 5;

/**
 * An interviewer's own view (SPEC §7): their figures, compared only with an org baseline of at
 * least five other interviewers, and never anyone else's figures. With fewer peers, every
 * comparison with the org is withheld and the response says why.
 */
export function selfView(i: Entry, peers: number) {
  const detail = interviewerDetail(i);
  if (peers >= MIN_BASELINE_PEERS) return { ...detail, baseline: { interviewers: peers, withheld: false } };
  return {
    ...detail,
    distribution: detail.distribution.map(({ signal, counts }) => ({ signal, counts })),
    halo: detail.halo && { share: detail.halo.share, n: detail.halo.n },
    baseline: { interviewers: peers, withheld: true, note: `Comparisons with the org need at least ${MIN_BASELINE_PEERS} other interviewers in scope; there are ${peers}.` },
  };
}
