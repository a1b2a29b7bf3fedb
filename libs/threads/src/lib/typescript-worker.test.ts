import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTypeScriptWorker } from './typescript-worker';

const fixture = path.join(__dirname, 'fixtures', 'answering-worker.ts');

/** The worker's first message, or an error if it exits or stays silent first. */
function firstAnswer(): Promise<unknown> {
  const worker = startTypeScriptWorker(fixture);
  return new Promise<unknown>((resolve, reject) => {
    const silent = setTimeout(() => reject(new Error('the worker never answered')), 20_000);
    worker.once('message', (message) => {
      clearTimeout(silent);
      resolve(message);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the worker exited (${code}) before answering`)));
  }).finally(() => worker.terminate());
}

describe('startTypeScriptWorker', () => {
  // This test process does not run under the loader, so only the workers would hold its native
  // binding. Without startTypeScriptWorker holding it, the second worker crashes the process or
  // never answers: the pause lets Node unload the binding after the first worker.
  it('runs TypeScript on a worker, also after a previous worker has exited', async () => {
    expect(await firstAnswer()).toBe('compiled');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await firstAnswer()).toBe('compiled');
  }, 60_000);
});
