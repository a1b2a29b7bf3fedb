import { describe, expect, it } from 'vitest';
import { OwnWrites, type ReadBatch } from './own-writes';

/** A record batch read from partition 0 at `firstOffset`, holding messages of these eventIds. */
const batch = (firstOffset: number | undefined, ...eventIds: string[]): ReadBatch => ({ partition: 0, firstOffset: firstOffset?.toString(), messages: () => eventIds.map((eventId) => ({ eventId, value: '{}' })) });
const ids = (messages: { eventId?: string }[]) => messages.map((m) => m.eventId);

/** OwnWrites with a write counter the test moves, as ingestion does before each write. */
function ownWrites(window = 10) {
  let begun = 0;
  return { own: new OwnWrites(window, () => begun), begin: () => ++begun };
}

describe('OwnWrites', () => {
  it('leaves out the batches of acknowledged writes, read before or after the acknowledgement', () => {
    const { own, begin } = ownWrites();
    const first = begin();
    expect(own.read(batch(0, 'a'))).toEqual([]);
    expect(own.end(first, [[0, 0]])).toEqual([]);
    const second = begin();
    expect(own.end(second, [[0, 2]])).toEqual([]);
    expect(own.read(batch(2, 'b'))).toEqual([]);
  });

  it('passes on what others wrote: at once with no write in flight, after the writes in flight end otherwise', () => {
    const { own, begin } = ownWrites();
    expect(ids(own.read(batch(0, 'x')))).toEqual(['x']);
    const write = begin();
    expect(own.read(batch(1, 'y', 'z'))).toEqual([]);
    expect(ids(own.end(write, [[0, 5]]))).toEqual(['y', 'z']);
  });

  it('passes on the batches of a failed write, read while it was in flight or after', () => {
    const { own, begin } = ownWrites();
    const write = begin();
    expect(own.read(batch(0, 'a'))).toEqual([]);
    expect(ids(own.end(write, null))).toEqual(['a']);
    expect(ids(own.read(batch(3, 'b')))).toEqual(['b']);
  });

  it('holds a batch until every write begun before it was read has ended, whatever their order, and keeps the log order', () => {
    const { own, begin } = ownWrites();
    const [first, second] = [begin(), begin()];
    expect(own.read(batch(0, 'x'))).toEqual([]);
    const third = begin();
    expect(own.read(batch(1, 'y'))).toEqual([]);
    expect(own.end(second, [[1, 7]])).toEqual([]);
    expect(ids(own.end(first, [[0, 9]]))).toEqual(['x']);
    expect(ids(own.end(third, [[2, 4]]))).toEqual(['y']);
  });

  it('tells batches apart by partition, and passes on messages that came without a batch', () => {
    const { own, begin } = ownWrites();
    own.end(begin(), [[1, 0]]);
    expect(ids(own.read(batch(0, 'same offset, other partition')))).toEqual(['same offset, other partition']);
    expect(ids(own.read(batch(undefined, 'no batch')))).toEqual(['no batch']);
  });

  it('remembers only the last `window` acknowledged batches', () => {
    const { own, begin } = ownWrites(2);
    own.end(begin(), [[0, 0], [0, 1], [0, 2]]);
    expect(ids(own.read(batch(0, 'forgotten')))).toEqual(['forgotten']);
    expect(own.read(batch(2, 'remembered'))).toEqual([]);
  });

  it('never decodes the messages of an own batch', () => {
    const { own, begin } = ownWrites();
    let decoded = 0;
    const write = begin();
    own.read({ partition: 0, firstOffset: '0', messages: () => (decoded++, []) });
    own.end(write, [[0, 0]]);
    own.read({ partition: 0, firstOffset: '0', messages: () => (decoded++, []) });
    expect(decoded).toBe(0);
  });
});
