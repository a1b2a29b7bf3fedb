// The fast path may only ever say yes to what zod accepts unchanged: checked here on valid events
// and on every kind of damage to them (fast-check), against the schemas themselves.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventSchemas } from './event-schemas';
import { exampleDecisionRecorded, exampleScorecardAmended, exampleScorecardSubmitted, exampleScorecardWithdrawn } from './examples';
import { passesFastPath } from './fast-path';

const valid = [
  exampleScorecardSubmitted(),
  exampleScorecardSubmitted({ jobFamily: undefined, interviewType: undefined, recommendedLevel: undefined }),
  exampleDecisionRecorded(),
  exampleDecisionRecorded({ decision: 'no_hire', finalLevel: undefined, requisitionId: 'req-9' }),
  exampleScorecardAmended(),
  exampleScorecardAmended({ recommendedLevel: 'senior', reason: undefined }),
  exampleScorecardWithdrawn(),
  exampleScorecardWithdrawn({ reason: 'entered twice' }),
].map((event) => JSON.parse(JSON.stringify(event)) as Record<string, unknown>);

/** Values that come close to each rule's edges, and far from them. */
const anyValue = fc.oneof(
  fc.constantFrom('', 'a', 'senior', 'Senior', 'cand 1', 'x'.repeat(64), 'x'.repeat(65), 'x'.repeat(100), 'x'.repeat(101), 'x'.repeat(128), 'x'.repeat(129), 'tab\there', 'bell\u0007'),
  fc.constantFrom('2026-03-01T10:00:00Z', '2026-02-30T10:00:00Z', '2026-03-01T10:00:00+01:00', '2026-03-01T10:00:00', '2026-03-01', '2028-02-29T00:00:00.5Z'),
  fc.constantFrom('hire', 'no_hire', 'strong_hire', 'maybe', 'ScorecardSubmitted', 'DecisionRecorded', 'RubricPublished'),
  fc.uuid().map((id) => id),
  fc.constantFrom('00000000-0000-0000-0000-000000000000', '3f1a2b3c-4d5e-0f70-8a9b-0c1d2e3f4a5b', 'not-a-uuid'),
  fc.string({ maxLength: 8 }),
  fc.constantFrom(0, 1, 2, -1, 1.5, 2 ** 53, 2 ** 53 - 1, true, false, null),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.record({ signal: fc.constantFrom('modeling', 'deployment', 'Modeling', ''), rating: fc.constantFrom(1, 3, 2.5, '3') }), { maxLength: 3 }),
);

/** An object path inside an event: the envelope, its data, or a rating. */
const where = fc.constantFrom<(e: any) => Record<string, unknown> | undefined>(
  (e) => e,
  (e) => e.data,
  (e) => e.data?.ratings?.[0],
);
const fieldName = fc.oneof(
  fc.constantFrom('eventId', 'type', 'schemaVersion', 'occurredAt', 'data', 'scorecardId', 'candidateId', 'interviewerId', 'rubricId', 'rubricVersion', 'targetLevel'),
  fc.constantFrom('jobFamily', 'interviewType', 'ratings', 'overall', 'recommendedLevel', 'interviewedAt', 'decision', 'finalLevel', 'requisitionId', 'signal', 'rating'),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'reason', 'extra'),
);
/** One change: a field set to a value, or removed. */
const change = fc.record({ where, field: fieldName, value: fc.option(anyValue, { nil: undefined }) });

function damaged(event: Record<string, unknown>, changes: { where: (e: any) => Record<string, unknown> | undefined; field: string; value: unknown }[]): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(event));
  for (const { where: at, field, value } of changes) {
    const target = at(copy);
    if (!target || typeof target !== 'object') continue;
    if (value === undefined) delete target[field];
    // A copy: generated values can be one shared instance (fc.constant({})), which a later change
    // would otherwise write into, leaking into later runs or making the event cyclic.
    else Object.defineProperty(target, field, { value: structuredClone(value), enumerable: true, configurable: true, writable: true });
  }
  // Through JSON, as events arrive.
  return JSON.parse(JSON.stringify(copy));
}

describe('passesFastPath', () => {
  it('takes the common valid events', () => {
    for (const event of valid) expect(passesFastPath(event)).toBe(true);
    const ratings = (exampleScorecardSubmitted().data.ratings as object[]).slice(0, 1);
    expect(passesFastPath(JSON.parse(JSON.stringify(exampleScorecardSubmitted({ ratings: ratings as any }))))).toBe(true);
  });

  it('leaves to zod other types, an unknown field, a duplicated signal, a rating of other fields, a hire without its level and a version out of range', () => {
    const submitted = exampleScorecardSubmitted();
    const rubric = { eventId: submitted.eventId, schemaVersion: 1, occurredAt: submitted.occurredAt, type: 'RubricPublished', data: {} };
    const duplicated = { ...submitted, data: { ...submitted.data, ratings: [...submitted.data.ratings, submitted.data.ratings[0]] } };
    const withRatings = (ratings: object[]) => ({ ...submitted, data: { ...submitted.data, ratings } });
    for (const event of [
      rubric,
      { ...submitted, data: { ...submitted.data, note: 'x' } },
      { ...exampleScorecardAmended(), data: { scorecardId: 'sc-1', overall: 'hire' } },
      { ...exampleScorecardWithdrawn(), data: { scorecardId: 'sc-1', reason: 'x'.repeat(2001) } },
      duplicated,
      withRatings([{ signal: 'a', rating: 1, note: 'x' }]),
      withRatings([{ signal: 'a' }]),
      withRatings([{ signal: 'a', score: 1 }]),
      exampleDecisionRecorded({ decision: 'hire', finalLevel: undefined }),
      { ...submitted, schemaVersion: 0 },
      { ...submitted, data: { ...submitted.data, ratings: Array.from({ length: 101 }, (_, i) => ({ signal: `s${i}`, rating: 1 })) } },
    ]) {
      expect(passesFastPath(JSON.parse(JSON.stringify(event)))).toBe(false);
    }
  });

  it('says yes only to events that zod accepts unchanged, however they are damaged', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.constantFrom(...valid), fc.array(change, { minLength: 1, maxLength: 3 }), (event, changes) => {
        const candidate = damaged(event, changes);
        if (!passesFastPath(candidate)) return;
        accepted++;
        const schema = eventSchemas[candidate['type'] as 'ScorecardSubmitted' | 'DecisionRecorded'];
        const parsed = schema.safeParse(candidate);
        expect(parsed.success).toBe(true);
        expect(parsed.data).toEqual(candidate);
      }),
      { numRuns: 3_000 },
    );
    // Some damage leaves an event valid (a field set to another valid value): those were compared too.
    expect(accepted).toBeGreaterThan(100);
  });
});
