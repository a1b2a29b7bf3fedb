// The event log's publisher on its worker thread, against the real broker: what it acknowledges
// is in the topic, and a broker it cannot reach is reported as the 503-worthy error in time.
import { createKafka, EventLogUnavailableError, PublisherThread } from '@plumbline/kafka';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { testConfig } from '../support/app';
import { readTopic } from '../support/kafka';

const brokers = inject('kafkaBrokers');

describe('PublisherThread', () => {
  const config = testConfig(brokers).kafka;
  const topic = `plumbline.publisher-thread.${Date.now()}`;
  const threads: PublisherThread[] = [];
  const started = (kafka = config, timeoutMs = 10_000) => {
    const thread = new PublisherThread({ kafka, clientId: 'test-publisher', options: { topic, timeoutMs, transactionalIdPrefix: 'test-publisher' } });
    threads.push(thread);
    return thread;
  };
  afterAll(() => Promise.all(threads.map((t) => t.disconnect())));

  it('publishes each call atomically and knows where each partition must be readable up to', async () => {
    const admin = createKafka(config, 'test-admin').admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true }).finally(() => admin.disconnect());
    const thread = started();
    const messages = (from: number) => Array.from({ length: 50 }, (_, i) => ({ key: `k-${from + i}`, value: JSON.stringify({ n: from + i }), headers: { eventId: `e-${from + i}` } }));
    await Promise.all([thread.publish(messages(0)), thread.publish(messages(50))]);

    const read = await readTopic(brokers, topic, 100);
    expect(read.map((m) => JSON.parse(m.value).n).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    const ends = thread.acknowledgedEnds();
    expect([...ends.keys()].sort()).toEqual([...new Set(read.map((m) => m.partition))].sort());
    for (const end of ends.values()) expect(end).toBeGreaterThan(0);
  });

  it('fails a call with EventLogUnavailableError when no broker answers in time', async () => {
    const unreachable = started({ ...config, brokers: ['127.0.0.1:1'] }, 1_500);
    await expect(unreachable.publish([{ key: 'k', value: '{}' }])).rejects.toBeInstanceOf(EventLogUnavailableError);
  });
});
