import { Partitioners, type Consumer, type EachBatchPayload, type Kafka, type Message, type Producer } from 'kafkajs';
import { decodeMessage, lookupsFor, projectBatch, type LogMessage, type ProjectionWrites } from './project-batch';
import type { PartitionPosition, ProjectionStore } from './projection-store';
import { deadLettered, duplicatesSkipped, eventsProjected, writeSeconds } from './projector-metrics';

export interface ProjectorOptions {
  topic: string;
  dlqTopic: string;
  groupId: string;
  /** Partitions worked on at once: the bound on batches gathered into one write. */
  partitionsConcurrently?: number;
}

export type ProjectorLog = (level: 'info' | 'warn' | 'error', message: string) => void;

/** How long the first batch of a fetch waits for the other partitions' batches to join it. */
const GATHER_MS = 5;
/** A dead letter carries at most this much of the message; its source position finds the rest. */
const DEAD_LETTER_RAW_BYTES = 64 * 1024;
/** Dead letters per produce request are bounded so a request stays under the broker's limit. */
const DEAD_LETTER_REQUEST_BYTES = 512 * 1024;

/**
 * Projects the event topic into one generation of tables. A consumer group member reading
 * whole batches (`eachBatch`): the batches of one fetch (one per partition) are gathered,
 * decoded, deduplicated against what is stored, written to ClickHouse in one go, their dead
 * letters sent to the DLQ — and only then are their offsets committed. A crash at any point
 * re-delivers the batches, which re-writes identical rows. Gathering matters because every
 * ClickHouse round trip costs far more than the rows in it.
 */
export class Projector {
  private consumer: Consumer | null = null;
  private dlqProducer: Producer | null = null;
  private gathering: { payloads: EachBatchPayload[]; done: Promise<void> } | null = null;
  /** Set when the consumer crashed for good; whoever runs this projector starts a new one. */
  failed = false;

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
        .write({ events: [], scorecards: [], decisions: [], rubrics: [], deadLetters: [], duplicates: 0 }, [{ partition: payload.partition, nextOffset, lastLoggedAt: new Date().toISOString() }])
        .then(() => consumer.commitOffsets([{ topic: payload.topic, partition: payload.partition, offset: String(nextOffset) }]))
        .catch((error: Error) => this.log('warn', `could not record position after markers: ${error.message}`));
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.log('error', `projector consumer crashed (${payload.restart ? 'restarting' : 'stopped'}): ${payload.error.message}`);
      if (!payload.restart) this.failed = true;
    });
    await consumer.connect();
    await consumer.subscribe({ topic: this.options.topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConcurrently ?? 6,
      eachBatch: (payload) => this.gather(payload),
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

  /** Joins the batch to the write being gathered (or starts one); settles when it is committed. */
  private gather(payload: EachBatchPayload): Promise<void> {
    if (!payload.isRunning() || payload.isStale() || payload.batch.messages.length === 0) return Promise.resolve();
    if (!this.gathering) {
      const gathering: { payloads: EachBatchPayload[]; done: Promise<void> } = { payloads: [], done: Promise.resolve() };
      gathering.done = new Promise((resolve) => setTimeout(resolve, GATHER_MS)).then(() => {
        this.gathering = null;
        return this.project(gathering.payloads.filter((p) => p.isRunning() && !p.isStale()));
      });
      this.gathering = gathering;
    }
    this.gathering.payloads.push(payload);
    return this.gathering.done;
  }

  private async project(payloads: EachBatchPayload[]): Promise<void> {
    if (payloads.length === 0) return;
    const messages: LogMessage[] = payloads.flatMap(({ batch }) => batch.messages.map((m) => ({ partition: batch.partition, offset: Number(m.offset), timestamp: Number(m.timestamp), value: m.value })));
    const decoded = messages.map(decodeMessage);
    const { eventIds, scorecardIds, rubricKeys } = lookupsFor(decoded);
    const known = await this.store.knownState(eventIds, scorecardIds, rubricKeys);
    const writes = projectBatch(decoded, known);
    const positions: PartitionPosition[] = payloads.map(({ batch }) => ({
      partition: batch.partition,
      nextOffset: Number(batch.lastOffset()) + 1,
      lastLoggedAt: new Date(Number(batch.messages[batch.messages.length - 1].timestamp)).toISOString(),
    }));

    const stopTimer = writeSeconds.startTimer();
    await this.store.write(writes, positions);
    stopTimer();
    await this.sendDeadLetters(writes.deadLetters);
    for (const e of writes.events) eventsProjected.inc({ type: e.type });
    for (const d of writes.deadLetters) deadLettered.inc({ reason: d.reason });
    duplicatesSkipped.inc(writes.duplicates);

    for (const { batch, resolveOffset } of payloads) resolveOffset(batch.lastOffset());
    await this.consumer?.commitOffsets(positions.map((p) => ({ topic: this.options.topic, partition: p.partition, offset: String(p.nextOffset) })));
    await Promise.all(payloads.map(({ heartbeat }) => heartbeat()));
  }

  private async sendDeadLetters(deadLetters: ProjectionWrites['deadLetters']): Promise<void> {
    let request: Message[] = [];
    let bytes = 0;
    const flush = async () => {
      if (request.length > 0) await this.dlqProducer!.send({ topic: this.options.dlqTopic, acks: -1, messages: request });
      request = [];
      bytes = 0;
    };
    for (const d of deadLetters) {
      const raw = d.raw.length > DEAD_LETTER_RAW_BYTES ? d.raw.slice(0, DEAD_LETTER_RAW_BYTES) : d.raw;
      const value = JSON.stringify({ reason: d.reason, error: d.error, sourceTopic: this.options.topic, sourcePartition: d.partition, sourceOffset: d.offset, raw, rawTruncated: raw !== d.raw });
      if (bytes + value.length > DEAD_LETTER_REQUEST_BYTES) await flush();
      request.push({ key: `${d.partition}:${d.offset}`, value, headers: { reason: d.reason, sourcePartition: String(d.partition), sourceOffset: String(d.offset) } });
      bytes += value.length;
    }
    await flush();
  }
}
