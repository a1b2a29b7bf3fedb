import { afterEach, describe, expect, it, vi } from 'vitest';
import { RequestsBeingRecorded } from './requests-being-recorded';

/** Whether `promise` has settled by now (after pending microtasks). */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await vi.advanceTimersByTimeAsync(0);
  return done;
}

describe('RequestsBeingRecorded', () => {
  afterEach(() => vi.useRealTimers());

  it('is quiet at once when no request is being recorded', async () => {
    vi.useFakeTimers();
    const requests = new RequestsBeingRecorded();
    expect(await settled(requests.quiet(1_000))).toBe(true);
    requests.begin();
    requests.end();
    expect(await settled(requests.quiet(1_000))).toBe(true);
  });

  it('waits for the last request under way to end', async () => {
    vi.useFakeTimers();
    const requests = new RequestsBeingRecorded();
    requests.begin();
    requests.begin();
    const [first, second] = [requests.quiet(1_000), requests.quiet(1_000)];
    requests.end();
    expect(await settled(first)).toBe(false);
    requests.end();
    expect(await settled(first)).toBe(true);
    expect(await settled(second)).toBe(true);
  });

  it('waits at most `maxMs` while requests keep coming', async () => {
    vi.useFakeTimers();
    const requests = new RequestsBeingRecorded();
    requests.begin();
    const quiet = requests.quiet(500);
    await vi.advanceTimersByTimeAsync(499);
    expect(await settled(quiet)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled(quiet)).toBe(true);
    // Still busy: the next wait is bounded again, and a lull ends it early.
    const next = requests.quiet(500);
    requests.end();
    expect(await settled(next)).toBe(true);
  });
});
