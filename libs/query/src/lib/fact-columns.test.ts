import { describe, expect, it } from 'vitest';
import { decodeFacts, encodeFacts, type ScorecardFacts } from './fact-columns';

describe('fact columns', () => {
  const scorecards: ScorecardFacts[] = [
    ['sc-1', 'cand-1', 'int-1', 'ml', 'senior', 'hire', '', '2026-01-05T10:00:00.000Z', 'hire', 'senior', ['modeling', 'deployment'], [3, 4]],
    ['sc-2', 'cand-1', 'int-2', 'ml', 'senior', 'no_hire', 'mid', '2026-01-06T10:00:00.000Z', 'hire', 'senior', ['modeling'], [2]],
  ];

  it('turns scorecards into one row per rating and back, losing nothing', () => {
    const columns = encodeFacts(scorecards);
    expect(columns.ratingStart).toEqual(Int32Array.from([0, 2, 3]));
    expect(columns.strings.filter((s) => s === 'cand-1')).toHaveLength(1); // stored once
    expect(decodeFacts(columns)).toEqual([
      { scorecardId: 'sc-1', candidateId: 'cand-1', interviewerId: 'int-1', rubricId: 'ml', targetLevel: 'senior', overall: 'hire', recommendedLevel: '', interviewedAt: '2026-01-05T10:00:00.000Z', decision: 'hire', finalLevel: 'senior', signal: 'modeling', rating: 3 },
      { scorecardId: 'sc-1', candidateId: 'cand-1', interviewerId: 'int-1', rubricId: 'ml', targetLevel: 'senior', overall: 'hire', recommendedLevel: '', interviewedAt: '2026-01-05T10:00:00.000Z', decision: 'hire', finalLevel: 'senior', signal: 'deployment', rating: 4 },
      { scorecardId: 'sc-2', candidateId: 'cand-1', interviewerId: 'int-2', rubricId: 'ml', targetLevel: 'senior', overall: 'no_hire', recommendedLevel: 'mid', interviewedAt: '2026-01-06T10:00:00.000Z', decision: 'hire', finalLevel: 'senior', signal: 'modeling', rating: 2 },
    ]);
  });

  it('handles no scorecards', () => {
    expect(decodeFacts(encodeFacts([]))).toEqual([]);
  });
});
