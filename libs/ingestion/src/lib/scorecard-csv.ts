import { nameBasedUuid, parseEvent, type ScorecardSubmitted } from '@plumbline/events';
import { parse } from 'csv-parse/sync';

/** Columns of a scorecard import; every other column is a signal key holding that signal's rating. */
export const SCORECARD_CSV_COLUMNS = [
  'scorecard_id',
  'candidate_id',
  'interviewer_id',
  'rubric_id',
  'rubric_version',
  'target_level',
  'job_family',
  'interview_type',
  'overall',
  'recommended_level',
  'interviewed_at',
] as const;
const REQUIRED = ['scorecard_id', 'candidate_id', 'interviewer_id', 'rubric_id', 'rubric_version', 'target_level', 'overall', 'interviewed_at'];

/** A problem with one line of the file (1 = the header). */
export interface CsvIssue {
  line: number;
  path: string;
  message: string;
}

export interface ScorecardCsv {
  events: ScorecardSubmitted[];
  /** The file line of each event. */
  lines: number[];
  issues: CsvIssue[];
}

/**
 * Reads a CSV of historical scorecards (one row per scorecard, one column per signal) into
 * ScorecardSubmitted events, reporting every problem with its line. Each event's id is derived
 * from the scorecard id (or taken from an `event_id` column), so importing a file twice is
 * recognised as duplicates. `firstLine` numbers lines when the file arrives in parts.
 */
export function scorecardsFromCsv(text: string, firstLine = 1): ScorecardCsv {
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: false, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    const e = error as { lines?: number; message: string };
    return { events: [], lines: [], issues: [{ line: firstLine - 1 + (e.lines ?? 1), path: '', message: `not valid CSV: ${e.message}` }] };
  }
  const [header, ...rows] = records;
  if (!header) return { events: [], lines: [], issues: [{ line: firstLine, path: '', message: 'the file is empty' }] };
  const repeated = header.filter((column, i) => header.indexOf(column) !== i);
  if (repeated.length > 0) return { events: [], lines: [], issues: repeated.map((column) => ({ line: firstLine, path: column, message: `column ${column} appears more than once` })) };
  if (rows.length === 0) return { events: [], lines: [], issues: [{ line: firstLine, path: '', message: 'the file has a header but no scorecard rows' }] };
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length > 0) return { events: [], lines: [], issues: [{ line: firstLine, path: '', message: `missing column(s): ${missing.join(', ')}` }] };
  const signalColumns = header.filter((c) => !(SCORECARD_CSV_COLUMNS as readonly string[]).includes(c) && c !== 'event_id');

  const result: ScorecardCsv = { events: [], lines: [], issues: [] };
  rows.forEach((cells, i) => {
    const line = firstLine + 1 + i;
    const cell = (name: string) => cells[header.indexOf(name)] ?? '';
    const optional = (name: string) => (header.includes(name) && cell(name) !== '' ? cell(name) : undefined);
    const ratings = signalColumns.filter((s) => cell(s) !== '').map((signal) => ({ signal, rating: Number(cell(signal)) }));
    const candidate = {
      eventId: optional('event_id') ?? nameBasedUuid(`import:scorecard:${cell('scorecard_id')}`),
      type: 'ScorecardSubmitted',
      schemaVersion: 1,
      occurredAt: cell('interviewed_at'),
      data: {
        scorecardId: cell('scorecard_id'),
        candidateId: cell('candidate_id'),
        interviewerId: cell('interviewer_id'),
        rubricId: cell('rubric_id'),
        rubricVersion: Number(cell('rubric_version')),
        targetLevel: cell('target_level'),
        jobFamily: optional('job_family'),
        interviewType: optional('interview_type'),
        ratings,
        overall: cell('overall'),
        recommendedLevel: optional('recommended_level'),
        interviewedAt: cell('interviewed_at'),
      },
    };
    const parsed = parseEvent(JSON.parse(JSON.stringify(candidate)));
    if (parsed.ok) {
      result.events.push(parsed.event as ScorecardSubmitted);
      result.lines.push(line);
    } else {
      result.issues.push(...parsed.issues.map((issue) => ({ line, path: csvColumn(issue.path, ratings), message: issue.message })));
    }
  });
  return result;
}

/** The CSV column an event field came from, so the report names what the user can fix. */
export function csvColumn(path: string, ratings: { signal: string }[]): string {
  const rating = /^data\.ratings\.(\d+)/.exec(path);
  if (rating) return ratings[Number(rating[1])]?.signal ?? 'ratings';
  if (path === 'data.ratings') return 'signal columns';
  if (path === 'occurredAt') return 'interviewed_at';
  const field = path.replace(/^data\./, '');
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
