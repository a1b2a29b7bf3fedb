import { Gauge, Histogram } from 'prom-client';

export const reportSeconds = new Histogram({
  name: 'plumbline_report_compute_seconds',
  help: 'Time to compute one calibration report on the report worker (excluding reading the facts)',
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
});
export const reportWorkerHeapBytes = new Gauge({
  name: 'plumbline_report_worker_heap_bytes',
  help: "The report worker's V8 heap (total size) after its latest report: its share of the process's memory",
});
