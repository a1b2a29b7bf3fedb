import { describe, expect, it } from 'vitest';
import { mlSystemDesignRubric } from './built-in-rubrics';
import { exampleDecisionRecorded, exampleScorecardAmended, exampleScorecardSubmitted, exampleScorecardWithdrawn } from './examples';
import { parseEvent } from './parse-event';
import { rubricPublishedEvent } from './rubric-events';

/** Parses `event` after `edit` and returns the issue paths, or [] when it is valid. */
function issuePaths(event: unknown, edit: (e: any) => void = () => undefined): string[] {
  const copy = structuredClone(event) as any;
  edit(copy);
  const result = parseEvent(copy);
  return result.ok ? [] : result.issues.map((i) => i.path);
}

describe('event envelope', () => {
  const valid = exampleScorecardSubmitted();

  it('accepts every example event', () => {
    for (const event of [valid, exampleScorecardAmended(), exampleScorecardWithdrawn(), exampleDecisionRecorded(), rubricPublishedEvent(mlSystemDesignRubric)]) {
      expect(issuePaths(event)).toEqual([]);
    }
  });

  it.each([
    ['eventId', (e: any) => (e.eventId = 'not-a-uuid')],
    ['eventId', (e: any) => delete e.eventId],
    ['schemaVersion', (e: any) => (e.schemaVersion = 0)],
    ['schemaVersion', (e: any) => (e.schemaVersion = 1.5)],
    ['occurredAt', (e: any) => (e.occurredAt = 'yesterday')],
    ['occurredAt', (e: any) => (e.occurredAt = '2026-02-30T10:00:00Z')],
    ['occurredAt', (e: any) => (e.occurredAt = '2026-03-01T10:00:00')],
    ['', (e: any) => (e.extra = true)],
    ['data', (e: any) => delete e.data],
  ])('rejects a bad %s', (path, edit) => {
    expect(issuePaths(valid, edit)).toContain(path);
  });

  it('rejects unknown and missing types by name', () => {
    expect(issuePaths(valid, (e) => (e.type = 'ScorecardDeleted'))).toEqual(['type']);
    expect(issuePaths(valid, (e) => delete e.type)).toEqual(['type']);
    expect(issuePaths(null)).toEqual(['']);
    expect(issuePaths([valid])).toEqual(['']);
  });

  it('rejects a schemaVersion newer than the service knows', () => {
    expect(issuePaths(valid, (e) => (e.schemaVersion = 2))).toEqual(['schemaVersion']);
  });
});

describe('ScorecardSubmitted', () => {
  const valid = exampleScorecardSubmitted();

  it.each([
    ['data.scorecardId', (e: any) => (e.data.scorecardId = '')],
    ['data.candidateId', (e: any) => (e.data.candidateId = "x'; DROP TABLE scorecards; --")],
    ['data.interviewerId', (e: any) => (e.data.interviewerId = 'a'.repeat(129))],
    ['data.interviewerId', (e: any) => (e.data.interviewerId = 7)],
    ['data.rubricId', (e: any) => (e.data.rubricId = 'ML System Design')],
    ['data.rubricVersion', (e: any) => (e.data.rubricVersion = 0)],
    ['data.targetLevel', (e: any) => delete e.data.targetLevel],
    ['data.ratings', (e: any) => (e.data.ratings = [])],
    ['data.ratings.0.rating', (e: any) => (e.data.ratings[0].rating = 2.5)],
    ['data.ratings.0.rating', (e: any) => (e.data.ratings[0].rating = '3')],
    ['data.ratings.1.signal', (e: any) => (e.data.ratings[1].signal = e.data.ratings[0].signal)],
    ['data.ratings.0', (e: any) => (e.data.ratings[0].comment = 'great')],
    ['data.overall', (e: any) => (e.data.overall = 'maybe')],
    ['data.interviewedAt', (e: any) => (e.data.interviewedAt = '2026-13-01T00:00:00Z')],
    ['data.jobFamily', (e: any) => (e.data.jobFamily = 'x'.repeat(101))],
    ['data', (e: any) => (e.data.__proto__extra = 1)],
  ])('rejects a bad %s', (path, edit) => {
    expect(issuePaths(valid, edit)).toContain(path);
  });

  it('accepts the optional fields being absent', () => {
    expect(
      issuePaths(valid, (e) => {
        delete e.data.jobFamily;
        delete e.data.interviewType;
        delete e.data.recommendedLevel;
      }),
    ).toEqual([]);
  });

  it('reports every problem of an event, not just the first', () => {
    const paths = issuePaths(valid, (e) => {
      e.data.overall = 'maybe';
      e.data.ratings[0].rating = 'high';
      e.eventId = 'x';
    });
    expect(paths).toEqual(expect.arrayContaining(['eventId', 'data.overall', 'data.ratings.0.rating']));
  });
});

describe('ScorecardAmended, ScorecardWithdrawn, DecisionRecorded', () => {
  it('requires ratings and overall on amendments', () => {
    expect(issuePaths(exampleScorecardAmended(), (e) => delete e.data.ratings)).toContain('data.ratings');
    expect(issuePaths(exampleScorecardAmended(), (e) => delete e.data.overall)).toContain('data.overall');
  });

  it('requires the scorecard on withdrawals', () => {
    expect(issuePaths(exampleScorecardWithdrawn(), (e) => delete e.data.scorecardId)).toEqual(['data.scorecardId']);
  });

  it('requires a final level for hires only', () => {
    expect(issuePaths(exampleDecisionRecorded(), (e) => delete e.data.finalLevel)).toEqual(['data.finalLevel']);
    expect(issuePaths(exampleDecisionRecorded({ decision: 'no_hire', finalLevel: undefined }), (e) => delete e.data.finalLevel)).toEqual([]);
    expect(issuePaths(exampleDecisionRecorded(), (e) => (e.data.decision = 'strong_hire'))).toEqual(['data.decision']);
  });
});

describe('RubricPublished', () => {
  const valid = rubricPublishedEvent(mlSystemDesignRubric);

  it.each([
    ['data.scale', (e: any) => (e.data.scale = [e.data.scale[0]])],
    ['data.scale', (e: any) => (e.data.scale = Array.from({ length: 11 }, (_, i) => ({ value: i, label: `p${i}` })))],
    ['data.scale.1.value', (e: any) => (e.data.scale[1].value = 1)],
    ['data.scale.2.label', (e: any) => (e.data.scale[2].label = 'weak')],
    ['data.signals', (e: any) => (e.data.signals = [])],
    ['data.signals.1.key', (e: any) => (e.data.signals[1].key = e.data.signals[0].key)],
    ['data.signals.0.descriptors.excellent', (e: any) => (e.data.signals[0].descriptors.excellent = 'x')],
    ['data.levels.1.rank', (e: any) => (e.data.levels[1].rank = 1)],
    ['data.levels.1.key', (e: any) => (e.data.levels[1].key = 'junior')],
    ['data.version', (e: any) => (e.data.version = 0)],
    ['data.overallGuidance.0.label', (e: any) => (e.data.overallGuidance[0].label = 'terrible')],
  ])('rejects a bad %s', (path, edit) => {
    expect(issuePaths(valid, edit)).toContain(path);
  });

  it('accepts a rubric with any scale of 2–10 points and its own signals', () => {
    expect(
      issuePaths(valid, (e) => {
        e.data.rubricId = 'coding';
        e.data.scale = [1, 2, 3, 4, 5].map((value) => ({ value, label: `p${value}` }));
        e.data.signals = [{ key: 'correctness', name: 'Correctness' }];
        delete e.data.overallGuidance;
      }),
    ).toEqual([]);
  });
});
