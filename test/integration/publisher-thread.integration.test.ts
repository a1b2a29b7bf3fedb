// The event log's publisher on its worker thread, against the real broker: what it acknowledges
// is in the topic, and a broker it cannot reach is reported as the 503-worthy error in time.
import { createKafka, EventLogUnavailableError, PublisherThread } from '@plumbline/kafka';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { testConfig, waitUntil } from '../support/app';
import { readTopic } from '../support/kafka';

const brokers = inject('kafkaBrokers');

describe('PublisherThread', () => {
  const config = testConfig(brokers).kafka;
  const topic = `plumbline.publisher-thread.${Date.now()}`;
  const threads: PublisherThread[] = [];
  const started = (kafka = config, timeoutMs = 10_000, idleStopMs?: number) => {
    const thread = new PublisherThread({ kafka, clientId: 'test-publisher', options: { topic, timeoutMs, transactionalIdPrefix: 'test-publisher' } }, undefined, idleStopMs);
    threads.push(thread);
    return thread;
  };
  afterAll(() => Promise.all(threads.map((t) => t.disconnect())));

  it('publishes each call atomically, tells where Kafka put it, and knows where each partition must be readable up to', async () => {
    const admin = createKafka(config, 'test-admin').admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true }).finally(() => admin.disconnect());
    const thread = started();
    const messages = (from: number) => Array.from({ length: 50 }, (_, i) => ({ key: `k-${from + i}`, value: JSON.stringify({ n: from + i }), headers: { eventId: `e-${from + i}` } }));
    const written = await Promise.all([thread.publish(messages(0)), thread.publish(messages(50))]);

    const read = await readTopic(brokers, topic, 100);
    expect(read.map((m) => JSON.parse(m.value).n).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    // Each message came in a record batch that its call's answer names (one per partition).
    for (const m of read) expect(written[JSON.parse(m.value).n < 50 ? 0 : 1]).toContainEqual([m.partition, m.batchStart]);
    for (const batches of written) expect(new Set(batches.map(([partition]) => partition)).size).toBe(batches.length);
    const ends = thread.acknowledgedEnds();
    expect([...ends.keys()].sort()).toEqual([...new Set(read.map((m) => m.partition))].sort());
    for (const end of ends.values()) expect(end).toBeGreaterThan(0);
  });

  it('stops its worker when idle and starts another for the next call', async () => {
    const thread = started(config, 10_000, 300);
    await thread.publish([{ key: 'idle-1', value: JSON.stringify({ n: 'idle-1' }) }]);
    expect(thread.running).toBe(true);
    await waitUntil(async () => !thread.running, 5_000, 50);
    await thread.publish([{ key: 'idle-2', value: JSON.stringify({ n: 'idle-2' }) }]);

    const read = await readTopic(brokers, topic, 102);
    expect(read.map((m) => JSON.parse(m.value).n).filter((n) => String(n).startsWith('idle'))).toEqual(expect.arrayContaining(['idle-1', 'idle-2']));
  });

  it('fails a call with EventLogUnavailableError when no broker answers in time', async () => {
    const unreachable = started({ ...config, brokers: ['127.0.0.1:1'] }, 1_500);
    await expect(unreachable.publish([{ key: 'k', value: '{}' }])).rejects.toBeInstanceOf(EventLogUnavailableError);
  });
});
