import type { DecisionRecorded, ScorecardAmended, ScorecardSubmitted, ScorecardWithdrawn } from './event-schemas';

/**
 * Small, valid example events against the built-in `ml-system-design` rubric: used by the
 * OpenAPI document and by tests, which override what they need.
 */
const nextId = () => globalThis.crypto.randomUUID();

export function exampleScorecardSubmitted(data: Partial<ScorecardSubmitted['data']> = {}, eventId = nextId()): ScorecardSubmitted {
  return {
    eventId,
    type: 'ScorecardSubmitted',
    schemaVersion: 1,
    occurredAt: '2026-03-02T15:00:00Z',
    data: {
      scorecardId: 'sc-1001',
      candidateId: 'cand-42',
      interviewerId: 'int-7',
      rubricId: 'ml-system-design',
      rubricVersion: 1,
      targetLevel: 'senior',
      jobFamily: 'ml-engineering',
      interviewType: 'system-design',
      ratings: [
        { signal: 'problem_understanding', rating: 3 },
        { signal: 'data_feature_engineering', rating: 2 },
        { signal: 'modeling', rating: 3 },
        { signal: 'deployment', rating: 4 },
        { signal: 'communication_collaboration', rating: 3 },
      ],
      overall: 'hire',
      recommendedLevel: 'senior',
      interviewedAt: '2026-03-02T14:00:00Z',
      ...data,
    },
  };
}

export function exampleScorecardAmended(data: Partial<ScorecardAmended['data']> = {}, eventId = nextId()): ScorecardAmended {
  return {
    eventId,
    type: 'ScorecardAmended',
    schemaVersion: 1,
    occurredAt: '2026-03-03T09:00:00Z',
    data: { scorecardId: 'sc-1001', ratings: [{ signal: 'modeling', rating: 2 }], overall: 'no_hire', reason: 'typo in modeling', ...data },
  };
}

export function exampleScorecardWithdrawn(data: Partial<ScorecardWithdrawn['data']> = {}, eventId = nextId()): ScorecardWithdrawn {
  return { eventId, type: 'ScorecardWithdrawn', schemaVersion: 1, occurredAt: '2026-03-04T09:00:00Z', data: { scorecardId: 'sc-1001', ...data } };
}

export function exampleDecisionRecorded(data: Partial<DecisionRecorded['data']> = {}, eventId = nextId()): DecisionRecorded {
  return {
    eventId,
    type: 'DecisionRecorded',
    schemaVersion: 1,
    occurredAt: '2026-03-10T12:00:00Z',
    data: { candidateId: 'cand-42', decision: 'hire', finalLevel: 'senior', requisitionId: 'req-9', ...data },
  };
}
