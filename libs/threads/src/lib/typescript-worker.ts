import { createRequire } from 'node:module';
import v8 from 'node:v8';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker thread running one of the project's TypeScript files through the loader the apps run
 * under (@swc-node/register).
 *
 * The loader compiles with @swc/core's native (Rust) binding. Node unloads an addon when the last
 * thread holding it exits, and a later worker that loads it again crashes the process (SIGSEGV) or
 * never starts: the Rust N-API teardown fault of swc-project/swc#2276 and rolldown/rolldown#9722.
 * Workers stopped when idle make that sequence routine, so the binding is held on this thread too.
 * The apps hold it already; a test process may not.
 *
 * A heap limit in `resourceLimits` applies only once the process-wide `--max-old-space-size` is
 * cleared: V8 takes that flag over a new isolate's own limit, so under the services' NODE_OPTIONS
 * every worker got the main thread's 512 MiB. Their `--max-semi-space-size` is cleared with it:
 * the main thread's larger young generation is for the fetches it projects, and the report
 * worker's would only add to the peak memory (+90 MiB at 1M scorecards). The main thread's heap
 * is configured at start and keeps both.
 */
export function startTypeScriptWorker(file: string, options: Omit<WorkerOptions, 'execArgv'> = {}): Worker {
  createRequire(__filename)('@swc/core');
  if (options.resourceLimits?.maxOldGenerationSizeMb !== undefined) v8.setFlagsFromString('--max-old-space-size=0 --max-semi-space-size=0');
  return new Worker(file, { ...options, execArgv: ['-r', '@swc-node/register'] });
}
