import { describe, expect, it } from 'vitest';
import { factColumns, FactColumnsBuilder } from './fact-columns';
import { densify, groupByIndex } from './group-by-index';

describe('fact columns', () => {
  const row = (scorecardId: string, signal: string, rating: number) => ({
    scorecardId, candidateId: 'cand-1', interviewerId: scorecardId === 'sc-1' ? 'int-1' : 'int-2', rubricId: 'ml', signal, rating,
    targetLevel: 'senior', overall: 'hire', recommendedLevel: '', interviewedAt: '2026-01-05T10:00:00Z', decision: 'hire', finalLevel: 'senior',
  });

  it('holds one entry per scorecard, its ratings in a run, and every string once', () => {
    // sc-1's rows are not adjacent: they still make one scorecard.
    const columns = factColumns([row('sc-1', 'modeling', 3), row('sc-2', 'modeling', 2), row('sc-1', 'deployment', 4)]);
    expect(columns.candidateId).toHaveLength(2);
    expect(columns.ratingStart).toEqual(Int32Array.from([0, 2, 3]));
    expect(Array.from(columns.signal, (code) => columns.strings[code])).toEqual(['modeling', 'deployment', 'modeling']);
    expect(columns.rating).toEqual(Float64Array.from([3, 4, 2]));
    expect(Array.from(columns.interviewerId, (code) => columns.strings[code])).toEqual(['int-1', 'int-2']);
    expect(columns.strings.filter((s) => s === 'cand-1' || s === 'senior')).toEqual(['cand-1', 'senior']);
    expect(columns.interviewedAt[0]).toBe(Date.parse('2026-01-05T10:00:00Z'));
  });

  it('grows past its initial capacity and handles no scorecards', () => {
    const builder = new FactColumnsBuilder();
    for (let i = 0; i < 3000; i++) builder.add({ ...row(`sc-${i}`, 'modeling', 1), interviewedAt: i, signals: ['a', 'b'], ratings: [i, i + 1] });
    const columns = builder.build();
    expect(columns.ratingStart.length).toBe(3001);
    expect(columns.ratingStart[3000]).toBe(6000);
    expect(columns.rating[5999]).toBe(3000);
    expect(new FactColumnsBuilder().build().ratingStart).toEqual(Int32Array.from([0]));
  });
});

describe('groupByIndex and densify', () => {
  it('groups indices by key in index order', () => {
    const { start, members } = groupByIndex([2, 0, 2, 1, 0], 3);
    expect(Array.from(start)).toEqual([0, 2, 3, 5]);
    expect(Array.from(members)).toEqual([1, 4, 3, 0, 2]);
  });
  it('numbers codes by first appearance', () => {
    expect(densify([7, 3, 7, 9])).toEqual({ index: Int32Array.from([0, 1, 0, 2]), codes: [7, 3, 9] });
  });
});

describe('thinSeries', () => {
  it('keeps a short series whole and thins a long one to runs, keeping the CUSUM peaks', async () => {
    const { thinSeries, DRIFT_SERIES_POINTS } = await import('./calibration-report');
    const { cusum } = await import('./cusum');
    // Scorecard i held i seconds after the epoch; a spike of 8 at the last but one.
    const series = (n: number) => ({ at: Float64Array.from({ length: n }, (_, i) => i * 1000), z: Float64Array.from({ length: n }, (_, i) => (i === n - 2 ? 8 : 0)) });
    const short = series(10);
    expect(thinSeries(short, cusum(short.z))).toHaveLength(10);
    const long = series(2000);
    const drift = cusum(long.z);
    const thinned = thinSeries(long, drift);
    expect(thinned.length).toBeLessThanOrEqual(DRIFT_SERIES_POINTS);
    expect(thinned.at(-1)!.at).toBe('1970-01-01T00:33:19.000Z');
    // The spike at 1998 pushes C⁺ to 7.5; the run holding it shows that peak.
    expect(Math.max(...thinned.map((p) => p.upper))).toBe(7.5);
    expect(thinned[0]).toEqual({ at: '1970-01-01T00:00:04.000Z', residual: 0, upper: 0, lower: 0 });
  });
});
