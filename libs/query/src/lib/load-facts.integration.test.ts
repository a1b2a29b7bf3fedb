import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FactColumns } from '@plumbline/analytics';
import { createClickHouse } from '@plumbline/clickhouse';
import { defaultDemoOptions, demoEvents } from '@plumbline/demo';
import { builtInRubrics, rubricPublishedEvent } from '@plumbline/events';
import { decodeMessage, nothingKnown, projectBatch, ProjectionStore } from '@plumbline/projections';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filtersSchema } from './filters';
import { loadFacts } from './load-facts';

/** Each scorecard of the columns as one comparable line, sorted. */
function scorecardLines(f: FactColumns): string[] {
  return Array.from(f.candidateId, (_, s) => s)
    .map((s) => {
      const ratings = Array.from({ length: f.ratingStart[s + 1] - f.ratingStart[s] }, (_, i) => `${f.strings[f.signal[f.ratingStart[s] + i]]}=${f.rating[f.ratingStart[s] + i]}`);
      const fields = [f.candidateId, f.interviewerId, f.rubricId, f.targetLevel, f.overall, f.recommendedLevel, f.decision, f.finalLevel].map((column) => f.strings[column[s]]);
      return [...fields, new Date(f.interviewedAt[s]).toISOString(), ...ratings].join(' ');
    })
    .sort();
}

describe('loadFacts (embedded chDB)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-facts-'));
  const client = createClickHouse({ mode: 'embedded', path: dataDir });
  const store = new ProjectionStore(client, 1);
  const events = [...builtInRubrics.map((rubric) => rubricPublishedEvent(rubric)), ...demoEvents({ ...defaultDemoOptions, candidates: 150 })];

  beforeAll(async () => {
    await store.createTables();
    const writes = projectBatch(
      events.map((e, i) => decodeMessage({ partition: 0, offset: i, timestamp: Date.now(), value: Buffer.from(JSON.stringify(e)) })),
      nothingKnown(),
    );
    await store.write(writes, [{ partition: 0, nextOffset: events.length, lastLoggedAt: new Date().toISOString() }]);
  });
  afterAll(async () => {
    await client.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('reads the same facts in slices as in one query, every live scorecard once', async () => {
    const all = filtersSchema.parse({});
    const whole = await loadFacts(client, store, all);
    const sliced = await loadFacts(client, store, all, 17);
    const [{ scorecards, ratings }] = await store.rows<{ scorecards: number; ratings: number }>(
      `SELECT uniqExact(scorecard_id) AS scorecards, count() AS ratings FROM ${store.tables.ratingFacts}`,
    );
    expect(whole.candidateId).toHaveLength(Number(scorecards));
    expect(whole.rating).toHaveLength(Number(ratings));
    expect(scorecardLines(sliced)).toEqual(scorecardLines(whole));
  });

  it('applies the filters in every slice', async () => {
    const seniors = await loadFacts(client, store, filtersSchema.parse({ targetLevel: 'senior' }), 10);
    expect(seniors.candidateId.length).toBeGreaterThan(0);
    expect(new Set(Array.from(seniors.targetLevel, (code) => seniors.strings[code]))).toEqual(new Set(['senior']));
    // Dates too: their parameters must not collide with the slices' bounds.
    const all = await loadFacts(client, store, filtersSchema.parse({}));
    const middle = [...all.interviewedAt].sort((a, b) => a - b)[all.interviewedAt.length >> 1];
    const since = filtersSchema.parse({ from: new Date(middle).toISOString() });
    const later = await loadFacts(client, store, since, 10);
    expect(scorecardLines(later)).toEqual(scorecardLines(await loadFacts(client, store, since)));
    expect(later.candidateId.length).toBe(all.interviewedAt.filter((at) => at >= middle).length);
  });
});
