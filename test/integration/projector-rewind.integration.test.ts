// A projector's write that fails while the next fetch is already queued behind it: the projector
// rewinds to its committed offsets, and the projection ends with exactly a clean pass's figures.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClickHouse } from '@plumbline/clickhouse';
import { mlSystemDesignRubric, rubricPublishedEvent, type PlumblineEvent } from '@plumbline/events';
import { ProjectionStore, Projector, type PartitionPosition, type ProjectionWrites } from '@plumbline/projections';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { waitUntil } from '../support/app';
import { mixedLog, projectedFigures, referenceFigures } from '../support/mixed-log';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A real store whose next write, when asked, fails or lands after a while (long enough for a fetch to queue behind it). */
class FailingStore extends ProjectionStore {
  failNextWrite = false;
  slowNextWrite = false;
  failures = 0;

  override async write(writes: ProjectionWrites, positions: PartitionPosition[]): Promise<void> {
    if (this.slowNextWrite) {
      this.slowNextWrite = false;
      await sleep(500);
    }
    if (this.failNextWrite) {
      this.failNextWrite = false;
      this.failures++;
      await sleep(500);
      throw new Error('injected write failure');
    }
    return super.write(writes, positions);
  }
}

const kafka = new Kafka({ brokers: inject('kafkaBrokers').split(','), clientId: 'test-projector-rewind', logLevel: logLevel.NOTHING });
const topic = `plumbline.rewind-${process.pid}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-rewind-'));
const client = createClickHouse({ mode: 'embedded', path: dataDir });
const store = new FailingStore(client, 1);
const warnings: string[] = [];
// Every fetch pipelined (written while the next is read), however small.
const projector = new Projector(kafka, store, { topic, dlqTopic: `${topic}.dlq`, groupId: `${topic}-projector`, pipelineFromMessages: 1 }, (level, message) => level === 'warn' && warnings.push(message));
const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
const projected = async () => Number((await store.rows<{ n: string }>(`SELECT count() AS n FROM ${store.tables.events} FINAL`))[0].n);

/** Produces events keyed as ingestion keys them: by candidate (amendments through their scorecard), rubrics by id. */
function produce(events: PlumblineEvent[], candidateOf: Map<string, string>) {
  const key = (e: PlumblineEvent) => {
    if (e.type === 'RubricPublished') return `rubric:${e.data.rubricId}`;
    if (e.type === 'ScorecardSubmitted' || e.type === 'DecisionRecorded') return e.data.candidateId;
    return candidateOf.get(e.data.scorecardId)!;
  };
  return producer.send({ topic, acks: -1, messages: events.map((e) => ({ key: key(e), value: JSON.stringify(e) })) });
}

beforeAll(async () => {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }, { topic: `${topic}.dlq`, numPartitions: 1 }] });
  await admin.disconnect();
  await producer.connect();
  await store.createTables();
  await projector.start();
}, 60_000);

afterAll(async () => {
  await projector.stop();
  await producer.disconnect();
  await client.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a failed projection write', () => {
  it('rewinds to the committed offsets: nothing lost, nothing counted twice, the fetch queued behind it not written ahead of it', async () => {
    const before = mixedLog(200, 11);
    const after = mixedLog(200, 12);
    const candidateOf = new Map([...before, ...after].flatMap((e) => (e.type === 'ScorecardSubmitted' ? [[e.data.scorecardId, e.data.candidateId] as const] : [])));

    await produce([rubricPublishedEvent(mlSystemDesignRubric), ...before], candidateOf);
    await waitUntil(async () => (await projected()) === before.length + 1, 30_000);

    // The write of the next fetch (the new scorecards) fails after 500 ms. Their amendments,
    // withdrawals and decisions arrive meanwhile and are queued behind it: written ahead of the
    // scorecards they change, they would be dead-lettered and the figures would differ.
    store.failNextWrite = true;
    const submitted = after.filter((e) => e.type === 'ScorecardSubmitted');
    const changes = after.filter((e) => e.type !== 'ScorecardSubmitted');
    await produce(submitted, candidateOf);
    await sleep(200);
    await produce(changes, candidateOf);
    await waitUntil(async () => (await projected()) === before.length + after.length + 1, 60_000);

    expect(store.failures).toBe(1);
    expect(warnings.some((w) => w.includes('injected write failure'))).toBe(true);
    expect(await projectedFigures(store)).toEqual(referenceFigures([...before, ...submitted, ...changes]));
    const [{ n: deadLetters }] = await store.rows<{ n: string }>(`SELECT count() AS n FROM ${store.tables.deadLetters}`);
    expect(Number(deadLetters)).toBe(0);
    const positions = await store.positions();
    for (const [partition, end] of await endOffsets()) expect(positions.get(partition)?.nextOffset).toBe(end);
  }, 120_000);
});

describe('a write still under way', () => {
  it('skips the copies of events that come again while their first write is landing', async () => {
    const events = mixedLog(100, 13);
    const candidateOf = new Map(events.flatMap((e) => (e.type === 'ScorecardSubmitted' ? [[e.data.scorecardId, e.data.candidateId] as const] : [])));
    // The next fetch's lookups start while this write waits: its copies are only known from the write in hand.
    store.slowNextWrite = true;
    await produce(events, candidateOf);
    const copiesFrom = await endOffsets();
    await sleep(200);
    await produce(events, candidateOf);
    const ends = await endOffsets();
    await waitUntil(async () => [...(await store.positions())].every(([partition, p]) => p.nextOffset === ends.get(partition)), 60_000);

    // Every event is projected from its first copy: no row comes from a position of the second.
    const rows = await store.rows<{ partition: number; last: string }>(
      `SELECT partition, max(offset) AS last FROM ${store.tables.events} WHERE event_id IN {ids:Array(UUID)} GROUP BY partition`,
      { ids: events.map((e) => e.eventId) },
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const { partition, last } of rows) expect(Number(last)).toBeLessThan(copiesFrom.get(partition)!);
    const [{ n: deadLetters }] = await store.rows<{ n: string }>(`SELECT count() AS n FROM ${store.tables.deadLetters}`);
    expect(Number(deadLetters)).toBe(0);
  }, 120_000);
});

async function endOffsets(): Promise<Map<number, number>> {
  const admin = kafka.admin();
  await admin.connect();
  return new Map((await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect())).map((o) => [o.partition, Number(o.high)]));
}
