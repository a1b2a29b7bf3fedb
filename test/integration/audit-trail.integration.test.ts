// The audit trail (issue 7): report exports, imports and replays are recorded, with who did
// them, as entries on the audit topic — read back here with a plain consumer.
import { execFileSync } from 'node:child_process';
import { auditEntrySchema, exampleScorecardSubmitted } from '@plumbline/events';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPlatformApp } from '../../apps/platform/src/platform-app';
import { startApp, testConfig, tokenFor, waitUntil, type RunningApp } from '../support/app';
import { readTopic } from '../support/kafka';

const brokers = inject('kafkaBrokers');
let platform: RunningApp;

beforeAll(async () => {
  platform = await startApp(createPlatformApp, testConfig(brokers));
  expect((await platform.post(exampleScorecardSubmitted({ scorecardId: 'audit-sc', candidateId: 'audit-cand' }))).status).toBe(202);
});
afterAll(() => platform?.close());

const as = async (role: Parameters<typeof tokenFor>[0], sub: string) => ({ authorization: `Bearer ${await tokenFor(role, sub)}` });

describe('audit trail', () => {
  it('records report exports, imports and replays with the actor, on the audit topic', async () => {
    const exported = await fetch(`${platform.url}/v1/reports/flags.csv?jobFamily=ml-engineering`, { headers: await as('hiring_lead', 'lead-ada') });
    expect(exported.status).toBe(200);
    const csv = ['scorecard_id,candidate_id,interviewer_id,rubric_id,rubric_version,target_level,overall,interviewed_at,modeling', 'audit-imp-1,audit-cand-2,int-9,ml-system-design,1,senior,hire,2026-02-01T10:00:00Z,3'].join('\n');
    const imported = await fetch(`${platform.url}/v1/imports/scorecards`, { method: 'POST', headers: { ...(await as('recruiting_ops', 'ops-bo')), 'content-type': 'text/csv' }, body: csv });
    expect(imported.status).toBe(202);
    const replay = await fetch(`${platform.url}/v1/admin/replay`, { method: 'POST', headers: await as('admin', 'admin-cy') });
    expect(replay.status).toBe(202);
    const { generation } = (await replay.json()) as { generation: number };
    await waitUntil(async () => (await platform.get('/v1/status')).body.generation === generation, 60_000);

    const entries = (await readTopic(brokers, platform.config.kafka.auditTopic, 3)).map((m) => auditEntrySchema.parse(JSON.parse(m.value)));
    expect(entries.map((e) => [e.type, e.actor])).toEqual([
      ['ReportExported', { sub: 'lead-ada', role: 'hiring_lead' }],
      ['ScorecardsImported', { sub: 'ops-bo', role: 'recruiting_ops' }],
      ['ReplayStarted', { sub: 'admin-cy', role: 'admin' }],
    ]);
    expect(entries[0].data).toMatchObject({ report: 'flags.csv', filters: { jobFamily: 'ml-engineering' } });
    expect(entries[1].data).toMatchObject({ rows: 1, accepted: 1, duplicates: 0 });
    expect(entries[2].data).toEqual({ generation });

    // The CLI prints the same trail.
    const printed = execFileSync(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', 'audit'], {
      env: { ...process.env, KAFKA_BROKERS: brokers, KAFKA_TOPIC: platform.config.kafka.topic, LOG_LEVEL: 'error' },
      encoding: 'utf8',
    });
    expect(printed.trim().split('\n').map((line) => JSON.parse(line).eventId)).toEqual(entries.map((e) => e.eventId));
  });

  it('records nothing for refused requests', async () => {
    const before = (await readTopic(brokers, platform.config.kafka.auditTopic, 3)).length;
    expect((await fetch(`${platform.url}/v1/reports/flags.csv`, { headers: await as('interviewer', 'int-9') })).status).toBe(403);
    expect((await fetch(`${platform.url}/v1/reports/nope.csv`, { headers: await as('hiring_lead', 'lead-ada') })).status).toBe(404);
    expect((await fetch(`${platform.url}/v1/imports/scorecards`, { method: 'POST', headers: { ...(await as('recruiting_ops', 'ops-bo')), 'content-type': 'text/csv' }, body: 'nonsense' })).status).toBe(400);
    expect((await readTopic(brokers, platform.config.kafka.auditTopic, before)).length).toBe(before);
  });
});
