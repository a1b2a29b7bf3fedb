// Worker thread entry: computes calibration reports off the main thread, so the projector and
// ingestion sharing the process keep their event loop while a report is computed.
import v8 from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { calibrationReport } from '@plumbline/analytics';
import type { ReportJob } from './report-runner';

parentPort!.on('message', ({ id, facts, rubrics, options }: ReportJob) => {
  try {
    const started = performance.now();
    const report = calibrationReport(facts, rubrics, options);
    parentPort!.postMessage({ id, report, seconds: (performance.now() - started) / 1000, heapBytes: v8.getHeapStatistics().total_heap_size });
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).message });
  }
});
