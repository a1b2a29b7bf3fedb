/** One rating of a live scorecard, with its context (a row of the per-rating fact view). */
export interface FactRow {
  scorecardId: string;
  candidateId: string;
  interviewerId: string;
  rubricId: string;
  signal: string;
  rating: number;
  targetLevel: string;
  overall: string;
  recommendedLevel: string;
  interviewedAt: string;
  /** The candidate's current decision: 'hire', 'no_hire' or '' (none yet). */
  decision: string;
  finalLevel: string;
}

/**
 * One live scorecard and its ratings, as the fact view holds it (`interviewedAt` in epoch ms).
 * Its id is not needed for any figure, so a million of them are never loaded.
 */
export interface ScorecardFact {
  candidateId: string;
  interviewerId: string;
  rubricId: string;
  targetLevel: string;
  overall: string;
  recommendedLevel: string;
  interviewedAt: number;
  decision: string;
  finalLevel: string;
  signals: string[];
  ratings: number[];
}

const CODED = ['candidateId', 'interviewerId', 'rubricId', 'targetLevel', 'overall', 'recommendedLevel', 'decision', 'finalLevel'] as const;
type CodedField = (typeof CODED)[number];

/**
 * The facts in scope by column, the form the report is computed from: a million scorecards
 * (five million ratings) take about 100 MB, where one object per rating took gigabytes.
 * Per scorecard, its string fields as codes into `strings` (each distinct value stored once) and
 * its time; per rating, its signal's code and its value. Every array's buffer can be handed to a
 * worker thread without copying.
 */
export type FactColumns = { [field in CodedField]: Int32Array } & {
  strings: string[];
  /** Epoch milliseconds. */
  interviewedAt: Float64Array;
  /** Where each scorecard's ratings start in `signal` and `rating` (one entry more than scorecards). */
  ratingStart: Int32Array;
  signal: Int32Array;
  rating: Float64Array;
};

/**
 * A typed array appended to, from a capacity that is usually exact (the caller counted first):
 * it doubles only if more values come, and hands back a view of what was filled, so no copy
 * or discarded buffer is left behind for a large scope.
 */
class Growing<A extends Int32Array | Float64Array> {
  private length = 0;
  constructor(private data: A) {}
  push(value: number): void {
    if (this.length === this.data.length) {
      const larger = new (this.data.constructor as new (size: number) => A)(Math.max(1024, this.data.length * 2));
      larger.set(this.data);
      this.data = larger;
    }
    this.data[this.length++] = value;
  }
  done(): A {
    return this.data.subarray(0, this.length) as A;
  }
}

/** Builds FactColumns one scorecard at a time, so a large scope is never held as objects. */
export class FactColumnsBuilder {
  private readonly codes = new Map<string, number>();
  private readonly coded: Record<CodedField, Growing<Int32Array>>;
  private readonly interviewedAt: Growing<Float64Array>;
  private readonly ratingStart: Growing<Int32Array>;
  private readonly signal: Growing<Int32Array>;
  private readonly rating: Growing<Float64Array>;
  private ratings = 0;

  /** `expected`: how many scorecards and ratings are coming, if known (more may come). */
  constructor(expected = { scorecards: 0, ratings: 0 }) {
    this.coded = Object.fromEntries(CODED.map((field) => [field, new Growing(new Int32Array(expected.scorecards))])) as Record<CodedField, Growing<Int32Array>>;
    this.interviewedAt = new Growing(new Float64Array(expected.scorecards));
    this.ratingStart = new Growing(new Int32Array(expected.scorecards + 1));
    this.signal = new Growing(new Int32Array(expected.ratings));
    this.rating = new Growing(new Float64Array(expected.ratings));
  }

  add(scorecard: ScorecardFact): void {
    for (const field of CODED) this.coded[field].push(this.code(scorecard[field]));
    this.interviewedAt.push(scorecard.interviewedAt);
    this.ratingStart.push(this.ratings);
    scorecard.signals.forEach((signal, k) => {
      this.signal.push(this.code(signal));
      this.rating.push(scorecard.ratings[k]);
    });
    this.ratings += scorecard.signals.length;
  }

  build(): FactColumns {
    this.ratingStart.push(this.ratings);
    return {
      ...(Object.fromEntries(CODED.map((field) => [field, this.coded[field].done()])) as Record<CodedField, Int32Array>),
      strings: [...this.codes.keys()],
      interviewedAt: this.interviewedAt.done(),
      ratingStart: this.ratingStart.done(),
      signal: this.signal.done(),
      rating: this.rating.done(),
    };
  }

  private code(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) this.codes.set(value, (code = this.codes.size));
    return code;
  }
}

/** Fact rows (one per rating, a scorecard's rows in any order) as columns: for tests and small scopes. */
export function factColumns(rows: FactRow[]): FactColumns {
  const byScorecard = new Map<string, ScorecardFact>();
  for (const r of rows) {
    let s = byScorecard.get(r.scorecardId);
    if (!s) byScorecard.set(r.scorecardId, (s = { ...r, interviewedAt: Date.parse(r.interviewedAt), signals: [], ratings: [] }));
    s.signals.push(r.signal);
    s.ratings.push(r.rating);
  }
  const builder = new FactColumnsBuilder();
  for (const s of byScorecard.values()) builder.add(s);
  return builder.build();
}

/** The buffers `postMessage` can hand over instead of copying. */
export const transferablesOf = (c: FactColumns): ArrayBuffer[] =>
  [...CODED.map((field) => c[field]), c.interviewedAt, c.ratingStart, c.signal, c.rating].map((array) => array.buffer as ArrayBuffer);
