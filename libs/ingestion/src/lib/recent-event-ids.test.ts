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
});
