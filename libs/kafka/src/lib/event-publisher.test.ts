import path from 'node:path';
import { startTypeScriptWorker } from '@plumbline/threads';
import { describe, expect, it } from 'vitest';

/** The transactional ids of an EventPublisher started on a new worker thread. */
function idsOnNewThread(): Promise<string[]> {
  const worker = startTypeScriptWorker(path.join(__dirname, 'fixtures', 'transactional-ids-worker.ts'));
  return new Promise<string[]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the worker exited (${code}) before answering`)));
  }).finally(() => worker.terminate());
}

describe('EventPublisher transactional ids', () => {
  // A publisher thread replaced after it died mid-transaction must not reuse its predecessor's
  // ids: the broker would hold the new producer until the old transaction timed out.
  it('are distinct per producer, and between publishers on different threads of one process', async () => {
    const first = await idsOnNewThread();
    const second = await idsOnNewThread();
    expect(first).toHaveLength(4);
    expect(new Set(first).size).toBe(4);
    expect(second.filter((id) => first.includes(id))).toEqual([]);
    for (const id of [...first, ...second]) expect(id).toMatch(new RegExp(`^plumbline-ingest-test-${process.pid}-\\d+-\\d+$`));
  }, 60_000);
});
