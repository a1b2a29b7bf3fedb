import { describe, expect, it } from 'vitest';
import { OwnWrites, type TailMessage } from './own-writes';

/** A message as the tail reads it: its eventId header, and its text on demand. */
const message = (eventId?: string): [string | undefined, () => TailMessage] => [eventId, () => ({ eventId, value: '{}' })];

describe('OwnWrites', () => {
  it('leaves out the messages of acknowledged writes, seen before or after the acknowledgement', () => {
    const own = new OwnWrites(10);
    own.begin(['a', 'b']);
    expect(own.isOwn(...message('a'))).toBe(true);
    expect(own.end(['a', 'b'], true)).toEqual([]);
    expect(own.isOwn(...message('b'))).toBe(true);
  });

  it('gives back the messages of a failed write seen meanwhile, and passes on later ones', () => {
    const own = new OwnWrites(10);
    own.begin(['a', 'b']);
    expect(own.isOwn(...message('a'))).toBe(true);
    expect(own.end(['a', 'b'], false)).toEqual([{ eventId: 'a', value: '{}' }]);
    expect(own.isOwn(...message('b'))).toBe(false);
  });

  it('passes on what others wrote, and messages without an eventId header', () => {
    const own = new OwnWrites(10);
    own.begin(['a']);
    expect(own.isOwn(...message('x'))).toBe(false);
    expect(own.isOwn(...message())).toBe(false);
  });

  it('remembers only the last `window` acknowledged eventIds', () => {
    const own = new OwnWrites(2);
    own.begin(['a', 'b', 'c']);
    own.end(['a', 'b', 'c'], true);
    expect(own.isOwn(...message('a'))).toBe(false);
    expect(own.isOwn(...message('c'))).toBe(true);
  });

  it('never decodes the text of an own write that is acknowledged', () => {
    const own = new OwnWrites(10);
    const decoded: string[] = [];
    const lazily = (eventId: string) => () => (decoded.push(eventId), { eventId, value: '{}' });
    own.begin(['a']);
    expect(own.isOwn('a', lazily('a'))).toBe(true);
    own.end(['a'], true);
    expect(own.isOwn('a', lazily('a'))).toBe(true);
    expect(decoded).toEqual([]);
  });
});
