import fs from 'node:fs';
import path from 'node:path';
import { exampleDecisionRecorded } from '@plumbline/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKafka, type LocalKafka } from '../../../infra/kafka/kafka.mjs';
import { freePort } from '../../../test/support/free-port';
import { startApp, testConfig, waitUntil, type RunningApp } from '../../../test/support/app';
import { createIngestionApp } from './ingestion-app';
import { readTopic } from '../../../test/support/kafka';

// This file stops a broker, so it runs its own rather than the shared one.
const dataDir = path.resolve('.data', 'test', `outage-${process.pid}`);
let kafka: LocalKafka;
let port: number;
let ingestion: RunningApp;

beforeAll(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  port = await freePort();
  kafka = await startKafka({ dataDir, port, log: () => undefined });
  ingestion = await startApp(createIngestionApp, testConfig(`127.0.0.1:${port}`, { INGEST_PUBLISH_TIMEOUT_MS: '5000' }));
}, 180_000);

afterAll(async () => {
  await ingestion?.close();
  await kafka?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('Kafka unreachable', () => {
  it('answers 503 within 10 s while the broker is down, and 202 again once it is back', async () => {
    const before = exampleDecisionRecorded({ candidateId: 'cand-before', decision: 'no_hire', finalLevel: undefined });
    expect((await ingestion.post(before)).status).toBe(202);

    await kafka.stop();
    const during = exampleDecisionRecorded({ candidateId: 'cand-during', decision: 'no_hire', finalLevel: undefined });
    // The request itself is cut off at 10 s: a late answer fails the test.
    const res = await ingestion.post(during, 'ingest', { signal: AbortSignal.timeout(10_000) });
    expect(res.status).toBe(503);
    expect(res.body.errors[0].message).toMatch(/Kafka/);

    kafka = await startKafka({ dataDir, port, log: () => undefined });
    const after = exampleDecisionRecorded({ candidateId: 'cand-after', decision: 'no_hire', finalLevel: undefined });
    await waitUntil(async () => (await ingestion.post(after)).status === 202, 60_000, 500);

    // Nothing half-written: the log holds the events answered 202, and `during` only if it was
    // re-sent — here it was not, so it must be absent.
    const ids = (await readTopic(`127.0.0.1:${port}`, ingestion.config.kafka.topic, 4)).map((m) => JSON.parse(m.value).eventId);
    expect(ids).toContain(before.eventId);
    expect(ids).toContain(after.eventId);
    expect(ids).not.toContain(during.eventId);
  }, 180_000);
});
