import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { transferablesOf, type CalibrationReport, type FactColumns, type ReportOptions, type RubricInfo } from '@plumbline/analytics';
import { startTypeScriptWorker } from '@plumbline/threads';
import { reportSeconds, reportWorkerHeapBytes } from './report-metrics';

export interface ReportJob {
  id: number;
  facts: FactColumns;
  rubrics: RubricInfo[];
  options: Partial<ReportOptions>;
}

export const REPORT_RUNNER_OPTIONS = Symbol('REPORT_RUNNER_OPTIONS');

/**
 * A worker without a report for this long is stopped, returning its heap (hundreds of MiB after
 * a large report): reading the next large scope's facts would otherwise hold both at once.
 */
const DEFAULT_IDLE_STOP_MS = 10_000;

export interface ReportRunnerOptions {
  /** The worker's V8 heap limit (MiB): a report that needs more fails, and the worker is replaced. */
  workerHeapMib: number;
  /** How long the worker may sit without a report before it is stopped (default 10 s). */
  idleStopMs?: number;
}

/**
 * Runs calibrationReport on a worker thread, one job at a time. A report on a large scope takes
 * seconds of CPU; on the main thread it would stall the projector, ingestion and every other
 * request for that long. The worker starts on first use, is replaced if it dies and stopped
 * when idle.
 */
@Injectable()
export class ReportRunner implements OnModuleDestroy {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (report: CalibrationReport) => void; reject: (error: Error) => void }>();
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(@Inject(REPORT_RUNNER_OPTIONS) private readonly options: ReportRunnerOptions) {}

  /** `facts` is handed over to the worker: its arrays are unusable here afterwards. */
  run(facts: FactColumns, rubrics: RubricInfo[], options: Partial<ReportOptions>): Promise<CalibrationReport> {
    const id = ++this.nextId;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.started().postMessage({ id, facts, rubrics, options } satisfies ReportJob, transferablesOf(facts));
      // The worker has its own copy of the strings now: release this thread's instead of
      // holding them for as long as the report takes.
      facts.strings.length = 0;
    });
  }

  /** Whether the worker thread is up (it starts on demand and stops when idle). */
  get running(): boolean {
    return this.worker !== null;
  }

  async onModuleDestroy(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    await this.worker?.terminate();
    this.worker = null;
  }

  private stopWhenIdle(): void {
    if (this.pending.size > 0) return;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      const idle = this.worker;
      this.worker = null;
      reportWorkerHeapBytes.set(0);
      void idle?.terminate();
    }, this.options.idleStopMs ?? DEFAULT_IDLE_STOP_MS).unref();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    // Its own heap limit: V8 otherwise lets a worker's garbage grow towards a quarter of the
    // machine's memory before collecting, and the process's resident set with it.
    const worker = startTypeScriptWorker(path.join(__dirname, 'report-worker.ts'), { resourceLimits: { maxOldGenerationSizeMb: this.options.workerHeapMib } });
    worker.on('message', ({ id, report, error, seconds, heapBytes }: { id: number; report?: CalibrationReport; error?: string; seconds?: number; heapBytes?: number }) => {
      if (seconds !== undefined) reportSeconds.observe(seconds);
      if (heapBytes !== undefined) reportWorkerHeapBytes.set(heapBytes);
      const job = this.pending.get(id);
      this.pending.delete(id);
      if (error !== undefined) job?.reject(new Error(error));
      else job?.resolve(report!);
      this.stopWhenIdle();
    });
    const fail = (error: Error) => {
      // Only the current worker's death fails the jobs (one stopped when idle had none).
      if (this.worker !== worker) return;
      this.worker = null;
      for (const job of this.pending.values()) job.reject(error);
      this.pending.clear();
    };
    worker.on('error', (error: Error & { code?: string }) =>
      fail(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new Error(`the report needs more than REPORT_WORKER_HEAP_MIB (${this.options.workerHeapMib} MiB) of memory`) : error),
    );
    worker.on('exit', (code) => fail(new Error(`report worker exited (${code})`)));
    worker.unref(); // never what keeps the process alive
    this.worker = worker;
    return worker;
  }
}
