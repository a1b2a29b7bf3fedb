import { describe, expect, it } from 'vitest';
import { ScorecardIndex } from './scorecard-index';

describe('ScorecardIndex', () => {
  const ref = (i: number) => ({ submittedBy: `0000${String(i).padStart(4, '0')}-aaaa-4bbb-8ccc-${String(i).padStart(12, '0')}`, candidateId: `cand-${i % 7}`, rubricId: 'ml', rubricVersion: 1 + (i % 2), withdrawn: false });

  it('gives back what was set, for more scorecards than its first capacity', () => {
    const index = new ScorecardIndex();
    for (let i = 0; i < 3000; i++) index.set(`sc-${i}`, ref(i));
    expect(index.size).toBe(3000);
    for (const i of [0, 1023, 1024, 2999]) expect(index.get(`sc-${i}`)).toEqual(ref(i));
    expect(index.get('sc-3000')).toBeUndefined();
    expect([index.has('sc-2999'), index.has('sc-3000')]).toEqual([true, false]);
  });

  it('overwrites a scorecard in place (a withdrawal) and keeps eventIds in lower case', () => {
    const index = new ScorecardIndex();
    index.set('sc-1', { ...ref(1), submittedBy: 'ABCDEF01-2345-4678-9ABC-DEF012345678' });
    index.set('sc-1', { ...index.get('sc-1')!, withdrawn: true });
    expect(index.size).toBe(1);
    expect(index.get('sc-1')).toMatchObject({ submittedBy: 'abcdef01-2345-4678-9abc-def012345678', withdrawn: true, candidateId: 'cand-1' });
  });
});
