import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventRecorder } from '../../event-recorder';
import { InvalidEventsError } from '../../invalid-events.error';
import { csvColumn, scorecardsFromCsv } from '../../scorecard-csv';
import { MAX_EVENTS_PER_REQUEST } from '../../submission';
import { ImportScorecardsCommand, type ImportScorecardsResult } from '../impl/import-scorecards.command';

/**
 * SPEC §3 CSV import: every row checked first (400 with every bad line), then recorded in parts
 * of at most 5,000 events. Row ids are derived from the scorecard, so if a part fails and the
 * file is sent again, what was already written counts as duplicates.
 */
@CommandHandler(ImportScorecardsCommand)
export class ImportScorecardsHandler implements ICommandHandler<ImportScorecardsCommand, ImportScorecardsResult> {
  constructor(private readonly recorder: EventRecorder) {}

  async execute({ csv, firstLine }: ImportScorecardsCommand): Promise<ImportScorecardsResult> {
    if (typeof csv !== 'string') throw new InvalidEventsError(400, [{ index: null, path: '', message: 'send the file as text/csv' }]);
    const { events, lines, issues } = scorecardsFromCsv(csv, firstLine);
    if (issues.length > 0) throw new InvalidEventsError(400, issues.map((i) => ({ index: null, line: i.line, path: i.path, message: i.message })));
    const total = { rows: events.length, accepted: 0, duplicates: 0 };
    for (let start = 0; start < events.length; start += MAX_EVENTS_PER_REQUEST) {
      try {
        const part = await this.recorder.record(events.slice(start, start + MAX_EVENTS_PER_REQUEST));
        total.accepted += part.accepted;
        total.duplicates += part.duplicates;
      } catch (error) {
        if (!(error instanceof InvalidEventsError)) throw error;
        // Name the line and the column the user can fix, not the event field.
        throw new InvalidEventsError(
          error.status,
          error.issues.map((i) => (i.index === null ? i : { ...i, line: lines[start + i.index], path: csvColumn(i.path, events[start + i.index].data.ratings) })),
        );
      }
    }
    return total;
  }
}
