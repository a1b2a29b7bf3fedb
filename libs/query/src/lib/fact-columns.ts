import type { FactRow } from '@plumbline/analytics';

/** The per-scorecard fields of a fact row, in the order the scorecard query returns them. */
const FIELDS = ['scorecardId', 'candidateId', 'interviewerId', 'rubricId', 'targetLevel', 'overall', 'recommendedLevel', 'interviewedAt', 'decision', 'finalLevel'] as const;

/** One scorecard as the query returns it (JSONCompactEachRow): its fields, then its signals and ratings. */
export type ScorecardFacts = [...string[], string[], number[]];

/**
 * The fact rows of a report in a compact form that moves to the report worker without copying:
 * one entry per scorecard rather than per rating, every string stored once in a dictionary, and
 * the numbers in typed arrays whose buffers are transferred. The report worker turns it back
 * into rows; the main thread never holds a row object per rating.
 */
export interface FactColumns {
  strings: string[];
  /** Per scorecard, FIELDS.length codes into `strings`. */
  fields: Int32Array;
  /** Where each scorecard's ratings start in `signals` and `ratings` (one entry more than scorecards). */
  ratingStart: Int32Array;
  signals: Int32Array;
  ratings: Float64Array;
}

export function encodeFacts(scorecards: ScorecardFacts[]): FactColumns {
  const codes = new Map<string, number>();
  const code = (value: string) => codes.get(value) ?? (codes.set(value, codes.size), codes.size - 1);
  const total = scorecards.reduce((sum, s) => sum + (s[FIELDS.length + 1] as number[]).length, 0);
  const columns: FactColumns = {
    strings: [],
    fields: new Int32Array(scorecards.length * FIELDS.length),
    ratingStart: new Int32Array(scorecards.length + 1),
    signals: new Int32Array(total),
    ratings: new Float64Array(total),
  };
  let at = 0;
  scorecards.forEach((s, i) => {
    for (let f = 0; f < FIELDS.length; f++) columns.fields[i * FIELDS.length + f] = code(s[f] as string);
    const signals = s[FIELDS.length] as string[];
    const ratings = s[FIELDS.length + 1] as number[];
    columns.ratingStart[i] = at;
    signals.forEach((signal, k) => {
      columns.signals[at] = code(signal);
      columns.ratings[at++] = ratings[k];
    });
  });
  columns.ratingStart[scorecards.length] = at;
  columns.strings = [...codes.keys()];
  return columns;
}

/** The buffers `postMessage` can hand over instead of copying. */
export const transferablesOf = (c: FactColumns): ArrayBuffer[] => [c.fields.buffer, c.ratingStart.buffer, c.signals.buffer, c.ratings.buffer] as ArrayBuffer[];

/**
 * Back to one row per rating; rows of a scorecard share its (interned) strings. Built as one
 * object literal so every row has the same shape: rows assembled by spreading ran the report
 * three times slower.
 */
export function decodeFacts(c: FactColumns): FactRow[] {
  const rows: FactRow[] = [];
  for (let i = 0; i + 1 < c.ratingStart.length; i++) {
    const field = (name: (typeof FIELDS)[number]) => c.strings[c.fields[i * FIELDS.length + FIELDS.indexOf(name)]];
    const [scorecardId, candidateId, interviewerId, rubricId, targetLevel, overall, recommendedLevel, interviewedAt, decision, finalLevel] = FIELDS.map(field);
    for (let k = c.ratingStart[i]; k < c.ratingStart[i + 1]; k++) {
      const signal = c.strings[c.signals[k]];
      const rating = c.ratings[k];
      rows.push({ scorecardId, candidateId, interviewerId, rubricId, signal, rating, targetLevel, overall, recommendedLevel, interviewedAt, decision, finalLevel });
    }
  }
  return rows;
}
