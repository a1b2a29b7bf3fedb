import { describe, expect, it } from 'vitest';
import { exampleScorecardSubmitted, exampleScorecardWithdrawn } from './examples';
import { LogCatalog } from './log-catalog';

describe('LogCatalog', () => {
  it('knows a scorecard in the layer that applied it and in the layers staged on top', () => {
    const catalog = new LogCatalog();
    catalog.apply(exampleScorecardSubmitted({ scorecardId: 'sc-1' }));
    const staged = catalog.stage();
    staged.apply(exampleScorecardSubmitted({ scorecardId: 'sc-2' }));
    expect([staged.hasScorecard('sc-1'), staged.hasScorecard('sc-2'), staged.hasScorecard('sc-3')]).toEqual([true, true, false]);
    expect(catalog.hasScorecard('sc-2')).toBe(false);
  });

  it('does not undo a withdrawal when the submission is seen again', () => {
    const catalog = new LogCatalog();
    const submitted = exampleScorecardSubmitted({ scorecardId: 'sc-1' });
    catalog.apply(submitted);
    catalog.apply(exampleScorecardWithdrawn({ scorecardId: 'sc-1' }));
    catalog.apply(submitted);
    expect(catalog.scorecard('sc-1')?.withdrawn).toBe(true);
  });
});
