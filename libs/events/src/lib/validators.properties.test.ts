// Property-based tests (fast-check) of the event validators: any JSON at all gets an answer (never
// a throw), valid events always pass, and breaking one field is always refused naming that field.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleDecisionRecorded, exampleScorecardAmended, exampleScorecardSubmitted, exampleScorecardWithdrawn } from './examples';
import { parseEvent } from './parse-event';

const examples = [exampleScorecardSubmitted(), exampleScorecardAmended(), exampleScorecardWithdrawn(), exampleDecisionRecorded()];

describe('parseEvent properties', () => {
  it('answers any JSON value with an event or field issues, and never throws or pollutes a prototype', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const result = parseEvent(JSON.parse(JSON.stringify(value)));
        if (!result.ok) for (const issue of result.issues) expect(typeof issue.path === 'string' && issue.message.length > 0).toBe(true);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.constantFrom(...examples), fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.jsonValue({ maxDepth: 2 }), (example, key, value) => {
        const text = JSON.stringify(example).replace('"data":{', () => `"data":{${JSON.stringify(key)}:${JSON.stringify(value)},`);
        const result = parseEvent(JSON.parse(text));
        expect(result.ok).toBe(false);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
    );
  });

  it('accepts every valid example whatever the order of its keys', () => {
    fc.assert(
      fc.property(fc.constantFrom(...examples), fc.array(fc.double({ noNaN: true }), { minLength: 8, maxLength: 8 }), (example, keys) => {
        const reordered = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).sort((a, b) => keys[a[0].length % 8] - keys[b[0].length % 8]));
        expect(parseEvent({ ...reordered(example as any), data: reordered(example.data as any) }).ok).toBe(true);
      }),
    );
  });

  it('refuses an event with one data field replaced by a value of another type, naming that field', () => {
    const wrong = fc.oneof(fc.constant(null), fc.boolean(), fc.double(), fc.constant([]), fc.constant({}), fc.string({ maxLength: 3 }).map((s) => `${s}\u0000`));
    fc.assert(
      fc.property(fc.constantFrom(...examples), fc.nat(), wrong, (example, pick, value) => {
        const fields = Object.keys(example.data);
        const field = fields[pick % fields.length];
        const current = (example.data as Record<string, unknown>)[field];
        if (typeof value === typeof current && !(value === null || Array.isArray(value) || typeof value === 'object' || typeof value === 'string')) return;
        const result = parseEvent({ ...example, data: { ...example.data, [field]: value } });
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.issues.some((i) => i.path.startsWith(`data.${field}`) || i.path === 'data')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
