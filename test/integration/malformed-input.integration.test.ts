// Issue 7's malformed-input corpus against every write path of a real platform: HTTP JSON, the
// CSV import, and messages produced straight to the topic. Every case must get the right 4xx
// naming the field (or a dead letter), nothing may reach the projections, and the service stays up.
import type { ClickHouseClient } from '@clickhouse/client';
import { exampleScorecardSubmitted } from '@plumbline/events';
import { CLICKHOUSE, liveGeneration, ProjectionStore } from '@plumbline/projections';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPlatformApp } from '../../apps/platform/src/platform-app';
import { startApp, testConfig, waitUntil, type RunningApp } from '../support/app';
import { topicEndOffsets } from '../support/kafka';
import { csvCases, httpJsonCases, oversizedBody, type MalformedCase } from '../support/malformed-corpus';

const brokers = inject('kafkaBrokers');
const BODY_LIMIT = 4 * 1024 * 1024;
let platform: RunningApp;
const jsonCases = httpJsonCases();

beforeAll(async () => {
  platform = await startApp(createPlatformApp, testConfig(brokers, { INGEST_BODY_LIMIT_BYTES: String(BODY_LIMIT) }));
});
afterAll(() => platform?.close());

async function send(route: string, body: string | Buffer, contentType: string, role: 'ingest' | 'recruiting_ops') {
  const res = await fetch(`${platform.url}${route}`, { method: 'POST', headers: { 'content-type': contentType, authorization: `Bearer ${await platform.token(role)}` }, body });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    // reported below as a non-JSON error body
  }
  return { status: res.status, body: json, text };
}

/** What is wrong with an error answer, or null when it is right. */
function problemWith(c: { status: number[] | number; names?: string }, res: Awaited<ReturnType<typeof send>>, line?: number): string | null {
  const statuses = Array.isArray(c.status) ? c.status : [c.status];
  if (!statuses.includes(res.status)) return `status ${res.status}, expected ${statuses.join(' or ')}: ${res.text.slice(0, 200)}`;
  const errors: { path?: string; message?: string; line?: number }[] | undefined = res.body?.errors;
  if (!Array.isArray(errors) || errors.length === 0 || errors.some((e) => typeof e.message !== 'string')) return `no error list: ${res.text.slice(0, 200)}`;
  if (c.names && !errors.some((e) => `${e.path} ${e.message}`.toLowerCase().includes(c.names!.toLowerCase()))) return `no error names ${c.names}: ${res.text.slice(0, 300)}`;
  if (line !== undefined && !errors.some((e) => e.line === line)) return `no error on line ${line}: ${res.text.slice(0, 300)}`;
  return null;
}

describe('malformed input on every write path', () => {
  it('has at least 200 cases', () => {
    expect(jsonCases.length + csvCases().length).toBeGreaterThanOrEqual(200);
    expect(new Set(jsonCases.map((c) => c.name)).size).toBe(jsonCases.length);
  });

  it('POST /v1/events: the right 4xx naming the field for every case, nothing written, still serving', async () => {
    const before = await topicEndOffsets(brokers, platform.config.kafka.topic);
    const failures: string[] = [];
    for (const c of jsonCases) {
      const problem = problemWith(c, await send('/v1/events', c.body, c.contentType ?? 'application/json', 'ingest'));
      if (problem) failures.push(`${c.name}: ${problem}`);
    }
    const oversized = await send('/v1/events', oversizedBody(BODY_LIMIT), 'application/json', 'ingest');
    if (oversized.status !== 413) failures.push(`over the body limit: ${oversized.status}`);
    expect(failures).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined(); // no prototype was touched
    expect(await topicEndOffsets(brokers, platform.config.kafka.topic)).toBe(before);
    expect((await fetch(`${platform.url}/health`)).status).toBe(200);
    expect((await platform.post(exampleScorecardSubmitted({ scorecardId: 'after-corpus', candidateId: 'after-corpus' }))).status).toBe(202);
  });

  it('POST /v1/imports/scorecards: the right 4xx naming the line and column, nothing written', async () => {
    const before = await topicEndOffsets(brokers, platform.config.kafka.topic);
    const failures: string[] = [];
    for (const c of csvCases()) {
      const problem = problemWith(c, await send('/v1/imports/scorecards', c.body, 'text/csv', 'recruiting_ops'), c.line);
      if (problem) failures.push(`${c.name}: ${problem}`);
    }
    expect(failures).toEqual([]);
    expect(await topicEndOffsets(brokers, platform.config.kafka.topic)).toBe(before);
  });

  it('straight to the topic: schema errors are dead-lettered with a reason, nothing counts, projection goes on', async () => {
    const onTopic = jsonCases.filter((c): c is MalformedCase & { message: string | Buffer } => c.message !== undefined);
    const kafka = new Kafka({ brokers: brokers.split(','), clientId: 'test-malformed', logLevel: logLevel.NOTHING });
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const sentinel = exampleScorecardSubmitted({ scorecardId: 'corpus-sentinel', candidateId: 'corpus-sentinel' });
    await producer.send({
      topic: platform.config.kafka.topic,
      acks: -1,
      messages: [...onTopic.map((c, i) => ({ key: `malformed-${i}`, value: c.message })), { key: 'corpus-sentinel', value: JSON.stringify(sentinel) }],
    });
    await producer.disconnect();

    const deadLetters = onTopic.filter((c) => c.deadLetter).length;
    await waitUntil(async () => {
      const status = (await platform.get('/v1/status')).body;
      return status.lag.events === 0 && status.deadLetters >= deadLetters;
    }, 60_000);
    expect((await platform.get('/v1/status')).body.deadLetters).toBe(deadLetters);

    const client = platform.app.get<ClickHouseClient>(CLICKHOUSE);
    const store = new ProjectionStore(client, (await liveGeneration(client)).generation);
    const reasons = await store.rows<{ reason: string; n: string }>(`SELECT reason, count() AS n FROM ${store.tables.deadLetters} FINAL GROUP BY reason ORDER BY reason`);
    expect(reasons.map((r) => r.reason)).toEqual(['invalid_event', 'not_json', 'unknown_scorecard']);
    const counted = await store.rows<{ scorecard: string }>(`SELECT DISTINCT scorecard_id AS scorecard FROM ${store.tables.ratingFacts} WHERE startsWith(scorecard_id, 'mal-') OR scorecard_id = 'corpus-sentinel'`);
    expect(counted.map((r) => r.scorecard)).toEqual(['corpus-sentinel']);
  });
});
