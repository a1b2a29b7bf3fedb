import { describe, expect, it } from 'vitest';
import { RecentEventIds } from './recent-event-ids';

describe('RecentEventIds', () => {
  it('remembers ids up to its capacity and forgets the oldest first', () => {
    const recent = new RecentEventIds(2);
    recent.add('a');
    recent.add('b');
    recent.add('a'); // already known: does not refresh or grow
    expect(recent.size).toBe(2);
    recent.add('c');
    expect([recent.has('a'), recent.has('b'), recent.has('c')]).toEqual([false, true, true]);
  });

  it('keeps exactly the last ids added, however often the window has turned over', () => {
    const recent = new RecentEventIds(3);
    const ids = Array.from({ length: 10 }, (_, i) => `e${i}`);
    for (const id of ids) recent.add(id);
    recent.add('e8'); // known: neither added again nor moved
    expect(recent.size).toBe(3);
    expect(ids.filter((id) => recent.has(id))).toEqual(['e7', 'e8', 'e9']);
    recent.add('e10');
    expect(ids.concat('e10').filter((id) => recent.has(id))).toEqual(['e8', 'e9', 'e10']);
  });
});
