/** Record the scorecards of a CSV file (or a part of one starting at `firstLine`). */
export class ImportScorecardsCommand {
  constructor(
    readonly csv: unknown,
    readonly firstLine = 1,
  ) {}
}

export interface ImportScorecardsResult {
  rows: number;
  accepted: number;
  duplicates: number;
}
