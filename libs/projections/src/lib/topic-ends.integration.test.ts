import type { PlumblineConfig } from '@plumbline/config';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TopicEnds } from './topic-ends';

const kafka = new Kafka({ brokers: inject('kafkaBrokers').split(','), clientId: 'test-topic-ends', logLevel: logLevel.NOTHING });
const topic = `plumbline.topic-ends-${process.pid}`;
// The admin clients TopicEnds opens, to break one under it.
const opened: Admin[] = [];
const trackingKafka = { admin: () => opened[opened.push(kafka.admin()) - 1] } as unknown as Kafka;
const topicEnds = new TopicEnds(trackingKafka, { kafka: { topic } } as PlumblineConfig);
const producer = kafka.producer();

beforeAll(async () => {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
  await admin.disconnect();
  await producer.connect();
}, 60_000);

afterAll(async () => {
  await producer.disconnect();
  await topicEnds.onApplicationShutdown();
});

describe('TopicEnds', () => {
  it('reports each partition’s end offset through one connection', async () => {
    expect(await topicEnds.get()).toEqual(new Map([[0, 0], [1, 0]]));
    await producer.send({ topic, messages: [{ value: 'a', partition: 1 }, { value: 'b', partition: 1 }] });
    expect(await topicEnds.get()).toEqual(new Map([[0, 0], [1, 2]]));
    expect(opened).toHaveLength(1);
  });

  it('answers on a fresh connection when its connection was closed', async () => {
    await opened[0].disconnect();
    expect(await topicEnds.get()).toEqual(new Map([[0, 0], [1, 2]]));
    expect(opened).toHaveLength(2);
  });
});
