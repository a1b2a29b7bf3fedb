// Times calibrationReport alone on a generated org (no Kafka, no ClickHouse): the fact rows are
// built from the demo events in memory, as a CPU profile's subject. Run: node -r @swc-node/register test/load/profile-report.ts [candidates]
import { calibrationReport, type FactRow } from '@plumbline/analytics';
import { builtInRubrics, type ScorecardSubmitted } from '@plumbline/events';
import { defaultDemoOptions, demoEvents } from '@plumbline/demo';

const candidates = Number(process.argv[2] ?? 800);
const decisions = new Map<string, { decision: string; finalLevel: string }>();
const cards: ScorecardSubmitted['data'][] = [];
for (const e of demoEvents({ ...defaultDemoOptions, candidates })) {
  if (e.type === 'ScorecardSubmitted') cards.push(e.data);
  if (e.type === 'DecisionRecorded') decisions.set(e.data.candidateId, { decision: e.data.decision, finalLevel: e.data.finalLevel ?? '' });
}
const rows: FactRow[] = cards.flatMap((c) =>
  c.ratings.map((r) => ({
    scorecardId: c.scorecardId, candidateId: c.candidateId, interviewerId: c.interviewerId, rubricId: c.rubricId, signal: r.signal, rating: r.rating,
    targetLevel: c.targetLevel, overall: c.overall, recommendedLevel: c.recommendedLevel ?? '', interviewedAt: c.interviewedAt,
    decision: decisions.get(c.candidateId)?.decision ?? '', finalLevel: decisions.get(c.candidateId)?.finalLevel ?? '',
  })),
);
const rubrics = builtInRubrics.map((r) => ({ rubricId: r.rubricId, scale: r.scale.map((p) => p.value), levels: r.levels.map((l) => ({ key: l.key, rank: l.rank })) }));
for (let i = 0; i < 3; i++) {
  const started = performance.now();
  const report = calibrationReport(rows, rubrics);
  console.log(`${rows.length} ratings: ${(performance.now() - started).toFixed(0)} ms, ${report.flags.length} flags`);
}
