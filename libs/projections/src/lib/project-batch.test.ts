import { exampleDecisionRecorded, exampleScorecardAmended, exampleScorecardSubmitted, exampleScorecardWithdrawn, mlSystemDesignRubric, ParsedEvents, parseEvent, rubricPublishedEvent } from '@plumbline/events';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeMessage, eventIdsOf, knownAfter, messageDecoder, nothingKnown, projectBatch, rubricCheck, rubricKey, rubricShape, rubricsToLookUp, scorecardsToLookUp, type KnownState, type LogMessage } from './project-batch';

const at = (offset: number, value: unknown, partition = 0): LogMessage => ({
  partition,
  offset,
  timestamp: Date.UTC(2026, 2, 1) + offset,
  value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
});
const knowingRubric = (): KnownState => ({ ...nothingKnown(), rubrics: new Map([[rubricKey('ml-system-design', 1), rubricShape({ signal_keys: mlSystemDesignRubric.signals.map((s) => s.key), scale_values: [1, 2, 3, 4] })]]) });

describe('projectBatch', () => {
  it('applies submissions, amendments, withdrawals and decisions in log order, versioned by offset', () => {
    const submitted = exampleScorecardSubmitted({ scorecardId: 'sc-1' });
    const other = exampleScorecardSubmitted({ scorecardId: 'sc-2' });
    const amended = exampleScorecardAmended({ scorecardId: 'sc-1', ratings: [{ signal: 'modeling', rating: 1 }], overall: 'no_hire' });
    const withdrawn = exampleScorecardWithdrawn({ scorecardId: 'sc-2' });
    const decision = exampleDecisionRecorded({ candidateId: 'cand-42' });
    const writes = projectBatch([submitted, other, amended, withdrawn, decision].map((e, i) => decodeMessage(at(10 + i, e))), nothingKnown());

    expect(writes.scorecards.map((s) => [s.scorecard_id, s.version, s.deleted, s.ratings, s.amendments])).toEqual([
      ['sc-1', 10, 0, [3, 2, 3, 4, 3], 0],
      ['sc-2', 11, 0, [3, 2, 3, 4, 3], 0],
      ['sc-1', 12, 0, [1], 1],
      ['sc-2', 13, 1, [3, 2, 3, 4, 3], 0],
    ]);
    expect(writes.scorecards[2]).toMatchObject({ interviewer_id: 'int-7', overall: 'no_hire', signals: ['modeling'] });
    expect(writes.decisions).toEqual([expect.objectContaining({ candidate_id: 'cand-42', decision: 'hire', final_level: 'senior', version: 14 })]);
    expect(writes.events.map((e) => e.offset)).toEqual([10, 11, 12, 13, 14]);
  });

  it('skips an eventId seen earlier in the batch or stored at another position, but re-applies a redelivery', () => {
    const decision = exampleDecisionRecorded();
    const stored = exampleDecisionRecorded({ candidateId: 'cand-9' });
    const redelivered = exampleDecisionRecorded({ candidateId: 'cand-10' });
    const known: KnownState = {
      ...nothingKnown(),
      firstSeen: new Map([
        [stored.eventId, { partition: 0, offset: 3 }],
        [redelivered.eventId, { partition: 0, offset: 22 }],
      ]),
    };
    const writes = projectBatch([at(20, decision), at(21, decision), at(22, redelivered), at(23, stored)].map(decodeMessage), known);
    expect(writes.duplicates).toBe(2);
    expect(writes.decisions.map((d) => d.candidate_id)).toEqual(['cand-42', 'cand-10']);
  });

  it('amends a scorecard stored by an earlier batch, keeping its context', () => {
    const base = projectBatch([decodeMessage(at(5, exampleScorecardSubmitted({ scorecardId: 'sc-7', interviewerId: 'int-3' })))], nothingKnown()).scorecards[0];
    const writes = projectBatch([decodeMessage(at(30, exampleScorecardAmended({ scorecardId: 'sc-7' })))], { ...nothingKnown(), scorecards: new Map([['sc-7', base]]) });
    expect(writes.scorecards).toEqual([expect.objectContaining({ scorecard_id: 'sc-7', interviewer_id: 'int-3', version: 30, amendments: 1 })]);
  });

  it('dead-letters garbage, schema failures and changes to unknown or withdrawn scorecards, with the reason', () => {
    const withdrawnRow = { ...projectBatch([decodeMessage(at(1, exampleScorecardSubmitted({ scorecardId: 'sc-w' })))], nothingKnown()).scorecards[0], deleted: 1 as const, version: 2 };
    const writes = projectBatch(
      [at(40, 'not json {'), at(41, { ...exampleDecisionRecorded(), type: 'Nope' }), at(42, exampleScorecardAmended({ scorecardId: 'sc-404' })), at(43, exampleScorecardAmended({ scorecardId: 'sc-w' }))].map(decodeMessage),
      { ...nothingKnown(), scorecards: new Map([['sc-w', withdrawnRow]]) },
    );
    expect(writes.deadLetters.map((d) => [d.offset, d.reason])).toEqual([
      [40, 'not_json'],
      [41, 'invalid_event'],
      [42, 'unknown_scorecard'],
      [43, 'scorecard_withdrawn'],
    ]);
    expect(writes.deadLetters[1].error).toContain('type');
    expect(writes.events).toEqual([]);
  });

  it('keeps a scorecard whose rubric has not arrived as pending, and projects rubrics', () => {
    const scorecard = exampleScorecardSubmitted({ scorecardId: 'sc-early', rubricId: 'not-yet' });
    const writes = projectBatch([at(1, scorecard), at(2, rubricPublishedEvent(mlSystemDesignRubric))].map(decodeMessage), nothingKnown());
    expect(writes.scorecards.map((s) => [s.rubric_id, s.rubric_check])).toEqual([['not-yet', 'pending']]);
    expect(writes.rubrics[0]).toMatchObject({ rubric_id: 'ml-system-design', scale_values: [1, 2, 3, 4], level_ranks: [1, 2, 3, 4, 5] });
  });

  it('checks every scorecard and amendment against its rubric, stored or published anywhere in the batch', () => {
    const offScale = exampleScorecardSubmitted({ scorecardId: 'sc-bad', ratings: [{ signal: 'modeling', rating: 3 }, { signal: 'deployment', rating: 7 }] });
    const offRubric = exampleScorecardSubmitted({ scorecardId: 'sc-odd', ratings: [{ signal: 'charisma', rating: 3 }] });
    const fixed = exampleScorecardAmended({ scorecardId: 'sc-bad', ratings: [{ signal: 'modeling', rating: 3 }] });
    const stored = projectBatch([exampleScorecardSubmitted({ scorecardId: 'sc-1' }), offScale, offRubric, fixed].map((e, i) => decodeMessage(at(i, e))), knowingRubric());
    expect(stored.scorecards.map((s) => [s.scorecard_id, s.rubric_check])).toEqual([
      ['sc-1', 'valid'],
      ['sc-bad', 'invalid'],
      ['sc-odd', 'invalid'],
      ['sc-bad', 'valid'],
    ]);
    const inBatch = projectBatch([rubricPublishedEvent(mlSystemDesignRubric), exampleScorecardSubmitted()].map((e, i) => decodeMessage(at(i, e))), nothingKnown());
    expect(inBatch.scorecards.map((s) => s.rubric_check)).toEqual(['valid']);
    // A gathered batch holds partitions one after another: the rubric's may come after the scorecard's.
    const laterPartition = projectBatch([at(7, exampleScorecardSubmitted(), 0), at(0, rubricPublishedEvent(mlSystemDesignRubric), 3)].map(decodeMessage), nothingKnown());
    expect(laterPartition.scorecards.map((s) => s.rubric_check)).toEqual(['valid']);
  });

  it('decides a rubric check: pending without the rubric, invalid when any rating is off it', () => {
    const rubric = rubricShape({ signal_keys: ['a', 'b'], scale_values: [1, 2, 3] });
    expect(rubricCheck(undefined, ['a'], [1])).toBe('pending');
    expect(rubricCheck(rubric, ['a', 'b'], [1, 3])).toBe('valid');
    expect(rubricCheck(rubric, ['a', 'b'], [1, 4])).toBe('invalid');
    expect(rubricCheck(rubric, ['a', 'c'], [1, 2])).toBe('invalid');
  });

  it('asks for the eventIds and rubric versions the batch depends on', () => {
    const decoded = [exampleScorecardSubmitted({ scorecardId: 'a' }), exampleScorecardAmended({ scorecardId: 'b' }), exampleScorecardWithdrawn({ scorecardId: 'b' })].map((e, i) => decodeMessage(at(i, e)));
    expect(eventIdsOf([...decoded, decoded[0]])).toEqual(decoded.map((d) => ('event' in d ? d.event.eventId : '')));
    expect(rubricsToLookUp(decoded)).toEqual(['ml-system-design@1']);
    // A rubric the batch publishes itself, before or after its scorecards, needs no lookup.
    expect(rubricsToLookUp([...decoded, decodeMessage(at(3, rubricPublishedEvent(mlSystemDesignRubric)))])).toEqual([]);
  });

  it('projects a batch in two parts, the second from what the first leaves known, exactly as in one', () => {
    // A rubric, a panel, changes to it (also across the split), a copy of an earlier event, decisions.
    const submitted = ['a', 'b', 'c'].map((id) => exampleScorecardSubmitted({ scorecardId: `sc-${id}`, interviewerId: `int-${id}` }));
    const events = [
      rubricPublishedEvent(mlSystemDesignRubric),
      ...submitted,
      exampleScorecardAmended({ scorecardId: 'sc-a', ratings: [{ signal: 'modeling', rating: 1 }] }),
      exampleDecisionRecorded({ candidateId: 'cand-42' }),
      submitted[1],
      exampleScorecardWithdrawn({ scorecardId: 'sc-b' }),
      exampleScorecardAmended({ scorecardId: 'sc-a', ratings: [{ signal: 'modeling', rating: 4 }] }),
      exampleScorecardAmended({ scorecardId: 'sc-b' }), // after its withdrawal: a dead letter
      exampleDecisionRecorded({ candidateId: 'cand-42', decision: 'no_hire' }),
    ];
    const decoded = events.map((e, i) => decodeMessage(at(i, e)));
    const whole = projectBatch(decoded, nothingKnown());
    expect(whole.duplicates).toBe(1);
    expect(whole.deadLetters).toHaveLength(1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: decoded.length }), (split) => {
        const first = projectBatch(decoded.slice(0, split), nothingKnown());
        const second = projectBatch(decoded.slice(split), knownAfter(nothingKnown(), first));
        for (const rows of ['events', 'scorecards', 'decisions', 'rubrics', 'deadLetters'] as const) expect([...first[rows], ...second[rows]]).toEqual(whole[rows]);
        expect(first.duplicates + second.duplicates).toBe(whole.duplicates);
      }),
    );
  });

  it('asks for the stored row of a scorecard only when the batch changes it before submitting it itself', () => {
    const duplicate = exampleScorecardSubmitted({ scorecardId: 'dup' });
    const events = [
      exampleScorecardSubmitted({ scorecardId: 'here' }),
      exampleScorecardAmended({ scorecardId: 'here' }), // submitted just before: not needed
      exampleScorecardWithdrawn({ scorecardId: 'stored' }), // submitted in an earlier batch
      exampleScorecardAmended({ scorecardId: 'later' }), // changed before this batch submits it again
      exampleScorecardSubmitted({ scorecardId: 'later' }),
      duplicate, // first projected elsewhere, so skipped: the stored row is the base
      exampleScorecardAmended({ scorecardId: 'dup' }),
    ];
    const decoded = events.map((e, i) => decodeMessage(at(i, e)));
    const firstSeen = new Map([[duplicate.eventId, { partition: 0, offset: 99 }]]);
    expect(scorecardsToLookUp(decoded, firstSeen).sort()).toEqual(['dup', 'later', 'stored']);
  });

  it('takes an event this process serialized back for the same text, equal to what parsing gives', () => {
    const events = [rubricPublishedEvent(mlSystemDesignRubric), exampleScorecardSubmitted(), exampleScorecardAmended(), exampleScorecardWithdrawn(), exampleDecisionRecorded()];
    const parsed = new ParsedEvents();
    // As ingestion does: the parsed (schema-checked) event, and the text it writes to the log.
    const accepted = events.map((e) => (parseEvent(e) as { event: (typeof events)[number] }).event);
    for (const event of accepted) parsed.remember(event, JSON.stringify(event));
    accepted.forEach((event, i) => {
      const message = { ...at(i, event), eventId: event.eventId };
      const taken = messageDecoder(parsed)(message);
      expect(taken).toEqual(decodeMessage(message));
      expect('event' in taken && taken.event).toBe(accepted[i]);
    });
    expect(parsed.size).toBe(0);
  });
});
