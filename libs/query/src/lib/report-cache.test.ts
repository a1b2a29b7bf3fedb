import { describe, expect, it } from 'vitest';
import { ReportCache } from './report-cache';

/** A computation the test finishes by hand, counting how many were started. */
function manualComputations() {
  const started: { watermark: string; finish: (value: string) => void; fail: (error: Error) => void }[] = [];
  const compute = (watermark: string) => () =>
    new Promise<string>((finish, fail) => started.push({ watermark, finish, fail }));
  return { started, compute };
}

describe('ReportCache', () => {
  it('computes once per watermark and answers repeats from memory', async () => {
    const cache = new ReportCache<string>();
    const { started, compute } = manualComputations();
    const first = cache.get('k', 'w1', compute('w1'));
    const second = cache.get('k', 'w1', compute('w1'));
    started[0].finish('report@w1');
    expect(await first).toBe('report@w1');
    expect(await second).toBe('report@w1');
    expect(await cache.get('k', 'w1', compute('w1'))).toBe('report@w1');
    expect(started).toHaveLength(1);
  });

  it('while a newer value is computed, answers with the latest finished one instead of starting another', async () => {
    const cache = new ReportCache<string>();
    const { started, compute } = manualComputations();
    const initial = cache.get('k', 'w1', compute('w1'));
    started[0].finish('report@w1');
    await initial;
    const fresh = cache.get('k', 'w2', compute('w2')); // nothing in flight: waits for w2
    expect(await cache.get('k', 'w3', compute('w3'))).toBe('report@w1'); // w2 in flight: the latest at once
    expect(started.map((s) => s.watermark)).toEqual(['w1', 'w2']);
    started[1].finish('report@w2');
    expect(await fresh).toBe('report@w2');
    const next = cache.get('k', 'w3', compute('w3'));
    started[2].finish('report@w3');
    expect(await next).toBe('report@w3');
  });

  it('with nothing finished yet, waits for the computation in flight and then computes the current watermark', async () => {
    const cache = new ReportCache<string>();
    const { started, compute } = manualComputations();
    void cache.get('k', 'w1', compute('w1'));
    const later = cache.get('k', 'w2', compute('w2'));
    started[0].finish('report@w1');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(started.map((s) => s.watermark)).toEqual(['w1', 'w2']);
    started[1].finish('report@w2');
    expect(await later).toBe('report@w2');
  });

  it('passes a failure to its callers and tries again on the next request', async () => {
    const cache = new ReportCache<string>();
    const { started, compute } = manualComputations();
    const failing = cache.get('k', 'w1', compute('w1'));
    started[0].fail(new Error('ClickHouse away'));
    await expect(failing).rejects.toThrow('ClickHouse away');
    await new Promise((resolve) => setTimeout(resolve, 0));
    const retry = cache.get('k', 'w1', compute('w1'));
    started[1].finish('report@w1');
    expect(await retry).toBe('report@w1');
  });

  it('keeps keys apart and forgets the oldest beyond its size', async () => {
    const cache = new ReportCache<string>(2);
    const { started, compute } = manualComputations();
    for (const key of ['a', 'b', 'c']) {
      const value = cache.get(key, 'w1', compute(key));
      started.at(-1)!.finish(`report of ${key}`);
      expect(await value).toBe(`report of ${key}`);
    }
    void cache.get('a', 'w1', compute('a again'));
    expect(started.at(-1)!.watermark).toBe('a again');
  });

  it('with allowStale, answers from the latest value at once and refreshes behind it', async () => {
    const cache = new ReportCache<string>();
    const { started, compute } = manualComputations();
    const initial = cache.get('k', 'w1', compute('w1'), { allowStale: true }); // nothing yet: waits
    started[0].finish('report@w1');
    expect(await initial).toBe('report@w1');
    expect(await cache.get('k', 'w2', compute('w2'), { allowStale: true })).toBe('report@w1');
    expect(started.map((s) => s.watermark)).toEqual(['w1', 'w2']);
    // Asked again at the watermark being computed: still the latest at once, not a wait for it.
    expect(await cache.get('k', 'w2', compute('w2'), { allowStale: true })).toBe('report@w1');
    started[1].finish('report@w2');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await cache.get('k', 'w2', compute('w2'), { allowStale: true })).toBe('report@w2');
  });

  it('with allowStale, waits as long as the last computation took before refreshing again', async () => {
    let clock = 0;
    const cache = new ReportCache<string>(16, () => clock);
    const { started, compute } = manualComputations();
    const initial = cache.get('k', 'w1', compute('w1'), { allowStale: true });
    clock = 400; // the computation took 400 ms
    started[0].finish('report@w1');
    expect(await initial).toBe('report@w1');
    clock = 700;
    expect(await cache.get('k', 'w2', compute('w2'), { allowStale: true })).toBe('report@w1');
    expect(started).toHaveLength(1); // 300 ms after it finished: too soon
    clock = 800;
    expect(await cache.get('k', 'w2', compute('w2'), { allowStale: true })).toBe('report@w1');
    expect(started.map((s) => s.watermark)).toEqual(['w1', 'w2']);
    // A caller that needs the current figures is not held back.
    started[1].finish('report@w2');
    await new Promise((resolve) => setTimeout(resolve, 0));
    const current = cache.get('k', 'w3', compute('w3'));
    started[2].finish('report@w3');
    expect(await current).toBe('report@w3');
  });
});
