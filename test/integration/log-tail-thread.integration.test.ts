// Ingestion's log tail on its worker thread, against the real broker: it passes on what was in the
// topic at start and what others write, and leaves out this process's acknowledged writes.
import { createKafka, type WrittenBatch } from '@plumbline/kafka';
import { LogTailThread, type TailMessage } from '@plumbline/ingestion';
import { Partitioners } from 'kafkajs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { testConfig, waitUntil } from '../support/app';

const brokers = inject('kafkaBrokers');

describe('LogTailThread', () => {
  const config = testConfig(brokers).kafka;
  const topic = `plumbline.log-tail-thread.${Date.now()}`;
  const kafka = createKafka(config, 'test-tail-writer');
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  const passedOn: TailMessage[] = [];
  let tail: LogTailThread;
  /** Writes the events in one produce request: where Kafka put them, as a publisher reports it. */
  const write = async (...eventIds: string[]): Promise<WrittenBatch[]> => {
    const written = await producer.send({ topic, acks: -1, messages: eventIds.map((eventId) => ({ key: eventId, value: JSON.stringify({ eventId }), headers: { eventId } })) });
    return written.map(({ partition, baseOffset }) => [partition, Number(baseOffset)]);
  };
  const passedOnIds = () => passedOn.map((m) => m.eventId).sort();
  afterAll(async () => {
    await tail?.stop();
    await producer.disconnect();
  });

  it('passes on what the topic held at start before it has caught up', async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true }).finally(() => admin.disconnect());
    await producer.connect();
    await write('old-1', 'old-2', 'old-3');
    tail = new LogTailThread({ kafka: config, topic, groupPrefix: 'test-tail', ownWindow: 100 }, (messages) => passedOn.push(...messages), () => undefined, () => undefined);
    await tail.caughtUp;
    expect(passedOnIds()).toEqual(['old-1', 'old-2', 'old-3']);
    expect(JSON.parse(passedOn[0].value!)).toEqual({ eventId: passedOn[0].eventId });
  });

  it('leaves out acknowledged own writes, seen before or after their acknowledgement, and passes on the others', async () => {
    const first = tail.writing();
    const firstBatches = await write('own-1');
    await new Promise((resolve) => setTimeout(resolve, 500)); // the tail sees own-1 while its write is in flight
    tail.written(first, firstBatches);
    const second = tail.writing();
    tail.written(second, await write('own-2', 'own-3'));
    await write('other-1');
    await waitUntil(async () => passedOn.length === 4, 10_000, 50);
    await new Promise((resolve) => setTimeout(resolve, 500)); // nothing else comes
    expect(passedOnIds()).toEqual(['old-1', 'old-2', 'old-3', 'other-1']);
  });

  it('holds what it reads while a write is in flight, and passes on the messages of a failed write: it may have committed all the same', async () => {
    const write1 = tail.writing();
    await write('maybe-1');
    await write('other-2');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(passedOnIds()).not.toContain('maybe-1');
    expect(passedOnIds()).not.toContain('other-2');
    tail.written(write1, null);
    await waitUntil(async () => passedOn.length === 6, 10_000, 50);
    expect(passedOnIds()).toEqual(['maybe-1', 'old-1', 'old-2', 'old-3', 'other-1', 'other-2']);
  });

  it('reports a broker it cannot reach as a failed start, and stops cleanly', async () => {
    const unreachable = new LogTailThread({ kafka: { ...config, brokers: ['127.0.0.1:1'] }, topic, groupPrefix: 'test-tail', ownWindow: 100 }, () => undefined, () => undefined, () => undefined);
    await expect(unreachable.caughtUp).rejects.toThrow();
    await unreachable.stop();
  });

  it('tells when its thread stops without being asked to, so that its owner can start another', async () => {
    let exited: Error | undefined;
    // A window the worker cannot allocate makes its thread fail at start.
    const broken = new LogTailThread({ kafka: config, topic, groupPrefix: 'test-tail', ownWindow: -1 }, () => undefined, () => undefined, (error) => (exited = error));
    await expect(broken.caughtUp).rejects.toThrow();
    await waitUntil(async () => exited !== undefined, 10_000, 50);
    expect(exited?.message).toMatch(/log tail thread stopped/);
  });
});
