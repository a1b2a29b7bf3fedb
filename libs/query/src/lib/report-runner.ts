import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { transferablesOf, type CalibrationReport, type FactColumns, type ReportOptions, type RubricInfo } from '@plumbline/analytics';
import { reportSeconds, reportWorkerHeapBytes } from './report-metrics';

export interface ReportJob {
  id: number;
  facts: FactColumns;
  rubrics: RubricInfo[];
  options: Partial<ReportOptions>;
}

export const REPORT_RUNNER_OPTIONS = Symbol('REPORT_RUNNER_OPTIONS');

export interface ReportRunnerOptions {
  /** The worker's V8 heap limit (MiB): a report that needs more fails, and the worker is replaced. */
  workerHeapMib: number;
}

/**
 * Runs calibrationReport on a worker thread, one job at a time. A report on a large scope takes
 * seconds of CPU; on the main thread it would stall the projector, ingestion and every other
 * request for that long. The worker starts on first use and is replaced if it dies.
 */
@Injectable()
export class ReportRunner implements OnModuleDestroy {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (report: CalibrationReport) => void; reject: (error: Error) => void }>();

  constructor(@Inject(REPORT_RUNNER_OPTIONS) private readonly options: ReportRunnerOptions) {}

  /** `facts` is handed over to the worker: its arrays are unusable here afterwards. */
  run(facts: FactColumns, rubrics: RubricInfo[], options: Partial<ReportOptions>): Promise<CalibrationReport> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.started().postMessage({ id, facts, rubrics, options } satisfies ReportJob, transferablesOf(facts));
      // The worker has its own copy of the strings now: release this thread's instead of
      // holding them for as long as the report takes.
      facts.strings.length = 0;
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    // The worker runs TypeScript through the same loader as the process (apps run under
    // @swc-node/register; under Vitest it is registered explicitly).
    // Its own heap limit: V8 otherwise lets a worker's garbage grow towards a quarter of the
    // machine's memory before collecting, and the process's resident set with it.
    const worker = new Worker(path.join(__dirname, 'report-worker.ts'), {
      execArgv: ['-r', '@swc-node/register'],
      resourceLimits: { maxOldGenerationSizeMb: this.options.workerHeapMib },
    });
    worker.on('message', ({ id, report, error, seconds, heapBytes }: { id: number; report?: CalibrationReport; error?: string; seconds?: number; heapBytes?: number }) => {
      if (seconds !== undefined) reportSeconds.observe(seconds);
      if (heapBytes !== undefined) reportWorkerHeapBytes.set(heapBytes);
      const job = this.pending.get(id);
      this.pending.delete(id);
      if (error !== undefined) job?.reject(new Error(error));
      else job?.resolve(report!);
    });
    const fail = (error: Error) => {
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
