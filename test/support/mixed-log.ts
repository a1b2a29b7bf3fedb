import { exampleDecisionRecorded, exampleScorecardAmended, exampleScorecardSubmitted, exampleScorecardWithdrawn, type PlumblineEvent } from '@plumbline/events';
import { seededRandom } from '@plumbline/demo';
import type { ProjectionStore } from '@plumbline/projections';

/** Uniform draws in [0, 1) from a seed, so a failing run can be reproduced. */
export const random = (seed: number) => seededRandom(seed).uniform;

const signals = ['problem_understanding', 'data_feature_engineering', 'modeling', 'deployment', 'communication_collaboration'];
const levels = ['junior', 'mid', 'senior', 'staff', 'principal'];

/**
 * A log with every kind of change a projection must get right: panels of scorecards, amendments
 * (some rating fewer signals), withdrawals, decisions and superseding decisions. Events of one
 * candidate are in order; candidates follow one another.
 */
export function mixedLog(candidates: number, seed = 1): PlumblineEvent[] {
  const rand = random(seed);
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
  const events: PlumblineEvent[] = [];
  for (let c = 0; c < candidates; c++) {
    const candidateId = `cand-${seed}-${c}`;
    const panel = 2 + Math.floor(rand() * 3);
    const scorecardIds: string[] = [];
    for (let p = 0; p < panel; p++) {
      const scorecardId = `${candidateId}-sc${p}`;
      scorecardIds.push(scorecardId);
      events.push(
        exampleScorecardSubmitted({
          scorecardId,
          candidateId,
          interviewerId: `int-${1 + Math.floor(rand() * 12)}`,
          targetLevel: pick(levels),
          ratings: signals.map((signal) => ({ signal, rating: 1 + Math.floor(rand() * 4) })),
          overall: pick(['strong_no_hire', 'no_hire', 'hire', 'strong_hire'] as const),
          interviewedAt: new Date(Date.UTC(2026, 0, 1) + c * 3_600_000).toISOString(),
        }),
      );
    }
    if (rand() < 0.3) {
      const kept = signals.slice(0, 2 + Math.floor(rand() * 4));
      events.push(exampleScorecardAmended({ scorecardId: pick(scorecardIds), ratings: kept.map((signal) => ({ signal, rating: 1 + Math.floor(rand() * 4) })) }));
    }
    if (rand() < 0.15) events.push(exampleScorecardWithdrawn({ scorecardId: scorecardIds[0] }));
    const decisions = rand() < 0.7 ? (rand() < 0.3 ? 2 : 1) : 0;
    for (let d = 0; d < decisions; d++) {
      const hire = rand() < 0.5;
      events.push(exampleDecisionRecorded({ candidateId, decision: hire ? 'hire' : 'no_hire', finalLevel: hire ? pick(levels) : undefined }));
    }
  }
  return events;
}

export interface Figures {
  interviewers: { interviewer_id: string; scorecards: number; ratings: number; total: number; hire_ratings: number }[];
  decisions: { decision: string; candidates: number }[];
}

/** The figures of a clean single pass over `log`, computed by hand: the oracle for the projections. */
export function referenceFigures(log: PlumblineEvent[]): Figures {
  const seen = new Set<string>();
  const scorecards = new Map<string, { interviewerId: string; candidateId: string; ratings: number[] }>();
  const decisions = new Map<string, string>();
  for (const event of log) {
    if (seen.has(event.eventId)) continue;
    seen.add(event.eventId);
    if (event.type === 'ScorecardSubmitted') scorecards.set(event.data.scorecardId, { interviewerId: event.data.interviewerId, candidateId: event.data.candidateId, ratings: event.data.ratings.map((r) => r.rating) });
    if (event.type === 'ScorecardAmended') scorecards.get(event.data.scorecardId)!.ratings = event.data.ratings.map((r) => r.rating);
    if (event.type === 'ScorecardWithdrawn') scorecards.delete(event.data.scorecardId);
    if (event.type === 'DecisionRecorded') decisions.set(event.data.candidateId, event.data.decision);
  }
  const byInterviewer = new Map<string, Figures['interviewers'][number]>();
  for (const [, s] of scorecards) {
    const row = byInterviewer.get(s.interviewerId) ?? { interviewer_id: s.interviewerId, scorecards: 0, ratings: 0, total: 0, hire_ratings: 0 };
    row.scorecards++;
    row.ratings += s.ratings.length;
    row.total += s.ratings.reduce((a, b) => a + b, 0);
    if (decisions.get(s.candidateId) === 'hire') row.hire_ratings += s.ratings.length;
    byInterviewer.set(s.interviewerId, row);
  }
  const decisionCounts = new Map<string, number>();
  for (const d of decisions.values()) decisionCounts.set(d, (decisionCounts.get(d) ?? 0) + 1);
  return {
    interviewers: [...byInterviewer.values()].sort((a, b) => a.interviewer_id.localeCompare(b.interviewer_id)),
    decisions: [...decisionCounts].map(([decision, candidates]) => ({ decision, candidates })).sort((a, b) => a.decision.localeCompare(b.decision)),
  };
}

/** The same figures, read from a generation of the projection tables. */
export async function projectedFigures(store: ProjectionStore): Promise<Figures> {
  const interviewers = await store.rows<Figures['interviewers'][number]>(
    `SELECT interviewer_id, uniqExact(scorecard_id) AS scorecards, count() AS ratings, sum(rating) AS total, countIf(decision = 'hire') AS hire_ratings
     FROM ${store.tables.ratingFacts} GROUP BY interviewer_id ORDER BY interviewer_id`,
  );
  const decisions = await store.rows<Figures['decisions'][number]>(`SELECT decision, count() AS candidates FROM ${store.tables.decisions} FINAL GROUP BY decision ORDER BY decision`);
  return {
    interviewers: interviewers.map((r) => ({ ...r, scorecards: Number(r.scorecards), ratings: Number(r.ratings), total: Number(r.total), hire_ratings: Number(r.hire_ratings) })),
    decisions: decisions.map((r) => ({ ...r, candidates: Number(r.candidates) })),
  };
}
