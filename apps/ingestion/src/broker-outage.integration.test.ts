import { exampleDecisionRecorded } from '@plumbline/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, testConfig, waitUntil, type RunningApp } from '../../../test/support/app';
import { readTopic } from '../../../test/support/kafka';
import { OwnBroker } from '../../../test/support/own-broker';
import { createIngestionApp } from './ingestion-app';

// This file stops a broker, so it runs its own rather than the shared one.
const broker = new OwnBroker('outage');
let ingestion: RunningApp;

beforeAll(async () => {
  await broker.start();
  ingestion = await startApp(createIngestionApp, testConfig(broker.brokers, { INGEST_PUBLISH_TIMEOUT_MS: '5000' }));
}, 180_000);

afterAll(async () => {
  await ingestion?.close();
  await broker.remove();
});

describe('Kafka unreachable', () => {
  it('answers 503 within 10 s while the broker is down, and 202 again once it is back', async () => {
    const before = exampleDecisionRecorded({ candidateId: 'cand-before', decision: 'no_hire', finalLevel: undefined });
    expect((await ingestion.post(before)).status).toBe(202);

    await broker.stop();
    const during = exampleDecisionRecorded({ candidateId: 'cand-during', decision: 'no_hire', finalLevel: undefined });
    // The request itself is cut off at 10 s: a late answer fails the test.
    const res = await ingestion.post(during, 'ingest', { signal: AbortSignal.timeout(10_000) });
    expect(res.status).toBe(503);
    expect(res.body.errors[0].message).toMatch(/Kafka/);

    await broker.start();
    const after = exampleDecisionRecorded({ candidateId: 'cand-after', decision: 'no_hire', finalLevel: undefined });
    await waitUntil(async () => (await ingestion.post(after)).status === 202, 60_000, 500);

    // Nothing half-written: the log holds the events answered 202, and `during` only if it was
    // re-sent — here it was not, so it must be absent.
    const ids = (await readTopic(broker.brokers, ingestion.config.kafka.topic, 4)).map((m) => JSON.parse(m.value).eventId);
    expect(ids).toContain(before.eventId);
    expect(ids).toContain(after.eventId);
    expect(ids).not.toContain(during.eventId);
  }, 180_000);
});
