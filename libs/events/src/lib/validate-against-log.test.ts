import { describe, expect, it } from 'vitest';
import { builtInRubrics, mlSystemDesignRubric } from './built-in-rubrics';
import { eventKey } from './event-key';
import { exampleDecisionRecorded, exampleScorecardAmended, exampleScorecardSubmitted, exampleScorecardWithdrawn } from './examples';
import { LogCatalog } from './log-catalog';
import { rubricPublishedEvent } from './rubric-events';
import { validateAgainstLog } from './validate-against-log';

function catalogWithBuiltIns(): LogCatalog {
  const catalog = new LogCatalog();
  for (const rubric of builtInRubrics) catalog.apply(rubricPublishedEvent(rubric));
  return catalog;
}

describe('validateAgainstLog', () => {
  it('accepts a scorecard on a known rubric', () => {
    expect(validateAgainstLog([exampleScorecardSubmitted()], catalogWithBuiltIns())).toEqual([]);
  });

  it('names the unknown rubric, signal, scale value and levels with their paths', () => {
    const unknownRubric = exampleScorecardSubmitted({ rubricVersion: 9 });
    const bad = exampleScorecardSubmitted({
      ratings: [
        { signal: 'modeling', rating: 5 },
        { signal: 'charisma', rating: 3 },
      ],
      targetLevel: 'wizard',
      recommendedLevel: 'intern',
    });
    const issues = validateAgainstLog([unknownRubric, bad], catalogWithBuiltIns());
    expect(issues.map((i) => [i.index, i.path])).toEqual([
      [0, 'data.rubricVersion'],
      [1, 'data.ratings.0.rating'],
      [1, 'data.ratings.1.signal'],
      [1, 'data.targetLevel'],
      [1, 'data.recommendedLevel'],
    ]);
    expect(issues[1].message).toContain('1 (very_weak), 2 (weak), 3 (strong), 4 (very_strong)');
  });

  it('lets a rubric published earlier in the batch be used later in it', () => {
    const coding = { ...mlSystemDesignRubric, rubricId: 'coding', signals: [{ key: 'correctness', name: 'Correctness' }] };
    const scorecard = exampleScorecardSubmitted({ rubricId: 'coding', ratings: [{ signal: 'correctness', rating: 4 }] });
    const catalog = catalogWithBuiltIns();
    expect(validateAgainstLog([scorecard], catalog)).toHaveLength(1);
    expect(validateAgainstLog([rubricPublishedEvent(coding), scorecard], catalog)).toEqual([]);
    // Validation only stages: the catalog itself is unchanged until the caller applies.
    expect(catalog.rubric('coding', 1)).toBeUndefined();
  });

  it('refuses a second, different rubric under the same version but accepts the identical one', () => {
    const catalog = catalogWithBuiltIns();
    expect(validateAgainstLog([rubricPublishedEvent(mlSystemDesignRubric)], catalog)).toEqual([]);
    const changed = rubricPublishedEvent({ ...mlSystemDesignRubric, name: 'Renamed' });
    expect(validateAgainstLog([changed], catalog).map((i) => i.path)).toEqual(['data.version']);
  });

  it('checks amendments against the rubric of the scorecard they amend', () => {
    const catalog = catalogWithBuiltIns();
    catalog.apply(exampleScorecardSubmitted({ scorecardId: 'sc-1' }));
    expect(validateAgainstLog([exampleScorecardAmended({ scorecardId: 'sc-1' })], catalog)).toEqual([]);
    expect(validateAgainstLog([exampleScorecardAmended({ scorecardId: 'sc-1', ratings: [{ signal: 'modeling', rating: 0 }] })], catalog).map((i) => i.path)).toEqual([
      'data.ratings.0.rating',
    ]);
    expect(validateAgainstLog([exampleScorecardAmended({ scorecardId: 'sc-404' })], catalog).map((i) => i.path)).toEqual(['data.scorecardId']);
  });

  it('refuses amending a withdrawn scorecard, re-submitting a scorecard and withdrawing an unknown one', () => {
    const catalog = catalogWithBuiltIns();
    const submitted = exampleScorecardSubmitted({ scorecardId: 'sc-2' });
    const issues = validateAgainstLog(
      [submitted, exampleScorecardWithdrawn({ scorecardId: 'sc-2' }), exampleScorecardAmended({ scorecardId: 'sc-2' }), exampleScorecardSubmitted({ scorecardId: 'sc-2' }), exampleScorecardWithdrawn({ scorecardId: 'sc-3' })],
      catalog,
    );
    expect(issues.map((i) => [i.index, i.path])).toEqual([
      [2, 'data.scorecardId'],
      [3, 'data.scorecardId'],
      [4, 'data.scorecardId'],
    ]);
  });

  it('checks a decision’s final level against the levels of every rubric', () => {
    const catalog = catalogWithBuiltIns();
    expect(validateAgainstLog([exampleDecisionRecorded({ finalLevel: 'staff' })], catalog)).toEqual([]);
    expect(validateAgainstLog([exampleDecisionRecorded({ finalLevel: 'ceo' })], catalog).map((i) => i.path)).toEqual(['data.finalLevel']);
  });
});

describe('eventKey', () => {
  it('keys by candidate, rubric events by rubric, amendments by their scorecard’s candidate', () => {
    const catalog = catalogWithBuiltIns();
    const submitted = exampleScorecardSubmitted({ scorecardId: 'sc-9', candidateId: 'cand-9' });
    catalog.apply(submitted);
    expect(eventKey(submitted, catalog)).toBe('cand-9');
    expect(eventKey(exampleDecisionRecorded({ candidateId: 'cand-3' }), catalog)).toBe('cand-3');
    expect(eventKey(rubricPublishedEvent(mlSystemDesignRubric), catalog)).toBe('rubric:ml-system-design');
    expect(eventKey(exampleScorecardAmended({ scorecardId: 'sc-9' }), catalog)).toBe('cand-9');
    expect(eventKey(exampleScorecardWithdrawn({ scorecardId: 'sc-9' }), catalog)).toBe('cand-9');
    expect(() => eventKey(exampleScorecardWithdrawn({ scorecardId: 'nope' }), catalog)).toThrow(/unknown scorecard/);
  });
});
