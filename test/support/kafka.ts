import { Kafka, logLevel } from 'kafkajs';

export interface TopicMessage {
  partition: number;
  key: string | null;
  value: string;
  /** The first offset of the record batch it came in (kafkajs gives it, untyped). */
  batchStart: number;
}

/**
 * Reads a topic from the beginning with a plain kafkajs consumer, independent of Plumbline's
 * code, until `expected` messages arrived and a quiet period shows there are no more.
 */
export async function readTopic(brokers: string, topic: string, expected: number, quietMs = 1_500): Promise<TopicMessage[]> {
  const kafka = new Kafka({ brokers: brokers.split(','), clientId: 'test-reader', logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `test-reader-${Math.random().toString(36).slice(2)}`, maxWaitTimeInMs: 100 });
  const messages: TopicMessage[] = [];
  let lastArrival = Date.now();
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ partition, message }) => {
      const batchStart = Number((message as { batchContext?: { firstOffset: string } }).batchContext?.firstOffset);
      messages.push({ partition, key: message.key?.toString() ?? null, value: message.value?.toString() ?? '', batchStart });
      lastArrival = Date.now();
    },
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && (messages.length < expected || Date.now() - lastArrival < quietMs)) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await consumer.disconnect();
  return messages;
}

/**
 * Messages in a topic, summed over partitions (transaction markers included), once the sum has
 * held still for `quietMs`. The ends are read committed, and a transaction's markers land moments
 * after its commit was acknowledged: read while they were landing, an earlier request's markers
 * had counted as a write of the request under test.
 */
export async function topicEndOffsets(brokers: string, topic: string, quietMs = 300): Promise<number> {
  const kafka = new Kafka({ brokers: brokers.split(','), clientId: 'test-offsets', logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const sum = async () => (await admin.fetchTopicOffsets(topic)).reduce((total, o) => total + Number(o.high), 0);
  try {
    let last = await sum();
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, quietMs));
      const now = await sum();
      if (now === last) return now;
      last = now;
    }
    return last;
  } finally {
    await admin.disconnect();
  }
}
