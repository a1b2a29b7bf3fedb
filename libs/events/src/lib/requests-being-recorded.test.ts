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
    requests.begin()();
    expect(await settled(requests.quiet(1_000))).toBe(true);
  });

  it('waits for every request under way to end', async () => {
    vi.useFakeTimers();
    const requests = new RequestsBeingRecorded();
    const [endFirst, endSecond] = [requests.begin(), requests.begin()];
    const [quiet, alsoQuiet] = [requests.quiet(1_000), requests.quiet(1_000)];
    endSecond();
    expect(await settled(quiet)).toBe(false);
    endFirst();
    expect(await settled(quiet)).toBe(true);
    expect(await settled(alsoQuiet)).toBe(true);
  });

  it('does not wait for requests begun after it was asked: under a steady stream there is no lull', async () => {
    vi.useFakeTimers();
    const requests = new RequestsBeingRecorded();
    const endFirst = requests.begin();
    const quiet = requests.quiet(1_000);
    const endLater = requests.begin();
    endFirst();
    expect(await settled(quiet)).toBe(true);
    // The later one is waited for by whoever asks now.
    const next = requests.quiet(1_000);
    expect(await settled(next)).toBe(false);
    endLater();
    expect(await settled(next)).toBe(true);
  });

  it('waits at most `maxMs` for a request that takes longer', async () => {
    vi.useFakeTimers();
    const requests = new RequestsBeingRecorded();
    const end = requests.begin();
    const quiet = requests.quiet(500);
    await vi.advanceTimersByTimeAsync(499);
    expect(await settled(quiet)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled(quiet)).toBe(true);
    // Still under way: the next wait is bounded again, and its end ends it early.
    const next = requests.quiet(500);
    end();
    expect(await settled(next)).toBe(true);
  });
});
