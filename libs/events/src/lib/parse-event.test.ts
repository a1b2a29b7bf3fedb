import { describe, expect, it } from 'vitest';
import { exampleScorecardSubmitted } from './examples';
import { createEventParser, currentSchemaVersions } from './parse-event';

describe('createEventParser upcasting', () => {
  // A hypothetical v2 of ScorecardSubmitted that renamed `interviewedAt` to `heldAt` and back:
  // here v1 events are upcast by renaming a field the v1 producer called differently.
  const parse = createEventParser({
    versions: { ...currentSchemaVersions, ScorecardSubmitted: 2 },
    upcasters: [
      {
        type: 'ScorecardSubmitted',
        fromVersion: 1,
        upcast: ({ heldAt, ...rest }) => ({ ...rest, interviewedAt: heldAt }),
      },
    ],
  });

  it('runs older versions through the upcaster chain and stamps the current version', () => {
    const v1 = exampleScorecardSubmitted() as any;
    v1.data.heldAt = v1.data.interviewedAt;
    delete v1.data.interviewedAt;
    const result = parse(v1);
    expect(result.ok && result.event.schemaVersion).toBe(2);
    expect(result.ok && result.event.type === 'ScorecardSubmitted' && result.event.data.interviewedAt).toBe('2026-03-02T14:00:00Z');
  });

  it('refuses a version with no upcaster path', () => {
    const parseWithGap = createEventParser({ versions: { ...currentSchemaVersions, DecisionRecorded: 3 } });
    const result = parseWithGap({ ...exampleScorecardSubmitted(), type: 'DecisionRecorded' });
    expect(result).toEqual({ ok: false, issues: [{ path: 'schemaVersion', message: 'no upcaster from DecisionRecorded schemaVersion 1' }] });
  });
});
