import { describe, expect, it } from 'vitest';
import { exampleDecisionRecorded, exampleScorecardSubmitted } from './examples';
import { ParsedEvents } from './parsed-events';

describe('ParsedEvents', () => {
  const event = exampleScorecardSubmitted();
  const text = JSON.stringify(event);

  it('gives a remembered event back once, for exactly the text it was serialized as', () => {
    const parsed = new ParsedEvents();
    parsed.remember(event, text);
    expect(parsed.take(event.eventId, ` ${text}`)).toBeUndefined();
    expect(parsed.take(event.eventId, text.replace('"hire"', '"no_hire"'))).toBeUndefined();
    expect(parsed.take(exampleDecisionRecorded().eventId, text)).toBeUndefined();
    expect(parsed.take(event.eventId, text)).toBe(event);
    expect(parsed.take(event.eventId, text)).toBeUndefined();
    expect(parsed.size).toBe(0);
  });

  it('forgets events that waited longer than it keeps them', () => {
    let now = 0;
    const parsed = new ParsedEvents(10, 1_000, () => now);
    parsed.remember(event, text);
    now = 1_001;
    const later = exampleDecisionRecorded();
    parsed.remember(later, JSON.stringify(later));
    expect(parsed.take(event.eventId, text)).toBeUndefined();
    expect(parsed.take(later.eventId, JSON.stringify(later))).toBe(later);
  });

  it('when full, keeps the oldest and does not remember more', () => {
    const parsed = new ParsedEvents(2);
    const events = [exampleScorecardSubmitted(), exampleScorecardSubmitted(), exampleScorecardSubmitted()];
    for (const e of events) parsed.remember(e, JSON.stringify(e));
    expect(parsed.size).toBe(2);
    expect(parsed.take(events[0].eventId, JSON.stringify(events[0]))).toBe(events[0]);
    expect(parsed.take(events[2].eventId, JSON.stringify(events[2]))).toBeUndefined();
  });
});
