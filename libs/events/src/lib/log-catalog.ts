import type { PlumblineEvent, Rubric } from './event-schemas';
import { ScorecardIndex } from './scorecard-index';

/** What the log says about one scorecard, as far as validating later events needs. */
export interface ScorecardRef {
  /** The event that submitted it, so a re-sent submission is recognised as a duplicate. */
  submittedBy: string;
  candidateId: string;
  rubricId: string;
  rubricVersion: number;
  withdrawn: boolean;
}

/**
 * The parts of the event log that later events refer to: every rubric version, every scorecard
 * (for amendments and withdrawals, which name only the scorecard) and every level key.
 * `stage()` layers a scratch copy on top, so a batch can be checked event by event — a rubric
 * published early in the batch is usable later in it — and dropped if the batch is refused.
 */
export class LogCatalog {
  private readonly rubrics = new Map<string, Rubric>();
  // The whole log's scorecards compactly; a staged layer holds only its batch's few.
  private readonly scorecards: Pick<ScorecardIndex, 'has' | 'get' | 'set'>;
  private readonly levels = new Set<string>();

  constructor(private readonly parent?: LogCatalog) {
    this.scorecards = parent ? new Map<string, ScorecardRef>() : new ScorecardIndex();
  }

  rubric(rubricId: string, version: number): Rubric | undefined {
    return this.rubrics.get(`${rubricId}@${version}`) ?? this.parent?.rubric(rubricId, version);
  }

  scorecard(scorecardId: string): ScorecardRef | undefined {
    return this.scorecards.get(scorecardId) ?? this.parent?.scorecard(scorecardId);
  }

  /** Whether the scorecard exists, without building its ref (which decodes the index's row). */
  hasScorecard(scorecardId: string): boolean {
    return this.scorecards.has(scorecardId) || (this.parent?.hasScorecard(scorecardId) ?? false);
  }

  /** Whether any rubric defines this level (decisions name a level but no rubric). */
  hasLevel(level: string): boolean {
    return this.levels.has(level) || (this.parent?.hasLevel(level) ?? false);
  }

  /** Whether this exact event is already in the catalog (for events that leave a trace here). */
  hasApplied(event: PlumblineEvent): boolean {
    if (event.type === 'ScorecardSubmitted') return this.scorecard(event.data.scorecardId)?.submittedBy === event.eventId.toLowerCase();
    return false;
  }

  stage(): LogCatalog {
    return new LogCatalog(this);
  }

  /** Records what an accepted event makes known. Events are assumed valid. */
  apply(event: PlumblineEvent): void {
    switch (event.type) {
      case 'RubricPublished': {
        const rubric = event.data;
        this.rubrics.set(`${rubric.rubricId}@${rubric.version}`, rubric);
        for (const level of rubric.levels) this.levels.add(level.key);
        return;
      }
      case 'ScorecardSubmitted': {
        const { scorecardId, candidateId, rubricId, rubricVersion } = event.data;
        // Idempotent: seeing the submission again (a log tail catching up) must not undo a withdrawal.
        if (!this.hasScorecard(scorecardId)) this.scorecards.set(scorecardId, { submittedBy: event.eventId, candidateId, rubricId, rubricVersion, withdrawn: false });
        return;
      }
      case 'ScorecardWithdrawn': {
        const ref = this.scorecard(event.data.scorecardId);
        if (ref) this.scorecards.set(event.data.scorecardId, { ...ref, withdrawn: true });
        return;
      }
      case 'ScorecardAmended':
      case 'DecisionRecorded':
        return;
    }
  }
}
