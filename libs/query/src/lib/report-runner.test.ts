import { calibrationReport, factColumns, type FactRow } from '@plumbline/analytics';
import { afterAll, describe, expect, it } from 'vitest';
import { ReportRunner } from './report-runner';

const row = (scorecard: number, signal: string, rating: number): FactRow => ({
  scorecardId: `sc-${scorecard}`,
  candidateId: `cand-${scorecard % 4}`,
  interviewerId: `int-${scorecard % 3}`,
  rubricId: 'ml-system-design',
  signal,
  rating,
  targetLevel: 'senior',
  overall: 'hire',
  recommendedLevel: 'senior',
  interviewedAt: '2026-01-01T00:00:00Z',
  decision: scorecard % 2 ? 'hire' : 'no_hire',
  finalLevel: '',
});
const rows = Array.from({ length: 12 }, (_, s) => [row(s, 'modeling', 1 + (s % 4)), row(s, 'deployment', 1 + ((s + 1) % 4))]).flat();
const rubrics = [{ rubricId: 'ml-system-design', scale: [1, 2, 3, 4], levels: [{ key: 'senior', rank: 3 }] }];

describe('ReportRunner (a real worker thread)', () => {
  const runner = new ReportRunner({ workerHeapMib: 128, idleStopMs: 200 });
  afterAll(() => runner.onModuleDestroy());

  it("computes the same report as calibrationReport here, stops its worker when idle and starts another for the next report", async () => {
    const expected = calibrationReport(factColumns(rows), rubrics);
    expect(await runner.run(factColumns(rows), rubrics, {})).toEqual(expected);
    expect(runner.running).toBe(true);

    const deadline = Date.now() + 5_000;
    while (runner.running && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(runner.running).toBe(false);
    // Give the stopped worker time to exit and unload what it loaded: starting the next one
    // after that crashed the test process until the runner kept its loader's binding loaded.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await runner.run(factColumns(rows), rubrics, {})).toEqual(expected);
  }, 30_000);
});
