// Beside ingestion (the all-in-one process), the live projector lets the requests under way be
// answered before it projects a fetch, for a bounded time: nothing is written while it waits,
// and everything once it goes on.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClickHouse } from '@plumbline/clickhouse';
import { mlSystemDesignRubric, rubricPublishedEvent } from '@plumbline/events';
import { ProjectionStore, Projector } from '@plumbline/projections';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { afterAll, expect, inject, it } from 'vitest';
import { waitUntil } from '../support/app';
import { mixedLog, projectedFigures, referenceFigures } from '../support/mixed-log';

const kafka = new Kafka({ brokers: inject('kafkaBrokers').split(','), clientId: 'test-requests-first', logLevel: logLevel.NOTHING });
const topic = `plumbline.requests-first-${process.pid}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-requests-first-'));
const client = createClickHouse({ mode: 'embedded', path: dataDir });
const store = new ProjectionStore(client, 1);

/** Ingestion's side, held by the test: each wait is noted and ends when the test says so. */
const waits: number[] = [];
let requestsAnswered: () => void = () => undefined;
const answered = new Promise<void>((resolve) => (requestsAnswered = resolve));
const projector = new Projector(kafka, store, { topic, dlqTopic: `${topic}.dlq`, groupId: `${topic}-projector`, requestsFirst: { quiet: (maxMs) => (waits.push(maxMs), answered) } });

afterAll(async () => {
  requestsAnswered();
  await projector.stop();
  await client.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('waits, for at most half a second, for the requests under way before projecting a fetch', async () => {
  const log = [rubricPublishedEvent(mlSystemDesignRubric), ...mixedLog(40, 31)];
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }, { topic: `${topic}.dlq`, numPartitions: 1 }] });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  await producer.send({ topic, acks: -1, messages: log.map((e) => ({ key: 'k', value: JSON.stringify(e), headers: { eventId: e.eventId } })) });
  await producer.disconnect();
  const [{ high: end }] = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();

  await store.createTables();
  await projector.start();
  await waitUntil(async () => waits.length > 0, 30_000, 20);
  expect(waits).toEqual([500]);
  // Long enough for a fetch of 40 events to be written, were the projector not waiting.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  expect((await store.positions()).size).toBe(0);

  requestsAnswered();
  await waitUntil(async () => (await store.positions()).get(0)?.nextOffset === Number(end), 30_000, 50);
  expect(await projectedFigures(store)).toEqual(referenceFigures(log));
}, 90_000);
