import { parseEvent } from '@plumbline/events';
import { describe, expect, it } from 'vitest';
import { defaultDemoOptions, demoEvents, demoTruth } from './demo-org';

describe('demo org', () => {
  const options = { ...defaultDemoOptions, candidates: 400 };
  const events = [...demoEvents(options)];

  it('produces valid events, the same for the same seed', () => {
    for (const event of events) expect(parseEvent(JSON.parse(JSON.stringify(event))).ok).toBe(true);
    expect([...demoEvents(options)].map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
  });

  it('publishes rubric version 2 once, before the first scorecard that uses it', () => {
    const v2 = events.findIndex((e) => e.type === 'RubricPublished');
    const firstV2 = events.findIndex((e) => e.type === 'ScorecardSubmitted' && e.data.rubricVersion === 2);
    expect(v2).toBeGreaterThanOrEqual(0);
    expect(firstV2).toBeGreaterThan(v2);
  });

  it('has panels of 3–6 and separates planted from calibrated interviewers', () => {
    const panels = new Map<string, number>();
    for (const e of events) if (e.type === 'ScorecardSubmitted') panels.set(e.data.candidateId, (panels.get(e.data.candidateId) ?? 0) + 1);
    expect(Math.min(...panels.values())).toBeGreaterThanOrEqual(3);
    expect(Math.max(...panels.values())).toBeLessThanOrEqual(6);
    const truth = demoTruth(options);
    const planted = [...truth.lenient, ...truth.harsh, ...truth.halo, ...truth.rangeRestricted, ...truth.drifting.map((d) => d.interviewerId)];
    expect(new Set([...planted, ...truth.calibrated]).size).toBe(options.interviewers);
  });
});
