// A projector starting on a log already written (a replay, a restart) gets a first fetch far
// larger than the first part it writes: the fetch is written in parts, and the projection ends
// with exactly a clean pass's figures, duplicates across parts and ids without a header included.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClickHouse } from '@plumbline/clickhouse';
import { mlSystemDesignRubric, rubricPublishedEvent, type PlumblineEvent } from '@plumbline/events';
import { ProjectionStore, Projector, type PartitionPosition, type ProjectionWrites } from '@plumbline/projections';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { afterAll, expect, inject, it } from 'vitest';
import { waitUntil } from '../support/app';
import { mixedLog, projectedFigures, referenceFigures } from '../support/mixed-log';

/** A real store that notes how many messages each write covered, how many were copies, and the positions it recorded. */
class WriteSizeStore extends ProjectionStore {
  readonly writeSizes: number[] = [];
  readonly positionsWritten: number[][] = [];
  duplicates = 0;

  override async write(writes: ProjectionWrites, positions: PartitionPosition[]): Promise<void> {
    const size = writes.events.length + writes.deadLetters.length + writes.duplicates;
    if (size > 0) {
      this.writeSizes.push(size);
      this.positionsWritten.push(positions.map((p) => p.nextOffset));
    }
    this.duplicates += writes.duplicates;
    return super.write(writes, positions);
  }
}

const kafka = new Kafka({ brokers: inject('kafkaBrokers').split(','), clientId: 'test-projector-parts', logLevel: logLevel.NOTHING });
const topic = `plumbline.parts-${process.pid}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-parts-'));
const client = createClickHouse({ mode: 'embedded', path: dataDir });
const store = new WriteSizeStore(client, 1);
// Parts from 500 messages: a fetch of 2,000 or more is split (the log's one fetch is about 4,400).
const projector = new Projector(kafka, store, { topic, dlqTopic: `${topic}.dlq`, groupId: `${topic}-projector`, firstPartMessages: 500 });

afterAll(async () => {
  await projector.stop();
  await client.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('writes a large first fetch in growing parts, with exactly the figures of a clean pass', async () => {
  const log = [rubricPublishedEvent(mlSystemDesignRubric), ...mixedLog(800, 21)];
  const unannounced = mixedLog(60, 22);
  const candidateOf = new Map([...log, ...unannounced].flatMap((e) => (e.type === 'ScorecardSubmitted' ? [[e.data.scorecardId, e.data.candidateId] as const] : [])));
  const key = (e: PlumblineEvent) => (e.type === 'RubricPublished' ? `rubric:${e.data.rubricId}` : e.type === 'ScorecardSubmitted' || e.type === 'DecisionRecorded' ? e.data.candidateId : candidateOf.get(e.data.scorecardId)!);
  // As ingestion writes them (eventId header), then as other producers might (no header): new
  // events, and copies of events from the start of the log, which land in later parts.
  const message = (e: PlumblineEvent, header: boolean) => ({ key: key(e), value: JSON.stringify(e), headers: header ? { eventId: e.eventId } : undefined });
  const messages = [...log.map((e) => message(e, true)), ...unannounced.map((e) => message(e, false)), ...log.slice(1, 301).map((e) => message(e, true)), ...log.slice(301, 401).map((e) => message(e, false))];
  expect(messages.length).toBeGreaterThan(4_000);

  const admin = kafka.admin();
  await admin.connect();
  // One partition, so that the first fetch holds the whole log (under 4 MB).
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }, { topic: `${topic}.dlq`, numPartitions: 1 }] });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  // In requests the broker accepts (a record batch of at most 1 MB).
  for (let i = 0; i < messages.length; i += 500) await producer.send({ topic, acks: -1, messages: messages.slice(i, i + 500) });
  await producer.disconnect();
  const ends = new Map((await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, Number(o.high)]));
  await admin.disconnect();

  await store.createTables();
  expect(projector.hasWrittenUpTo(ends)).toBe(false);
  await projector.start();
  await waitUntil(async () => {
    const positions = await store.positions();
    return [...ends].every(([partition, end]) => positions.get(partition)?.nextOffset === end);
  }, 60_000);
  // Its own account agrees, once the offsets are committed too.
  await waitUntil(async () => projector.hasWrittenUpTo(ends), 10_000);

  // The first fetch was the whole log, written in parts of 500, 2,000 and the rest.
  expect(store.writeSizes).toEqual([500, 2_000, messages.length - 2_500]);
  // Positions go with the fetch's last part only: the end of the log (past its transaction markers).
  expect(store.positionsWritten).toEqual([[], [], [ends.get(0)]]);
  expect(store.writeSizes.reduce((sum, n) => sum + n, 0)).toBe(messages.length);
  expect(await projectedFigures(store)).toEqual(referenceFigures([...log, ...unannounced]));
  // Every copy was recognised, those with a header and those without.
  expect(store.duplicates).toBe(400);
  const [{ n: events }] = await store.rows<{ n: string }>(`SELECT count() AS n FROM ${store.tables.events} FINAL`);
  expect(Number(events)).toBe(log.length + unannounced.length);
  const [{ n: deadLetters }] = await store.rows<{ n: string }>(`SELECT count() AS n FROM ${store.tables.deadLetters}`);
  expect(Number(deadLetters)).toBe(0);
}, 120_000);
