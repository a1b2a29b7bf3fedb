import { threadId } from 'node:worker_threads';
import { Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';

/** Kafka did not acknowledge in time or refused the write; the caller should answer 503. */
export class EventLogUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventLogUnavailableError';
  }
}

/**
 * Where an acknowledged write's record batch begins in one partition: `[partition, offset]`. A
 * write puts one batch in each partition it touches, so these name its records exactly (a log
 * reader can tell them by the `firstOffset` of the batch each record came in).
 */
export type WrittenBatch = [partition: number, firstOffset: number];

interface PendingWrite {
  messages: Message[];
  resolve: (batches: WrittenBatch[]) => void;
  reject: (error: Error) => void;
}

export interface EventPublisherOptions {
  topic: string;
  /** Prefix of the Kafka transactional id; each producer adds its own unique suffix. */
  transactionalIdPrefix: string;
  /** How long `publish` waits for Kafka before giving up. */
  timeoutMs: number;
  /** Upper bound of messages in one transaction when many requests are waiting. */
  maxMessagesPerTransaction?: number;
  /** Transactions open at once, each on its own producer (default 4). */
  concurrentTransactions?: number;
}

/**
 * Writes batches of messages to the event topic atomically: each `publish` call is all-or-nothing
 * (a Kafka transaction, acks=all, idempotent), and resolves only once Kafka has committed it.
 *
 * A transaction costs a few broker round trips, and its producer waits for the commit before
 * the next can begin. So a few producers run transactions side by side, and calls that arrive
 * while all are busy are grouped into one transaction (group commit); if a group fails, every
 * caller in it is told so. Calls in flight together have no order between them, as with any
 * concurrent requests; a call made after another was acknowledged is always behind it.
 */
export class EventPublisher {
  private readonly queue: PendingWrite[] = [];
  /** One producer per slot, created on first use and dropped after a failure. */
  private readonly producers: (Producer | null)[];
  private readonly idleSlots: number[];
  private producersCreated = 0;
  /** Per partition, the offset just past the first record of the newest acknowledged write. */
  private readonly acknowledged = new Map<number, number>();

  constructor(
    private readonly kafka: Kafka,
    private readonly options: EventPublisherOptions,
  ) {
    const slots = options.concurrentTransactions ?? 4;
    this.producers = Array.from({ length: slots }, () => null);
    this.idleSlots = Array.from({ length: slots }, (_, i) => i);
  }

  /** Resolves with where Kafka put the messages once it has committed them. */
  publish(messages: Message[]): Promise<WrittenBatch[]> {
    if (messages.length === 0) return Promise.resolve([]);
    return new Promise<WrittenBatch[]>((resolve, reject) => {
      const write: PendingWrite = { messages, resolve, reject };
      const timer = setTimeout(() => {
        // Still queued: take it out so it is never written after the caller heard "no".
        const queued = this.queue.indexOf(write);
        if (queued >= 0) this.queue.splice(queued, 1);
        reject(new EventLogUnavailableError(`Kafka did not acknowledge within ${this.options.timeoutMs} ms`));
      }, this.options.timeoutMs);
      write.resolve = (batches) => (clearTimeout(timer), resolve(batches));
      write.reject = (error) => (clearTimeout(timer), reject(error));
      this.queue.push(write);
      this.drain();
    });
  }

  /**
   * Opens every producer now rather than on first use: opening one (finding the transaction
   * coordinator, registering the transactional id) takes broker round trips that the first
   * requests after a start would otherwise wait for.
   */
  async connect(): Promise<void> {
    await Promise.all(this.producers.map((_, slot) => this.connectedProducer(slot)));
  }

  /** Where each partition must be readable up to, given what was acknowledged (for StableOffsetWatch). */
  acknowledgedEnds(): Map<number, number> {
    return new Map(this.acknowledged);
  }

  async disconnect(): Promise<void> {
    await Promise.all(this.producers.map((_, slot) => this.dropProducer(slot)));
  }

  private drain(): void {
    while (this.queue.length > 0 && this.idleSlots.length > 0) {
      const slot = this.idleSlots.pop()!;
      void this.writeGroup(slot, this.takeGroup()).finally(() => {
        this.idleSlots.push(slot);
        this.drain();
      });
    }
  }

  private async dropProducer(slot: number): Promise<void> {
    const producer = this.producers[slot];
    this.producers[slot] = null;
    await producer?.disconnect().catch(() => undefined);
  }

  private takeGroup(): PendingWrite[] {
    const limit = this.options.maxMessagesPerTransaction ?? 50_000;
    const group: PendingWrite[] = [this.queue.shift()!];
    let size = group[0].messages.length;
    while (this.queue.length > 0 && size + this.queue[0].messages.length <= limit) {
      const next = this.queue.shift()!;
      size += next.messages.length;
      group.push(next);
    }
    return group;
  }

  private async writeGroup(slot: number, group: PendingWrite[]): Promise<void> {
    // A broker that stops answering must not hold the queue forever: past the deadline the
    // producer is dropped (a fresh one starts next time) and the group is failed.
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.options.timeoutMs} ms`)), this.options.timeoutMs);
    });
    try {
      // A group is one transaction: its callers' messages share its batches.
      const batches = await Promise.race([this.transact(slot, group), deadline]);
      for (const write of group) write.resolve(batches);
    } catch (error) {
      // A failed transactional producer may be fenced or half-initialised: start afresh next time.
      void this.dropProducer(slot);
      const failure = new EventLogUnavailableError(`Kafka refused the write: ${(error as Error).message}`, { cause: error });
      for (const write of group) write.reject(failure);
    } finally {
      clearTimeout(timer);
    }
  }

  private async transact(slot: number, group: PendingWrite[]): Promise<WrittenBatch[]> {
    const producer = await this.connectedProducer(slot);
    const transaction = await producer.transaction();
    try {
      const written = await transaction.send({ topic: this.options.topic, acks: -1, messages: group.flatMap((w) => w.messages) });
      await transaction.commit();
      for (const { partition, baseOffset } of written) this.acknowledged.set(partition, Math.max(this.acknowledged.get(partition) ?? 0, Number(baseOffset) + 1));
      return written.map(({ partition, baseOffset }) => [partition, Number(baseOffset)]);
    } catch (error) {
      await transaction.abort().catch(() => undefined);
      throw error;
    }
  }

  private async connectedProducer(slot: number): Promise<Producer> {
    const existing = this.producers[slot];
    if (existing) return existing;
    // The default partitioner is murmur2, as in the Java client: a key lands where other clients put it.
    const producer = this.kafka.producer({
      // A fresh id per producer: a producer that failed mid-transaction may still be registered
      // with the coordinator, and re-using its id would wait on it. The cost of a process dying
      // mid-transaction is bounded instead by the transaction timeout: its unfinished transaction
      // holds back read_committed consumers of its partitions until the broker aborts it.
      // The thread's id too: a publisher thread replaced after it died or idled, or a second
      // publisher in the process, counts its producers from 1 again.
      transactionalId: `${this.options.transactionalIdPrefix}-${process.pid}-${threadId}-${++this.producersCreated}`,
      transactionTimeout: 10_000,
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
      // The broker answers CONCURRENT_TRANSACTIONS while it finishes the previous commit and
      // expects clients to retry; a short, quick retry budget stays well inside timeoutMs.
      retry: { retries: 10, initialRetryTime: 50, maxRetryTime: 500 },
    });
    await producer.connect();
    this.producers[slot] = producer;
    return producer;
  }
}
