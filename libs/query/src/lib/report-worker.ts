// Worker thread entry: computes calibration reports off the main thread, so the projector and
// ingestion sharing the process keep their event loop while a report is computed.
import { parentPort } from 'node:worker_threads';
import { calibrationReport } from '@plumbline/analytics';
import type { ReportJob } from './report-runner';

parentPort!.on('message', ({ id, facts, rubrics, options }: ReportJob) => {
  try {
    parentPort!.postMessage({ id, report: calibrationReport(facts, rubrics, options) });
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).message });
  }
});
