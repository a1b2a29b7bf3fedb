import type { CalibrationReport } from '@plumbline/analytics';
import { toCsv } from './csv';

/** The CSV reports and their columns — names and order are a documented, stable contract. */
export const csvReports = {
  interviewers: (report: CalibrationReport) =>
    toCsv(report.interviewers, [
      ['interviewer_id', (i) => i.interviewerId],
      ['scorecards', (i) => i.scorecards],
      ['ratings', (i) => i.ratings],
      ['small_sample', (i) => i.smallSample],
      ['severity', (i) => i.severity?.estimate],
      ['severity_se', (i) => i.severity?.se],
      ['severity_ci_low', (i) => i.severity?.ciLow],
      ['severity_ci_high', (i) => i.severity?.ciHigh],
      ['decision_agreement', (i) => i.decisionAgreement.rate],
      ['decision_kappa', (i) => i.decisionAgreement.kappa],
      ['decision_auc', (i) => i.decisionAgreement.auc],
      ['decided_scorecards', (i) => i.decisionAgreement.n],
      ['panel_agreement', (i) => i.panelAgreement.rate],
      ['halo_share', (i) => i.halo?.share],
      ['variance_ratio', (i) => i.rangeRestriction?.varianceRatio],
      ['drift_onset', (i) => i.drift.alarm?.onset],
      ['flags', (i) => i.flags.map((f) => `${f.type}:${f.severity}`).join(' ')],
    ]),
  signals: (report: CalibrationReport) =>
    toCsv(report.signals, [
      ['rubric_id', (s) => s.rubricId],
      ['signal', (s) => s.signal],
      ['ratings', (s) => s.ratings],
      ['point_biserial', (s) => s.validity.pointBiserial],
      ['auc', (s) => s.validity.auc],
      ['spearman_level', (s) => s.validity.spearmanLevel],
      ['decided_ratings', (s) => s.validity.n],
      ['icc1', (s) => s.reliability.icc1],
      ['krippendorff_alpha', (s) => s.reliability.krippendorffAlpha],
      ['drift_alerts', (s) => s.drift.filter((d) => d.status === 'alert').map((d) => d.period).join(' ')],
    ]),
  flags: (report: CalibrationReport) =>
    toCsv(report.flags, [
      ['type', (f) => f.type],
      ['severity', (f) => f.severity],
      ['subject', (f) => f.subject],
      ['period', (f) => f.period],
      ['effect', (f) => f.evidence.effect],
      ['ci_low', (f) => f.evidence.ciLow],
      ['ci_high', (f) => f.evidence.ciHigh],
      ['n', (f) => f.evidence.n],
      ['p_value', (f) => f.evidence.pValue],
      ['q_value', (f) => f.evidence.qValue],
      ['message', (f) => f.message],
    ]),
  /** Streamed straight from ClickHouse; see CalibrationService.scorecardsCsv. */
  scorecards: () => '',
};

export type CsvReport = keyof typeof csvReports;
export const isCsvReport = (name: string): name is CsvReport => Object.hasOwn(csvReports, name);
