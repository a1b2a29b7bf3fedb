import type { ParsedEvents, RequestsBeingRecorded } from '@plumbline/events';
import { Partitioners, type Consumer, type EachBatchPayload, type Kafka, type Message, type Producer } from 'kafkajs';
import { knownAfter, messageDecoder, projectBatch, withEvents, type Decoded, type KnownState, type LogMessage, type ProjectionWrites } from './project-batch';
import { FetchGathering } from './fetch-gathering';
import { splitFetch, type PartitionBatch } from './fetch-parts';
import type { PartitionPosition, ProjectionStore } from './projection-store';
import { deadLettered, duplicatesSkipped, eventsProjected, writeSeconds } from './projector-metrics';

export interface ProjectorOptions {
  topic: string;
  dlqTopic: string;
  groupId: string;
  /** Partitions worked on at once: the bound on batches gathered into one write. */
  partitionsConcurrently?: number;
  /** Fetches of at least this many messages are written while the next is read (see `project`). */
  pipelineFromMessages?: number;
  /** The first part of a large fetch written in parts (see `project`); 2,000 unless given. */
  firstPartMessages?: number;
  /** Events written by this process's ingestion, so they need no parsing again (all-in-one). */
  parsedEvents?: ParsedEvents;
  /** This process's ingestion, whose requests a fetch waits for (all-in-one; see REQUESTS_FIRST_MS). */
  requestsFirst?: Pick<RequestsBeingRecorded, 'quiet'>;
}

export type ProjectorLog = (level: 'info' | 'warn' | 'error', message: string) => void;

/** How long the first batch of a fetch waits, at most, for the other partitions' batches (see FetchGathering). */
const GATHER_MS = 5;
/**
 * How long a fetch waits, at most, for ingestion's requests under way in this process to be
 * answered (see RequestsBeingRecorded); batches arriving meanwhile join it. Freshness has a
 * target of 2 s, and is ~0.3 s without the wait.
 */
const REQUESTS_FIRST_MS = 500;
/** The pause after a failed write before reading resumes from the committed offsets. */
const REWIND_PAUSE_MS = 1_000;
const NO_WRITES: ProjectionWrites = { events: [], scorecards: [], decisions: [], rubrics: [], deadLetters: [], duplicates: 0 };
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
 * ClickHouse round trip costs far more than the rows in it. Beside ingestion (all-in-one), a
 * fetch first lets the requests under way be answered, for at most REQUESTS_FIRST_MS.
 *
 * Catching up, writes are pipelined: while one large fetch is written, kafkajs already reads and
 * we decode the next (a fetch's offsets are resolved, not committed, once it is decoded). Writes run
 * one after another in fetch order, so each sees the rows of the one before. A failed write
 * rewinds: every partition goes back to its last committed offset, the fetches queued behind the
 * failure are dropped, and reading resumes from there after a pause.
 */
export class Projector {
  private consumer: Consumer | null = null;
  private dlqProducer: Producer | null = null;
  private readonly gathering: FetchGathering<EachBatchPayload>;
  /** The last write queued; it never rejects (a failure rewinds instead). */
  private writing: Promise<void> = Promise.resolve();
  /** Writes queued and not yet done (or dropped). */
  private writesQueued = 0;
  /** Counts rewinds: a write queued before the latest one is dropped. */
  private rewinds = 0;
  /** Per partition, the offset after its last committed write: where a rewind goes back to. */
  private readonly committed = new Map<number, number>();
  /** The events of the last write of rows: a lookup started while it was under way may not see them. */
  private lastWrittenEvents: ProjectionWrites['events'] = [];
  /** Positions after batches of only transaction markers, waiting for their queued write. */
  private readonly markerPositions = new Map<number, PartitionPosition>();
  /** Resolved at the next commit of offsets: whoever waits for positions to move. */
  private readonly commitWaiters: (() => void)[] = [];
  /** Set when the consumer crashed for good; whoever runs this projector starts a new one. */
  failed = false;
  private readonly decode: ReturnType<typeof messageDecoder>;

  constructor(
    private readonly kafka: Kafka,
    readonly store: ProjectionStore,
    private readonly options: ProjectorOptions,
    private readonly log: ProjectorLog = () => undefined,
  ) {
    this.decode = messageDecoder(options.parsedEvents);
    this.gathering = new FetchGathering(
      GATHER_MS,
      async () => this.options.requestsFirst?.quiet(REQUESTS_FIRST_MS),
      (payloads) => this.project(payloads.filter((p) => p.isRunning() && !p.isStale())),
    );
  }

  async start(): Promise<void> {
    this.dlqProducer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
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
    // the lag can reach zero, in turn with the writes so it never passes an unwritten fetch.
    // Positions that arrive while such a write waits join it: one write, not one per marker.
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      if (payload.batchSize > 0) return;
      const queued = this.markerPositions.size > 0;
      this.markerPositions.set(payload.partition, { partition: payload.partition, nextOffset: Number(payload.lastOffset) + 1, lastLoggedAt: new Date().toISOString() });
      const batch = { partition: payload.partition, firstOffset: Number(payload.firstOffset ?? payload.lastOffset) };
      if (queued) this.rewindPointFor(batch);
      else
        this.queueWrite([batch], this.rewinds, () => {
          const positions = [...this.markerPositions.values()];
          this.markerPositions.clear();
          return this.commit(NO_WRITES, positions);
        });
    });
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.committed.clear();
      this.gathering.partitions = payload.memberAssignment[this.options.topic]?.length ?? 0;
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.log('error', `projector consumer crashed (${payload.restart ? 'restarting' : 'stopped'}): ${payload.error.message}`);
      if (!payload.restart) this.failed = true;
    });
    await Promise.all([this.dlqProducer.connect(), consumer.connect()]);
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
    await this.writing;
    await this.dlqProducer?.disconnect();
    this.dlqProducer = null;
  }

  /**
   * Whether this member's committed writes reach `ends` in every partition, as far as it knows:
   * a partition it has not read since it joined its group counts as not reached.
   */
  hasWrittenUpTo(ends: Map<number, number>): boolean {
    return [...ends].every(([partition, end]) => end === 0 || (this.committed.get(partition) ?? 0) >= end);
  }

  /** Settles at the next commit of offsets (rows and positions written). It may never come. */
  nextCommit(): Promise<void> {
    return new Promise((resolve) => this.commitWaiters.push(resolve));
  }

  /** Joins the batch to the write being gathered (or starts one); settles when it is committed. */
  private gather(payload: EachBatchPayload): Promise<void> {
    if (!payload.isRunning() || payload.isStale() || payload.batch.messages.length === 0) return Promise.resolve();
    return this.gathering.add(payload);
  }

  /**
   * Decodes the gathered batches and queues their write (in parts, when large and no write is
   * under way); settles when kafkajs may fetch again (see the end).
   */
  private async project(payloads: EachBatchPayload[]): Promise<void> {
    if (payloads.length === 0) return;
    const rewinds = this.rewinds;
    const batches: PartitionBatch[] = payloads.map(({ batch }) => ({
      partition: batch.partition,
      firstOffset: Number(batch.firstOffset()),
      lastOffset: Number(batch.lastOffset()),
      messages: batch.messages.map((m) => ({ partition: batch.partition, offset: Number(m.offset), timestamp: Number(m.timestamp), value: m.value, eventId: m.headers?.eventId?.toString() })),
    }));
    // Where the fetch's eventIds were first projected is read once, now, alongside the write
    // before this fetch; that write's own events are added when this fetch's turn comes (every
    // earlier write is done). The ids are those ingestion puts in each message's header; a part
    // looks up any other id it meets itself.
    const headerIds = batches.flatMap((b) => b.messages.map((m) => m.eventId)).filter((id) => id !== undefined);
    const firstSeen = this.store.firstSeen(headerIds);
    firstSeen.catch(() => undefined); // a write dropped by a rewind never awaits it
    // With a write under way, decoding this fetch overlaps it already. With none (a replay's or a
    // restart's first fetch), a large fetch is written in growing parts, each decoded while the
    // one before is written, so that ClickHouse need not wait for the whole fetch to be decoded.
    // A smaller one decodes faster than the fixed costs of a write would take back.
    const count = batches.reduce((sum, b) => sum + b.messages.length, 0);
    const firstPart = this.options.firstPartMessages ?? 2_000;
    const parts = splitFetch(batches, this.writesQueued === 0 && count >= 4 * firstPart ? firstPart : Infinity);
    let before = this.writing;
    let written = this.writing;
    // A part's rows depend on those of the writes before it. The first part's are worked out at
    // its turn, when every earlier write is done; a later part's as soon as the part before has
    // its rows, from what those leave known (not written yet) and the store for anything older.
    // So ClickHouse need not wait for them between the parts' writes.
    let knownBefore: Promise<KnownState> | null = null;
    // Positions are recorded, and committed to Kafka, with a fetch's last part only: each time
    // costs an insert and a broker round trip that ClickHouse would wait for between the parts.
    // A crash before the last part only means the fetch is projected again, which changes nothing.
    const fetchPositions = [...new Map(parts.flatMap((part) => part.positions).map((position) => [position.partition, position])).values()];
    for (const [i, part] of parts.entries()) {
      const decoded = await decodeInSlices(part.messages, this.decode, () => this.writesQueued > 0);
      let turnCame: (() => void) | undefined;
      const ready: Promise<KnownState | undefined> = knownBefore ?? new Promise((resolve) => (turnCame = () => resolve(undefined)));
      const rows = ready.then((earlier) => this.rowsOf(decoded, earlier, firstSeen));
      rows.catch(() => undefined); // a write dropped by a rewind never awaits them
      knownBefore = i < parts.length - 1 ? rows.then(({ writes, known }) => knownAfter(known, writes)) : null;
      before = this.writing;
      written = this.queueWrite(part.starts, rewinds, async () => {
        turnCame?.();
        const { writes } = await rows;
        this.lastWrittenEvents = writes.events;
        await this.commit(writes, i === parts.length - 1 ? fetchPositions : []);
        await Promise.all(payloads.map(({ heartbeat }) => heartbeat()));
      });
    }
    // kafkajs reads these partitions on from here while the writes are queued.
    for (const { batch, resolveOffset } of payloads) resolveOffset(batch.lastOffset());
    // A large fetch (catching up) is written while the next is read: the next fetch waits only
    // for the last write, so memory holds two fetches, not the log. A small one (keeping up)
    // waits for its own write, so that what arrives meanwhile is written together, not in a
    // write of its own with the fixed costs of one.
    return count >= (this.options.pipelineFromMessages ?? 1_000) ? before : written;
  }

  /** A part's rows (see `project`); `earlier` is what the parts before it in its fetch leave known. */
  private async rowsOf(decoded: Decoded[], earlier: KnownState | undefined, firstSeenInFetch: Promise<KnownState['firstSeen']>): Promise<{ writes: ProjectionWrites; known: KnownState }> {
    const seen = earlier?.firstSeen ?? withEvents(await firstSeenInFetch, this.lastWrittenEvents);
    // An event whose message's header does not name it (another producer's) was not looked up with the fetch.
    const notLookedUp = new Set<string>();
    for (const item of decoded) if ('event' in item && item.message.eventId !== item.event.eventId && !seen.has(item.event.eventId)) notLookedUp.add(item.event.eventId);
    if (notLookedUp.size > 0) for (const [id, position] of await this.store.firstSeen([...notLookedUp])) seen.set(id, position);
    const known = await this.store.knownState(decoded, seen, earlier);
    return { writes: projectBatch(decoded, known), known };
  }

  /**
   * Queues a write behind the others; `batches` say where each partition's part of it begins.
   * A rewind after the `rewindsSeen`th (while the batches were decoded, or later) drops it.
   * Settles when the write is done, or was dropped or failed (and the projector rewound).
   */
  private queueWrite(batches: { partition: number; firstOffset: number }[], rewindsSeen: number, write: () => Promise<void>): Promise<void> {
    for (const batch of batches) this.rewindPointFor(batch);
    this.writesQueued++;
    this.writing = this.writing
      .then(() => (this.rewinds === rewindsSeen ? write() : undefined))
      .catch((error: Error) => this.rewind(error))
      .finally(() => this.writesQueued--);
    return this.writing;
  }

  /** A partition with nothing queued rewinds to where its first queued batch begins. */
  private rewindPointFor({ partition, firstOffset }: { partition: number; firstOffset: number }): void {
    if (!this.committed.has(partition)) this.committed.set(partition, firstOffset);
  }

  /** Writes rows and positions, sends the dead letters, then commits the offsets. */
  private async commit(writes: ProjectionWrites, positions: PartitionPosition[]): Promise<void> {
    const stopTimer = writeSeconds.startTimer();
    await this.store.write(writes, positions);
    stopTimer();
    await this.sendDeadLetters(writes.deadLetters);
    // Counted first, then added once per label: prom-client's inc costs ~0.5 µs, per event.
    for (const [type, count] of countBy(writes.events, (e) => e.type)) eventsProjected.inc({ type }, count);
    for (const [reason, count] of countBy(writes.deadLetters, (d) => d.reason)) deadLettered.inc({ reason }, count);
    duplicatesSkipped.inc(writes.duplicates);
    // A part that leaves its positions to a later part has nothing to commit, and nothing for
    // those waiting on a commit (a replay checking whether it caught up) to look at.
    if (positions.length === 0) return;
    await this.consumer?.commitOffsets(positions.map((p) => ({ topic: this.options.topic, partition: p.partition, offset: String(p.nextOffset) })));
    for (const p of positions) this.committed.set(p.partition, p.nextOffset);
    for (const notify of this.commitWaiters.splice(0)) notify();
  }

  /** After a failed write: drop the writes queued behind it and read again from the committed offsets. */
  private async rewind(error: Error): Promise<void> {
    this.rewinds++;
    this.markerPositions.clear();
    this.log('warn', `projection write failed, reading again from the committed offsets in ${REWIND_PAUSE_MS} ms: ${error.message}`);
    try {
      for (const [partition, offset] of this.committed) this.consumer?.seek({ topic: this.options.topic, partition, offset: String(offset) });
    } catch (seekError) {
      // The consumer is gone (stopped or crashed): whoever starts the next one reads from the committed offsets.
      this.log('warn', `could not rewind: ${(seekError as Error).message}`);
    }
    await new Promise((resolve) => setTimeout(resolve, REWIND_PAUSE_MS));
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

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/**
 * Decodes in slices of this many messages, letting the event loop turn before each while a write
 * is under way: decoding a large fetch holds the main thread for hundreds of ms, and the write
 * queued before it needs the thread for moments (its lookups' answers, handing its rows to
 * ClickHouse) to go on meanwhile — to begin with, a write queued just now. With no write under
 * way, the turns only let others in: a replay's first fetch measured ~150 ms slower with them.
 */
const DECODE_SLICE = 1_000;

export async function decodeInSlices(messages: LogMessage[], decode: (message: LogMessage) => Decoded, writing: () => boolean): Promise<Decoded[]> {
  const decoded: Decoded[] = [];
  for (let from = 0; from < messages.length; from += DECODE_SLICE) {
    if (writing()) await new Promise((resolve) => setImmediate(resolve));
    for (let i = from; i < Math.min(from + DECODE_SLICE, messages.length); i++) decoded.push(decode(messages[i]));
  }
  return decoded;
}
