import { Partitioners, type Consumer, type EachBatchPayload, type Kafka, type Producer } from 'kafkajs';
import { decodeMessage, lookupsFor, projectBatch, type LogMessage } from './project-batch';
import type { ProjectionStore } from './projection-store';
import { deadLettered, duplicatesSkipped, eventsProjected, writeSeconds } from './projector-metrics';

export interface ProjectorOptions {
  topic: string;
  dlqTopic: string;
  groupId: string;
  /** Partitions worked on at once: the bound on in-flight batches. */
  partitionsConcurrently?: number;
}

export type ProjectorLog = (level: 'info' | 'warn' | 'error', message: string) => void;

/**
 * Projects the event topic into one generation of tables. A consumer group member reading
 * whole batches (`eachBatch`): per partition, a batch is decoded, deduplicated against what is
 * stored, written to ClickHouse, its dead letters sent to the DLQ — and only then is its offset
 * committed. A crash at any point re-delivers the batch, which re-writes identical rows.
 */
export class Projector {
  private consumer: Consumer | null = null;
  private dlqProducer: Producer | null = null;

  constructor(
    private readonly kafka: Kafka,
    readonly store: ProjectionStore,
    private readonly options: ProjectorOptions,
    private readonly log: ProjectorLog = () => undefined,
  ) {}

  async start(): Promise<void> {
    this.dlqProducer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await this.dlqProducer.connect();
    const consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      maxBytesPerPartition: 4 * 1024 * 1024,
      maxBytes: 16 * 1024 * 1024,
      maxWaitTimeInMs: 100,
      // A crashed member is noticed within 10 s, so its partitions move to a live one quickly.
      sessionTimeout: 10_000,
      heartbeatInterval: 2_000,
    });
    this.consumer = consumer;
    // Batches of only transaction markers never reach eachBatch; record the position anyway so
    // the lag can reach zero. No data changes, so this needs no ordering with other writes.
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      if (payload.batchSize > 0) return;
      const nextOffset = Number(payload.lastOffset) + 1;
      void this.store
        .write({ events: [], scorecards: [], decisions: [], rubrics: [], deadLetters: [], duplicates: 0 }, { partition: payload.partition, nextOffset, lastLoggedAt: new Date().toISOString() })
        .then(() => consumer.commitOffsets([{ topic: payload.topic, partition: payload.partition, offset: String(nextOffset) }]))
        .catch((error: Error) => this.log('warn', `could not record position after markers: ${error.message}`));
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => this.log('error', `projector consumer crashed (${payload.restart ? 'restarting' : 'stopped'}): ${payload.error.message}`));
    await consumer.connect();
    await consumer.subscribe({ topic: this.options.topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConcurrently ?? 3,
      eachBatch: (payload) => this.projectKafkaBatch(payload),
    });
  }

  /** Stops after the batches in hand; unwritten batches are not committed and come again. */
  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = null;
    await consumer?.disconnect();
    await this.dlqProducer?.disconnect();
    this.dlqProducer = null;
  }

  private async projectKafkaBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    if (!isRunning() || isStale() || batch.messages.length === 0) return;
    const messages: LogMessage[] = batch.messages.map((m) => ({ partition: batch.partition, offset: Number(m.offset), timestamp: Number(m.timestamp), value: m.value }));
    const decoded = messages.map(decodeMessage);
    const { eventIds, scorecardIds } = lookupsFor(decoded);
    const known = await this.store.knownState(eventIds, scorecardIds);
    const writes = projectBatch(decoded, known);
    const nextOffset = Number(batch.lastOffset()) + 1;

    const stopTimer = writeSeconds.startTimer();
    await this.store.write(writes, { partition: batch.partition, nextOffset, lastLoggedAt: new Date(messages[messages.length - 1].timestamp).toISOString() });
    stopTimer();
    if (writes.deadLetters.length > 0) {
      await this.dlqProducer!.send({
        topic: this.options.dlqTopic,
        acks: -1,
        messages: writes.deadLetters.map((d) => ({
          key: `${d.partition}:${d.offset}`,
          value: JSON.stringify({ reason: d.reason, error: d.error, sourceTopic: batch.topic, sourcePartition: d.partition, sourceOffset: d.offset, raw: d.raw }),
          headers: { reason: d.reason, sourcePartition: String(d.partition), sourceOffset: String(d.offset) },
        })),
      });
    }
    for (const e of writes.events) eventsProjected.inc({ type: e.type });
    for (const d of writes.deadLetters) deadLettered.inc({ reason: d.reason });
    duplicatesSkipped.inc(writes.duplicates);

    resolveOffset(batch.lastOffset());
    await this.consumer?.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: String(nextOffset) }]);
    await heartbeat();
  }
}
