import { exampleDecisionRecorded, exampleScorecardSubmitted } from '@plumbline/events';
import { describe, expect, it } from 'vitest';
import { MAX_EVENTS_PER_REQUEST, readSubmission } from './submission';

describe('readSubmission', () => {
  it('reads one envelope or a batch', () => {
    const one = exampleScorecardSubmitted();
    expect(readSubmission(one).events).toHaveLength(1);
    expect(readSubmission({ events: [one, exampleDecisionRecorded()] }).events).toHaveLength(2);
  });

  it('lists every problem of every event with its index and path', () => {
    const good = exampleScorecardSubmitted();
    const bad1 = { ...exampleScorecardSubmitted(), eventId: 'nope' };
    const bad2 = { ...exampleDecisionRecorded(), data: { candidateId: 'c', decision: 'hire' } };
    const { issues } = readSubmission({ events: [good, bad1, bad2] });
    expect(issues.map((i) => [i.index, i.path])).toEqual([
      [1, 'eventId'],
      [2, 'data.finalLevel'],
    ]);
  });

  it.each([
    [undefined, '', /Content-Type/],
    [{ events: 'x' }, 'events', /array/],
    [{ events: [] }, 'events', /at least one/],
    [{ events: [], extra: 1 }, 'extra', /unknown field/],
    [[exampleScorecardSubmitted()], '', /JSON object/],
  ])('refuses the body %j', (body, path, message) => {
    const { issues } = readSubmission(body);
    expect(issues[0].path).toBe(path);
    expect(issues[0].message).toMatch(message);
  });

  it(`refuses batches over ${MAX_EVENTS_PER_REQUEST} events`, () => {
    const events = Array.from({ length: MAX_EVENTS_PER_REQUEST + 1 }, () => exampleDecisionRecorded());
    expect(readSubmission({ events }).issues[0].message).toMatch(/at most 5000 events/);
  });
});
