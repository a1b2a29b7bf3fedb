import { execFileSync } from 'node:child_process';
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

  it('gives a worker the heap limit it asks for, also under the main thread’s --max-old-space-size and --max-semi-space-size', () => {
    const script = `
      const v8 = require('node:v8');
      const worker = require(${JSON.stringify(path.join(__dirname, 'typescript-worker.ts'))})
        .startTypeScriptWorker(${JSON.stringify(path.join(__dirname, 'fixtures', 'heap-limit-worker.ts'))}, { resourceLimits: { maxOldGenerationSizeMb: 64 } });
      worker.once('message', (workerLimit) => {
        console.log(workerLimit, v8.getHeapStatistics().heap_size_limit);
        void worker.terminate();
      });
    `;
    const output = execFileSync(process.execPath, ['--max-old-space-size=512', '--max-semi-space-size=32', '-r', '@swc-node/register', '-e', script], { encoding: 'utf8' });
    const [workerLimit, mainLimit] = output.trim().split(' ').map((bytes) => Number(bytes) / 2 ** 20);
    // The old generation's limit plus the young generation's few MiB (three semi-spaces of 32
    // MiB would make it more than 160).
    expect(workerLimit).toBeGreaterThanOrEqual(64);
    expect(workerLimit).toBeLessThan(128);
    // The main thread keeps both: 512 MiB plus three semi-spaces of 32.
    expect(mainLimit).toBeGreaterThanOrEqual(512 + 96);
  }, 60_000);
});
