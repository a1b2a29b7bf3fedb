import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { PlumblineConfig } from '@plumbline/config';
import type { KafkaLog, WrittenBatch } from '@plumbline/kafka';
import { startTypeScriptWorker } from '@plumbline/threads';
import type { TailMessage } from './own-writes';

/** Room for decoding a fetch (up to 10 MB of messages) and the own-writes window. */
const TAIL_HEAP_MIB = 256;

/** What the worker is started with (log-tail-worker.ts). */
export interface LogTailWorkerData {
  kafka: PlumblineConfig['kafka'];
  topic: string;
  groupPrefix: string;
  /** How many record batches of acknowledged own writes the worker remembers. */
  ownWindow: number;
  /** One Int32: how many writes have begun (see OwnWrites). */
  writesBegun: SharedArrayBuffer;
}
export type LogTailCall = { written: number; batches: WrittenBatch[] | null } | { read: number } | { stop: true };
export type LogTailNews = { messages: TailMessage[]; batch: number } | { caughtUp: true } | { failed: string } | { stopped: true } | { log: Parameters<KafkaLog> };

/**
 * Ingestion's log tail (see EventLogView) on a thread of its own. The tail reads every message
 * back, and almost all of them are this process's own writes, which ingestion records when Kafka
 * acknowledges them. Decoding them (kafkajs, ~5 µs a message, and its garbage) cost the main
 * thread, where every request waits its turn, about a tenth of its time. The worker decodes them
 * and passes on only what others wrote, and what a failed write may have committed after all;
 * for that it counts each write as it begins and is told where Kafka put it (or that it failed).
 */
export class LogTailThread {
  /** Settles once every message that was in the topic at start has been passed on. */
  readonly caughtUp: Promise<void>;
  private readonly worker: Worker;
  /** Settles when the worker says its consumer has left the log. */
  private readonly stopped: Promise<void>;
  private stopping: Promise<void> | null = null;
  private readonly writesBegun = new Int32Array(new SharedArrayBuffer(4));

  /** `onExit`: the worker stopped without being asked to (the tail no longer follows the log). */
  constructor(data: Omit<LogTailWorkerData, 'writesBegun'>, onMessages: (messages: TailMessage[]) => void, log: KafkaLog, onExit: (error: Error) => void) {
    const workerData: LogTailWorkerData = { ...data, writesBegun: this.writesBegun.buffer as SharedArrayBuffer };
    this.worker = startTypeScriptWorker(path.join(__dirname, 'log-tail-worker.ts'), { workerData, resourceLimits: { maxOldGenerationSizeMb: TAIL_HEAP_MIB } });
    let caughtUp: () => void = () => undefined;
    let failed: (error: Error) => void = () => undefined;
    this.caughtUp = new Promise((resolve, reject) => ((caughtUp = resolve), (failed = reject)));
    this.caughtUp.catch(() => undefined); // its starter awaits it; after that, onExit reports
    this.stopped = new Promise<void>((resolve) => {
      this.worker.on('message', (news: LogTailNews) => {
        if ('messages' in news) {
          onMessages(news.messages);
          this.worker.postMessage({ read: news.batch } satisfies LogTailCall); // also while stopping: the consumer waits for it
        }
        else if ('caughtUp' in news) caughtUp();
        else if ('failed' in news) failed(new Error(news.failed));
        else if ('log' in news) log(...news.log);
        else resolve();
      });
    });
    this.worker.on('error', (error) => failed(error));
    this.worker.on('exit', (code) => {
      const error = new Error(`the log tail thread stopped (exit code ${code})`);
      failed(error);
      if (!this.stopping) onExit(error);
    });
    this.worker.unref(); // never what keeps the process alive
  }

  /** Before a write: numbers it. Counted in shared memory, so the worker knows of it before Kafka does. */
  writing(): number {
    return Atomics.add(this.writesBegun, 0, 1) + 1;
  }

  /** After write `write`: where Kafka put it (its batches are left out), or null if it failed (they are passed on). */
  written(write: number, batches: WrittenBatch[] | null): void {
    this.call({ written: write, batches });
  }

  /** Leaves the log (the consumer disconnects), then ends the thread. */
  stop(): Promise<void> {
    if (!this.stopping) this.worker.postMessage({ stop: true } satisfies LogTailCall);
    this.stopping ??= (async () => {
      await Promise.race([this.stopped, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
      await this.worker.terminate();
    })();
    return this.stopping;
  }

  private call(call: LogTailCall): void {
    if (!this.stopping) this.worker.postMessage(call);
  }
}
