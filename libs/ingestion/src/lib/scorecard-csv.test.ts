import { describe, expect, it } from 'vitest';
import { scorecardsFromCsv } from './scorecard-csv';

const header = 'scorecard_id,candidate_id,interviewer_id,rubric_id,rubric_version,target_level,overall,interviewed_at,modeling,deployment';

describe('scorecardsFromCsv', () => {
  it('reads one scorecard per row with one column per signal, skipping empty cells', () => {
    const { events, lines, issues } = scorecardsFromCsv(`${header}\nsc-1,c-1,i-1,ml-system-design,1,senior,hire,2026-01-05T10:00:00Z,3,\n`);
    expect(issues).toEqual([]);
    expect(lines).toEqual([2]);
    expect(events[0].data).toMatchObject({ scorecardId: 'sc-1', rubricVersion: 1, ratings: [{ signal: 'modeling', rating: 3 }] });
    // The same row gives the same eventId: a re-import is a duplicate.
    expect(scorecardsFromCsv(`${header}\nsc-1,c-1,i-1,ml-system-design,1,senior,hire,2026-01-05T10:00:00Z,3,\n`).events[0].eventId).toBe(events[0].eventId);
  });

  it('reports every bad row with its line and column', () => {
    const csv = [header, 'sc-1,c-1,i-1,ml-system-design,1,senior,hire,2026-01-05T10:00:00Z,3,2', 'sc-2,c-2,i-2,ml-system-design,1,senior,maybe,2026-01-05T10:00:00Z,2.5,1', 'sc-3,c-3,i-3,ml-system-design,x,senior,hire,yesterday,,'].join('\n');
    const { issues } = scorecardsFromCsv(csv);
    expect(issues.map((i) => [i.line, i.path])).toEqual([
      [3, 'modeling'],
      [3, 'overall'],
      [4, 'interviewed_at'],
      [4, 'rubric_version'],
      [4, 'signal columns'],
      [4, 'interviewed_at'],
    ]);
  });

  it('names missing columns and malformed CSV', () => {
    expect(scorecardsFromCsv('scorecard_id,candidate_id\nsc,c').issues[0].message).toMatch(/missing column\(s\): interviewer_id/);
    expect(scorecardsFromCsv(`${header}\n"unterminated,1`).issues[0].message).toMatch(/not valid CSV/);
    expect(scorecardsFromCsv('').issues[0].message).toMatch(/empty/);
  });
});
