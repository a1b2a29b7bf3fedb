// Measures the read model's design on generated data: how fast the exact per-rating view
// (latest-state tables read with FINAL) answers typical aggregations at 1M+ ratings, against the
// argMax formulation and before/after merges. Run: node -r @swc-node/register test/load/measure-read-model.ts [scorecards]
import fs from 'node:fs';
import path from 'node:path';
import { clickHouseTarget, createClickHouse } from '@plumbline/clickhouse';
import { builtInRubrics } from '@plumbline/events';
import { ProjectionStore } from '@plumbline/projections';
import { random } from '../support/mixed-log';

const scorecards = Number(process.argv[2] ?? 200_000);
const dataDir = path.resolve('.data', 'measure-read-model');

async function main() {
  fs.rmSync(dataDir, { recursive: true, force: true });
  const client = createClickHouse(clickHouseTarget({ dataDir, clickhouse: { url: null } }));
  const store = new ProjectionStore(client, 1);
  await store.createTables();
  const t = store.tables;
  const rand = random(42);
  const signals = builtInRubrics[0].signals.map((s) => s.key);

  await client.insert({
    table: t.rubrics,
    format: 'JSONEachRow',
    values: builtInRubrics.map((r) => ({
      rubric_id: r.rubricId, version: r.version, name: r.name, scale_values: r.scale.map((p) => p.value), scale_labels: r.scale.map((p) => p.label),
      signal_keys: r.signals.map((s) => s.key), level_keys: r.levels.map((l) => l.key), level_ranks: r.levels.map((l) => l.rank), definition: '{}', published_at: '2026-01-01T00:00:00Z',
    })),
  });
  const started = Date.now();
  let offset = 0;
  for (let start = 0; start < scorecards; start += 50_000) {
    const rows: object[] = [];
    const decisions: object[] = [];
    for (let i = start; i < Math.min(scorecards, start + 50_000); i++) {
      const candidate = Math.floor(i / 4);
      const row = {
        scorecard_id: `sc-${i}`, candidate_id: `cand-${candidate}`, interviewer_id: `int-${Math.floor(rand() * 400)}`, rubric_id: 'ml-system-design', rubric_version: 1,
        target_level: 'senior', job_family: 'ml', interview_type: 'design', overall: 'hire', recommended_level: '', interviewed_at: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
        signals, ratings: signals.map(() => 1 + Math.floor(rand() * 4)), rubric_check: 'valid', amendments: 0, version: offset++, deleted: 0,
      };
      rows.push(row);
      if (rand() < 0.1) rows.push({ ...row, ratings: signals.map(() => 1 + Math.floor(rand() * 4)), amendments: 1, version: offset++ });
      if (rand() < 0.03) rows.push({ ...row, deleted: 1, version: offset++ });
      if (i % 4 === 3 && rand() < 0.7) {
        decisions.push({ candidate_id: `cand-${candidate}`, decision: rand() < 0.4 ? 'hire' : 'no_hire', final_level: 'senior', requisition_id: '', decided_at: row.interviewed_at, version: offset++ });
        if (rand() < 0.2) decisions.push({ candidate_id: `cand-${candidate}`, decision: 'hire', final_level: 'staff', requisition_id: '', decided_at: row.interviewed_at, version: offset++ });
      }
    }
    await client.insert({ table: t.scorecards, values: rows, format: 'JSONEachRow' });
    await client.insert({ table: t.decisions, values: decisions, format: 'JSONEachRow' });
  }
  const [{ ratings }] = await store.rows<{ ratings: number }>(`SELECT count() AS ratings FROM ${t.ratingFacts}`);
  console.log(`loaded ${scorecards} scorecards (${ratings} live ratings) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

  const queries: Record<string, string> = {
    'live counts per interviewer (valid_scorecards)': `SELECT interviewer_id, count(), sum(length(signals)) FROM ${t.validScorecards} GROUP BY interviewer_id`,
    'per interviewer: n, mean, hire share (view, FINAL)': `SELECT interviewer_id, count(), avg(rating), countIf(decision = 'hire') FROM ${t.ratingFacts} GROUP BY interviewer_id`,
    'per signal × rating distribution (view, FINAL)': `SELECT signal, rating, count() FROM ${t.ratingFacts} GROUP BY signal, rating`,
    'per interviewer, latest state by argMax instead of FINAL': `SELECT interviewer_id, count(), avg(rating) FROM (
        SELECT argMax(interviewer_id, version) AS interviewer_id, argMax(signals, version) AS s, argMax(ratings, version) AS r, argMax(deleted, version) AS del
        FROM ${t.scorecards} GROUP BY scorecard_id HAVING del = 0) ARRAY JOIN s AS signal, r AS rating GROUP BY interviewer_id`,
    'fact rows fetched for model fitting (candidate, interviewer, signal, rating)': `SELECT candidate_id, interviewer_id, signal, rating FROM ${t.ratingFacts} FORMAT Null`,
  };
  const time = async (query: string) => {
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      await client.command({ query: query.includes('FORMAT Null') ? query : `${query} FORMAT Null` });
      runs.push(performance.now() - s);
    }
    return runs.sort((a, b) => a - b)[2];
  };
  console.log('| query | unmerged parts, median ms | after OPTIMIZE FINAL, median ms |\n|---|---|---|');
  const before: Record<string, number> = {};
  for (const [name, query] of Object.entries(queries)) before[name] = await time(query);
  await client.command({ query: `OPTIMIZE TABLE ${t.scorecards} FINAL` });
  await client.command({ query: `OPTIMIZE TABLE ${t.decisions} FINAL` });
  for (const [name, query] of Object.entries(queries)) console.log(`| ${name} | ${before[name].toFixed(0)} | ${(await time(query)).toFixed(0)} |`);
  await client.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
