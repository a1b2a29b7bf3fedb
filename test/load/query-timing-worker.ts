// Worker thread entry of the bench's query rows: asks each route once cold and 20 times warm,
// and answers with the milliseconds. Timed from an isolate of its own, with a small heap: the
// bench's own (the generated org and its rows, ~2 GiB at 1M) has collections that paused its
// thread for up to 150 ms while the queries were being timed.
import { parentPort } from 'node:worker_threads';
import { client } from '../support/app';

export interface QueryTimingRequest {
  url: string;
  /** Paths with their query strings; each a filter set of its own, so its first ask computes the report. */
  routes: string[];
}
export type QueryTimings = { route: string; coldMs: number; warmMs: number[] }[];

parentPort!.once('message', async ({ url, routes }: QueryTimingRequest) => {
  const platform = client(url);
  const timed = async (route: string) => {
    const started = performance.now();
    const { status } = await platform.get(route, 'hiring_lead');
    if (status !== 200) throw new Error(`${route} answered ${status}`);
    return performance.now() - started;
  };
  const timings: QueryTimings = [];
  for (const route of routes) {
    const coldMs = await timed(route);
    const warmMs: number[] = [];
    for (let i = 0; i < 20; i++) warmMs.push(await timed(route));
    timings.push({ route, coldMs, warmMs });
  }
  parentPort!.postMessage(timings);
});
