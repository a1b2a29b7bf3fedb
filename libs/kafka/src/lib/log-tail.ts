import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';

/** Where the record batch a message came in begins: kafkajs gives each record its batch's context (not in its types). */
export function batchStartOf(message: KafkaMessage): string | undefined {
  return (message as { batchContext?: { firstOffset?: string } }).batchContext?.firstOffset;
}

export interface LogTail {
  /** Resolves once every message that was in the topic when the tail started has been seen. */
  caughtUp: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Reads a topic from the beginning and keeps following it, without committing offsets: for
 * services that rebuild an in-memory view of the log on start. Its consumer group is private
 * to this process, so every instance sees every partition.
 */
export async function startLogTail(
  kafka: Kafka,
  topic: string,
  /** Given each batch (of one partition); the tail fetches on once what it returns has settled. */
  onMessages: (messages: KafkaMessage[], partition: number) => void | Promise<void>,
  groupPrefix = 'plumbline-tail',
): Promise<LogTail> {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  // Where each partition ends now; positions count control records (transaction markers) too.
  const remaining = new Map(offsets.filter((o) => Number(o.high) > Number(o.low)).map((o) => [o.partition, Number(o.high)]));

  const consumer: Consumer = kafka.consumer({ groupId: `${groupPrefix}-${process.pid}-${Date.now().toString(36)}`, maxWaitTimeInMs: 250 });
  let markCaughtUp: () => void = () => undefined;
  const caughtUp = new Promise<void>((resolve) => (markCaughtUp = resolve));
  if (remaining.size === 0) markCaughtUp();
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    const end = remaining.get(payload.partition);
    if (end !== undefined && Number(payload.lastOffset) + 1 >= end) {
      remaining.delete(payload.partition);
      if (remaining.size === 0) markCaughtUp();
    }
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => onMessages(batch.messages, batch.partition),
  });
  return { caughtUp, stop: () => consumer.disconnect() };
}
