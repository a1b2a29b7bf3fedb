import { describe, expect, it } from 'vitest';
import { WritesInFlight } from './writes-in-flight';

const message = (eventId: string) => ({ eventId, value: '{}' });

describe('WritesInFlight', () => {
  it('sets aside messages of events being written, and gives them back when the write ends', () => {
    const writes = new WritesInFlight<ReturnType<typeof message>>();
    writes.begin(['a', 'b']);
    const a = message('a');
    expect(writes.setAside('a', a)).toBe(true);
    expect(writes.setAside('c', message('c'))).toBe(false);
    expect(writes.end(['a', 'b'])).toEqual([a]);
  });

  it('forgets a write once it ended: later messages of its events are the tail’s to read', () => {
    const writes = new WritesInFlight<ReturnType<typeof message>>();
    writes.begin(['a']);
    writes.end(['a']);
    expect(writes.setAside('a', message('a'))).toBe(false);
    expect(writes.end(['a'])).toEqual([]);
  });

  it('keeps concurrent writes apart', () => {
    const writes = new WritesInFlight<ReturnType<typeof message>>();
    writes.begin(['a']);
    writes.begin(['b']);
    const b = message('b');
    writes.setAside('b', b);
    expect(writes.end(['a'])).toEqual([]);
    expect(writes.end(['b'])).toEqual([b]);
  });
});
