// Rate limits (issue 7): writes are counted per signed-in principal, demo sign-ins per client
// address; over the limit the answer is 429 with Retry-After, and nothing is written.
import { exampleDecisionRecorded } from '@plumbline/events';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createIngestionApp } from '../../apps/ingestion/src/ingestion-app';
import { createQueryApp } from '../../apps/query/src/query-app';
import { startApp, testConfig, tokenFor, type RunningApp } from '../support/app';
import { topicEndOffsets } from '../support/kafka';

const brokers = inject('kafkaBrokers');
let ingestion: RunningApp;
let query: RunningApp;
let demoToken = '';

beforeAll(async () => {
  ingestion = await startApp(createIngestionApp, testConfig(brokers, { RATE_LIMIT_WRITES_PER_MINUTE: '5' }));
  // No secret configured: local mode, where the demo sign-in is offered.
  const local = testConfig(brokers, { RATE_LIMIT_SIGN_INS_PER_MINUTE: '3' });
  query = await startApp(createQueryApp, { ...local, auth: { jwtSecret: null } });
});
afterAll(async () => {
  await ingestion?.close();
  await query?.close();
});

const postAs = async (sub: string) =>
  fetch(`${ingestion.url}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor('ingest', sub)}` },
    body: JSON.stringify(exampleDecisionRecorded({ candidateId: `rl-${sub}-${Math.random().toString(36).slice(2)}` })),
  });

describe('rate limits', () => {
  it('answers a principal over its write limit with 429 and Retry-After, writes nothing, and leaves others alone', async () => {
    for (let i = 0; i < 5; i++) expect((await postAs('busy-producer')).status).toBe(202);
    const before = await topicEndOffsets(brokers, ingestion.config.kafka.topic);
    const limited = await postAs('busy-producer');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as any).errors[0].message).toMatch(/too many requests/);
    expect(await topicEndOffsets(brokers, ingestion.config.kafka.topic)).toBe(before);
    expect((await postAs('quiet-producer')).status).toBe(202);
  });

  it('limits demo sign-ins per client address', async () => {
    const signIn = () => fetch(`${query.url}/v1/auth/demo-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'hiring_lead' }) });
    for (let i = 0; i < 3; i++) {
      const res = await signIn();
      expect(res.status).toBe(201);
      demoToken = ((await res.json()) as { token: string }).token;
    }
    const limited = await signIn();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeTruthy();
  });

  it('does not limit reads', async () => {
    const statuses = await Promise.all(Array.from({ length: 10 }, () => fetch(`${query.url}/v1/flags`, { headers: { authorization: `Bearer ${demoToken}` } }).then((r) => r.status)));
    expect(new Set(statuses)).toEqual(new Set([200]));
  });
});
