import type { PlumblineEvent } from './event-schemas';
import type { LogCatalog } from './log-catalog';

/**
 * The Kafka message key of an event (SPEC §2): the candidate, so that all of a candidate's
 * scorecards and decisions share a partition and keep their order; `rubric:<id>` for rubrics.
 * Amendments and withdrawals name only the scorecard, so its candidate comes from the catalog.
 */
export function eventKey(event: PlumblineEvent, catalog: LogCatalog): string {
  switch (event.type) {
    case 'RubricPublished':
      return `rubric:${event.data.rubricId}`;
    case 'ScorecardSubmitted':
    case 'DecisionRecorded':
      return event.data.candidateId;
    case 'ScorecardAmended':
    case 'ScorecardWithdrawn': {
      const ref = catalog.scorecard(event.data.scorecardId);
      if (!ref) throw new Error(`eventKey: unknown scorecard ${event.data.scorecardId}; validate the event first`);
      return ref.candidateId;
    }
  }
}
