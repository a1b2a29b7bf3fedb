import { createRequire } from 'node:module';
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
 */
export function startTypeScriptWorker(file: string, options: Omit<WorkerOptions, 'execArgv'> = {}): Worker {
  createRequire(__filename)('@swc/core');
  return new Worker(file, { ...options, execArgv: ['-r', '@swc-node/register'] });
}
