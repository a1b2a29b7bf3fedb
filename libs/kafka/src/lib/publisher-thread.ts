import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { PlumblineConfig } from '@plumbline/config';
import { startTypeScriptWorker } from '@plumbline/threads';
import type { Message } from 'kafkajs';
import { EventLogUnavailableError, type EventPublisherOptions, type WrittenBatch } from './event-publisher';
import type { KafkaLog } from './kafka-client';

/**
 * The worker's V8 heap limit: the messages of every request in flight, and their encoding. The
 * main thread holds the same requests parsed as well, in 512 MiB, so half of that leaves the
 * worker room for whatever the main thread can accept. (Until workers' limits took effect, it
 * ran under the main thread's 512 MiB; under the bench's load it uses a few tens of MiB.)
 */
const PUBLISHER_HEAP_MIB = 256;
/** A worker with nothing to publish for this long is stopped: its V8 instance is tens of MiB. */
const IDLE_STOP_MS = 60_000;

/** What writers of the event log use: an EventPublisher, here or on its own thread. */
export interface LogPublisher {
  /** Resolves with where Kafka put the messages once it has committed them. */
  publish(messages: Message[]): Promise<WrittenBatch[]>;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  acknowledgedEnds(): Map<number, number>;
}

/** What the worker is started with (publisher-worker.ts). */
export interface PublisherWorkerData {
  kafka: PlumblineConfig['kafka'];
  clientId: string;
  options: EventPublisherOptions;
}

/** A call to the worker, and its answer (with a publish's batches, and the acknowledged ends after it). */
export interface PublisherCall {
  id: number;
  call: 'publish' | 'connect' | 'disconnect';
  messages?: Message[];
}
export type PublisherAnswer =
  | { id: number; batches: WrittenBatch[]; acknowledged: [number, number][] }
  | { id: number; error: { name: string; message: string } }
  | { log: Parameters<KafkaLog> };

/**
 * An EventPublisher on a worker thread. Encoding records for Kafka is about a fifth of
 * ingestion's CPU; on the main thread it would compete with HTTP, validation and, in the
 * all-in-one process, the projector. The worker starts on first use and is replaced if it dies;
 * the calls it had in hand fail with 503 (nothing acknowledged was lost: an unacknowledged
 * transaction is aborted by the broker). After a minute without calls it is stopped (no
 * transaction is open then); the next call starts another, at the cost of opening producers.
 */
export class PublisherThread implements LogPublisher {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (batches: WrittenBatch[]) => void; reject: (error: Error) => void }>();
  private readonly acknowledged = new Map<number, number>();
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly data: PublisherWorkerData,
    private readonly log: KafkaLog = () => undefined,
    private readonly idleStopMs = IDLE_STOP_MS,
  ) {}

  /** Whether the worker thread is up (it starts on demand and stops when idle). */
  get running(): boolean {
    return this.worker !== null;
  }

  publish(messages: Message[]): Promise<WrittenBatch[]> {
    return messages.length === 0 ? Promise.resolve([]) : this.call('publish', messages);
  }

  async connect(): Promise<void> {
    await this.call('connect');
  }

  async disconnect(): Promise<void> {
    this.clearIdleTimer();
    if (!this.worker) return;
    await this.call('disconnect').catch(() => undefined);
    await this.worker?.terminate();
    this.worker = null;
  }

  acknowledgedEnds(): Map<number, number> {
    return new Map(this.acknowledged);
  }

  private call(call: PublisherCall['call'], messages?: Message[]): Promise<WrittenBatch[]> {
    const id = ++this.nextId;
    this.clearIdleTimer();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.started().postMessage({ id, call, messages } satisfies PublisherCall);
    });
  }

  private clearIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  /** Once nothing is in flight: stop the worker if no call comes for `idleStopMs`. */
  private stopWhenIdle(): void {
    if (this.pending.size > 0) return;
    this.clearIdleTimer();
    this.idleTimer = setTimeout(() => {
      const idle = this.worker;
      this.worker = null;
      void idle?.terminate();
    }, this.idleStopMs).unref();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    // A heap limit of its own: without one V8 lets a worker's garbage grow towards a quarter of
    // the machine's memory before collecting.
    const worker = startTypeScriptWorker(path.join(__dirname, 'publisher-worker.ts'), { workerData: this.data, resourceLimits: { maxOldGenerationSizeMb: PUBLISHER_HEAP_MIB } });
    worker.on('message', (answer: PublisherAnswer) => {
      if ('log' in answer) return this.log(...answer.log);
      const call = this.pending.get(answer.id);
      this.pending.delete(answer.id);
      if ('error' in answer) {
        const { name, message } = answer.error;
        call?.reject(name === EventLogUnavailableError.name ? new EventLogUnavailableError(message) : new Error(message));
      } else {
        for (const [partition, end] of answer.acknowledged) this.acknowledged.set(partition, Math.max(this.acknowledged.get(partition) ?? 0, end));
        call?.resolve(answer.batches);
      }
      this.stopWhenIdle();
    });
    const fail = (error: Error) => {
      // Once: a dead worker reports 'error' and then 'exit', maybe after its successor started.
      if (this.worker !== worker) return;
      this.worker = null;
      for (const call of this.pending.values()) call.reject(new EventLogUnavailableError(`the Kafka publisher thread stopped: ${error.message}`));
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    worker.unref(); // never what keeps the process alive
    this.worker = worker;
    return worker;
  }
}
