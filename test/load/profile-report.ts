// Times calibrationReport alone on a generated org (no Kafka, no ClickHouse): the facts are
// built from the demo events in memory, as a CPU profile's subject. With --worker-heap MiB, one
// report runs on the platform's report worker with that heap limit, and the peak RSS is printed.
//   node -r @swc-node/register test/load/profile-report.ts [candidates] [--worker-heap 768]
import { calibrationReport, FactColumnsBuilder } from '@plumbline/analytics';
import { builtInRubrics, type ScorecardSubmitted } from '@plumbline/events';
import { defaultDemoOptions, demoEvents } from '@plumbline/demo';

import fs from 'node:fs';
import { ReportRunner } from '@plumbline/query';

const candidates = Number(process.argv[2] ?? 800);
const workerHeapMib = process.argv[3] === '--worker-heap' ? Number(process.argv[4]) : null;
const decisions = new Map<string, { decision: string; finalLevel: string }>();
const cards = new Map<string, ScorecardSubmitted['data']>();
for (const e of demoEvents({ ...defaultDemoOptions, candidates })) {
  if (e.type === 'ScorecardSubmitted') cards.set(e.data.scorecardId, e.data);
  if (e.type === 'DecisionRecorded') decisions.set(e.data.candidateId, { decision: e.data.decision, finalLevel: e.data.finalLevel ?? '' });
}
const builder = new FactColumnsBuilder();
for (const c of cards.values()) {
  const decision = decisions.get(c.candidateId);
  builder.add({
    ...c, recommendedLevel: c.recommendedLevel ?? '', interviewedAt: Date.parse(c.interviewedAt), decision: decision?.decision ?? '', finalLevel: decision?.finalLevel ?? '',
    signals: c.ratings.map((r) => r.signal), ratings: c.ratings.map((r) => r.rating),
  });
}
cards.clear();
const facts = builder.build();
const rubrics = builtInRubrics.map((r) => ({ rubricId: r.rubricId, scale: r.scale.map((p) => p.value), levels: r.levels.map((l) => ({ key: l.key, rank: l.rank })) }));
const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
if (workerHeapMib) {
  const runner = new ReportRunner({ workerHeapMib });
  const started = performance.now();
  const keepAlive = setInterval(() => undefined, 1000); // the worker does not keep the process alive
  void runner.run(facts, rubrics, {}).then(async (report) => {
    const peak = /VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))![1];
    console.log(`${report.org.ratings} ratings on the report worker (heap limit ${workerHeapMib} MiB): ${(performance.now() - started).toFixed(0)} ms, peak RSS ${Math.round(Number(peak) / 1024)} MiB`);
    await runner.onModuleDestroy();
    clearInterval(keepAlive);
  });
} else for (let i = 0; i < 3; i++) {
  const started = performance.now();
  const report = calibrationReport(facts, rubrics);
  console.log(`${facts.rating.length} ratings: ${(performance.now() - started).toFixed(0)} ms, ${report.flags.length} flags, heap ${mib(process.memoryUsage().heapUsed)}, report ${mib(JSON.stringify(report).length)} as JSON`);
}
