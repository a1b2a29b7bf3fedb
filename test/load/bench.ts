// `npm run bench`: the measurements of SPEC §9, side by side in one process tree, on the local
// broker and embedded chDB. Prints a table and writes <data dir>/bench/latest.json.
//   npm run bench -- [--candidates 3000] [--freshness-seconds 10]
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fitSeverityModel } from '@plumbline/analytics';
import { loadConfig } from '@plumbline/config';
import { defaultDemoOptions, demoEvents } from '@plumbline/demo';
import { exampleScorecardSubmitted } from '@plumbline/events';
import { createKafka } from '@plumbline/kafka';
import { CLICKHOUSE, decodeMessage, liveGeneration, projectBatch, ProjectionStore } from '@plumbline/projections';
import type { ClickHouseClient } from '@clickhouse/client';
import { Presets, SingleBar } from 'cli-progress';
import { Partitioners } from 'kafkajs';
import { createPlatformApp } from '../../apps/platform/src/platform-app';
import { startApp, testConfig, tokenFor, waitUntil } from '../support/app';

const { values } = parseArgs({ options: { candidates: { type: 'string', default: '3000' }, 'freshness-seconds': { type: 'string', default: '10' }, brokers: { type: 'string' } } });
const candidates = Number(values.candidates);
const freshnessSeconds = Number(values['freshness-seconds']);

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const progress = new SingleBar({ format: '{step} |{bar}| {value}/{total}' }, Presets.shades_classic);

async function main(): Promise<void> {
  const brokers = values.brokers ?? process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('bench: no broker (run through `npm run bench`, which starts one)');
  const events = [...demoEvents({ ...defaultDemoOptions, candidates })];
  const scorecards = events.filter((e) => e.type === 'ScorecardSubmitted').length;
  const platform = await startApp(createPlatformApp, testConfig(brokers, { LOG_LEVEL: 'error' }));
  const clickhouse = platform.app.get<ClickHouseClient>(CLICKHOUSE);
  const results: Record<string, unknown> = { machine: { cores: (await import('node:os')).cpus().length, node: process.version }, size: { candidates, events: events.length, scorecards } };
  try {
    // 1. Ingestion: POST /v1/events (4 requests in flight, 2,000 events each) against raw kafkajs
    // producing the same serialized messages, idempotent with acks=all, to a fresh topic.
    // Batches of whole candidates (an amendment travels with its submission), rubrics first, so
    // concurrent requests never depend on each other.
    const batches: (typeof events)[] = [events.filter((e) => e.type === 'RubricPublished')];
    for (const event of events.filter((e) => e.type !== 'RubricPublished')) {
      const current = batches[batches.length - 1];
      const newCandidate = event.type === 'ScorecardSubmitted' && current.at(-1)?.type !== 'ScorecardSubmitted' ? true : event.type === 'ScorecardSubmitted' && (current.at(-1)?.data as any)?.candidateId !== event.data.candidateId;
      if (current.length >= 2_000 && newCandidate) batches.push([]);
      batches[batches.length - 1].push(event);
    }
    progress.start(batches.length, 0, { step: 'ingestion' });
    let started = performance.now();
    // The rubrics first: later scorecards name them.
    if ((await platform.post({ events: batches[0] })).status !== 202) throw new Error('could not publish the rubrics');
    progress.increment();
    let next = 1;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < batches.length) {
          const batch = batches[next++];
          const res = await platform.post({ events: batch });
          if (res.status !== 202) throw new Error(`ingestion answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
          progress.increment();
        }
      }),
    );
    const ingestionSeconds = (performance.now() - started) / 1000;
    progress.stop();
    const kafka = createKafka({ brokers: brokers.split(','), localPort: 0, topic: '', dlqTopic: '' }, 'bench-raw');
    const admin = kafka.admin();
    await admin.connect();
    const rawTopic = `${platform.config.kafka.topic}.raw`;
    await admin.createTopics({ topics: [{ topic: rawTopic, numPartitions: 6 }], waitForLeaders: true });
    await admin.disconnect();
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    started = performance.now();
    next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < batches.length) {
          const batch = batches[next++];
          await producer.send({ topic: rawTopic, acks: -1, messages: batch.map((e) => ({ key: 'candidateId' in e.data ? String(e.data.candidateId) : e.type, value: JSON.stringify(e) })) });
        }
      }),
    );
    const rawSeconds = (performance.now() - started) / 1000;
    await producer.disconnect();
    results.ingestion = { eventsPerSecond: Math.round(events.length / ingestionSeconds), rawEventsPerSecond: Math.round(events.length / rawSeconds), ratio: round(rawSeconds / ingestionSeconds) };

    // 2. Projection: the platform's projector catching up with the log just written, against a
    // bare insert of the same rows into a fresh generation of the same chDB.
    started = performance.now();
    await waitUntil(async () => (await platform.get('/v1/status')).body.lag.events === 0, 600_000, 100);
    const projectionSeconds = (performance.now() - started) / 1000 + ingestionSeconds; // it projected while we ingested, too
    const bare = new ProjectionStore(clickhouse, 900 + Math.floor(Math.random() * 99));
    await bare.createTables();
    const rows = projectBatch(
      events.map((e, i) => decodeMessage({ partition: 0, offset: i, timestamp: Date.now(), value: Buffer.from(JSON.stringify(e)) })),
      { firstSeen: new Map(), scorecards: new Map() },
    );
    started = performance.now();
    for (let i = 0; i < rows.events.length; i += 20_000) {
      await bare.write(
        { ...rows, events: rows.events.slice(i, i + 20_000), scorecards: rows.scorecards.slice(i, i + 20_000), decisions: rows.decisions.slice(i, i + 20_000), rubrics: i === 0 ? rows.rubrics : [], deadLetters: [], duplicates: 0 },
        { partition: 0, nextOffset: i, lastLoggedAt: new Date().toISOString() },
      );
    }
    const bareSeconds = (performance.now() - started) / 1000;
    await bare.dropTables();
    results.projection = { eventsPerSecond: Math.round(events.length / projectionSeconds), bareEventsPerSecond: Math.round(events.length / bareSeconds), ratio: round(bareSeconds / projectionSeconds) };

    // 3. Queries, cold (first after a change) and warm (cached by watermark and filters).
    const routes = ['/v1/interviewers', '/v1/signals', '/v1/flags', '/v1/interviewers/int-001'];
    const queries: Record<string, { coldMs: number; p50Ms: number; p95Ms: number }> = {};
    for (const route of routes) {
      const cold = await timed(() => platform.get(`${route}?jobFamily=ml-engineering`, 'hiring_lead'));
      const warm: number[] = [];
      for (let i = 0; i < 20; i++) warm.push(await timed(() => platform.get(route, 'hiring_lead')));
      queries[route] = { coldMs: round(cold)!, p50Ms: round(percentile(warm, 50))!, p95Ms: round(percentile(warm, 95))! };
    }
    results.queries = { routes: queries, p95Ms: Math.max(...Object.values(queries).map((q) => q.p95Ms)) };

    // 4. Severity model fit on the same data.
    const store = new ProjectionStore(clickhouse, (await liveGeneration(clickhouse)).generation);
    const facts = await store.rows<{ candidate: string; interviewer: string; signal: string; rating: number }>(
      `SELECT candidate_id AS candidate, interviewer_id AS interviewer, signal, rating FROM ${store.tables.ratingFacts}`,
    );
    const fitMs = await timed(async () => fitSeverityModel(facts));
    results.severityFit = { ratings: facts.length, ms: round(fitMs) };

    // 5. Freshness: steady 200 events/s, each a new scorecard; time from 202 to visible in /v1/interviewers.
    const delays: number[] = [];
    const token = await tokenFor('hiring_lead');
    let visible = (await platform.get('/v1/interviewers', 'hiring_lead')).body.interviewers.reduce((s: number, i: any) => s + i.scorecards, 0);
    const total = 200 * freshnessSeconds;
    progress.start(total, 0, { step: 'freshness' });
    const pending: { sent: number; expected: number }[] = [];
    const poller = setInterval(async () => {
      const res = await fetch(`${platform.url}/v1/interviewers`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json() as Promise<any>);
      visible = res.interviewers.reduce((s: number, i: any) => s + i.scorecards, 0);
      const now = performance.now();
      while (pending.length && pending[0].expected <= visible) delays.push(now - pending.shift()!.sent);
    }, 50);
    let expected = visible;
    for (let i = 0; i < total; i += 10) {
      const tick = performance.now();
      const burst = Array.from({ length: 10 }, (_, k) => exampleScorecardSubmitted({ scorecardId: `fresh-${i + k}`, candidateId: `fresh-c-${i + k}`, interviewerId: 'int-001' }));
      const sent = performance.now();
      await platform.post({ events: burst });
      expected += 10;
      pending.push({ sent, expected });
      progress.update(i + 10);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 50 - (performance.now() - tick))));
    }
    await waitUntil(async () => pending.length === 0, 60_000, 50).catch(() => undefined);
    clearInterval(poller);
    progress.stop();
    results.freshness = { samples: delays.length, p50Ms: round(percentile(delays, 50)), p95Ms: round(percentile(delays, 95)), p99Ms: round(percentile(delays, 99)) };
    results.memory = { peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024), note: 'the bench and the all-in-one platform share this process' };
  } finally {
    await platform.close();
  }
  const dir = path.join(loadConfig().dataDir, 'bench');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'latest.json'), JSON.stringify(results, null, 2));
  printTable(results as any);
}

async function timed(run: () => Promise<unknown> | unknown): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

function round(x: number | undefined): number | null {
  return x === undefined || !Number.isFinite(x) ? null : Math.round(x * 100) / 100;
}

function printTable(r: any): void {
  const row = (what: string, measured: string, target: string, ok: boolean) => `| ${what} | ${measured} | ${target} | ${ok ? 'met' : 'not yet'} |`;
  console.log(`\nPlumbline benchmarks: ${r.size.scorecards} scorecards (${r.size.events} events), ${r.machine.cores} cores, Node ${r.machine.node}\n`);
  console.log('| what | measured | first target | status |\n|---|---|---|---|');
  console.log(row('ingestion', `${r.ingestion.eventsPerSecond}/s vs raw ${r.ingestion.rawEventsPerSecond}/s = ${r.ingestion.ratio}`, '≥ 0.5 of raw', r.ingestion.ratio >= 0.5));
  console.log(row('projection', `${r.projection.eventsPerSecond}/s vs bare ${r.projection.bareEventsPerSecond}/s = ${r.projection.ratio}`, '≥ 0.5 of bare', r.projection.ratio >= 0.5));
  console.log(row('freshness', `p50 ${r.freshness.p50Ms} / p95 ${r.freshness.p95Ms} / p99 ${r.freshness.p99Ms} ms at 200 events/s`, 'p95 ≤ 2 s', r.freshness.p95Ms <= 2000));
  for (const [route, q] of Object.entries<any>(r.queries.routes)) console.log(row(`query ${route}`, `cold ${q.coldMs} ms, warm p50 ${q.p50Ms} / p95 ${q.p95Ms} ms`, 'p95 ≤ 500 ms (at 1M scorecards)', q.p95Ms <= 500));
  console.log(row('severity fit', `${r.severityFit.ms} ms for ${r.severityFit.ratings} ratings`, '—', true));
  console.log(row('memory', `peak RSS ${r.memory.peakRssMiB} MiB`, '≤ 1.5 GiB (at 1M scorecards)', r.memory.peakRssMiB <= 1536));
}

main().catch((error) => {
  progress.stop();
  console.error(error);
  process.exit(1);
});
