// Worker thread entry of the bench's severity-fit row: fits the model to the rating columns it
// is sent and answers with the milliseconds the fit took.
import { parentPort } from 'node:worker_threads';
import { fitSeverityModel, type RatingColumns } from '@plumbline/analytics';

parentPort!.once('message', (columns: RatingColumns) => {
  const started = performance.now();
  fitSeverityModel(columns);
  parentPort!.postMessage(performance.now() - started);
});
