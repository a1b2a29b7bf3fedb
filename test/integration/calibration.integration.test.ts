import { defaultDemoOptions, demoEvents, demoTruth } from '@plumbline/demo';
import type { Role } from '@plumbline/auth';
import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPlatformApp } from '../../apps/platform/src/platform-app';
import { startApp, TEST_SECRET, testConfig, tokenFor, waitUntil, type RunningApp } from '../support/app';

const brokers = inject('kafkaBrokers');
const options = { ...defaultDemoOptions, candidates: 2_000 };
const truth = demoTruth(options);
let platform: RunningApp;

beforeAll(async () => {
  platform = await startApp(createPlatformApp, testConfig(brokers));
  const events = [...demoEvents(options)];
  for (let i = 0; i < events.length; i += 2_500) expect((await platform.post({ events: events.slice(i, i + 2_500) })).status).toBe(202);
  await waitUntil(async () => (await platform.get('/v1/status')).body.lag.events === 0, 120_000, 500);
}, 240_000);
afterAll(() => platform?.close());

describe('a generated org through the real pipeline (HTTP → Kafka → ClickHouse → API)', () => {
  it('flags every planted effect, with precision and recall ≥ 0.9', async () => {
    const { body } = await platform.get('/v1/flags', 'hiring_lead');
    expect(body.asOf).toEqual(expect.any(String));
    const flagged = (type: string) => new Set<string>(body.flags.filter((f: any) => f.type === type).map((f: any) => f.subject));
    const planted: [string, string[]][] = [
      ['lenient', truth.lenient],
      ['harsh', truth.harsh],
      ['halo', truth.halo],
      ['range_restriction', truth.rangeRestricted],
      ['interviewer_drift', truth.drifting.map((d) => d.interviewerId)],
      ['signal_drift', [truth.driftingSignal.signal]],
      ['signal_validity_drift', [truth.validityLossSignal.signal]],
    ];
    let truePositives = 0;
    let flags = 0;
    let plantedCount = 0;
    for (const [type, subjects] of planted) {
      const found = flagged(type);
      truePositives += subjects.filter((s) => found.has(s)).length;
      flags += found.size;
      plantedCount += subjects.length;
    }
    expect(truePositives / flags).toBeGreaterThanOrEqual(0.9);
    expect(truePositives / plantedCount).toBeGreaterThanOrEqual(0.9);
  });

  it('flags well-calibrated interviewers as lenient or harsh no more often than the FDR allows', async () => {
    const { body } = await platform.get('/v1/flags', 'hiring_lead');
    const severityFlags = body.flags.filter((f: any) => f.type === 'lenient' || f.type === 'harsh');
    const falsePositives = severityFlags.filter((f: any) => truth.calibrated.includes(f.subject)).length;
    expect(falsePositives).toBeLessThanOrEqual(Math.ceil(0.05 * severityFlags.length));
    for (const f of severityFlags) expect(f.qValue).toBeLessThanOrEqual(0.05);
  });

  it('lists interviewers with severity, interval, agreement and flags (SPEC §6)', async () => {
    const { body } = await platform.get('/v1/interviewers', 'recruiting_ops');
    expect(body.interviewers).toHaveLength(options.interviewers);
    const lenient = body.interviewers.find((i: any) => i.interviewerId === truth.lenient[0]);
    expect(lenient.scorecards).toBeGreaterThanOrEqual(30);
    expect(lenient.severity.estimate).toBeGreaterThan(0.25);
    expect(lenient.severity.ciLow).toBeGreaterThan(0);
    expect(lenient.decisionAgreement).toEqual({ rate: expect.any(Number), kappa: expect.any(Number), auc: expect.any(Number), n: expect.any(Number) });
    expect(lenient.flags).toContainEqual(expect.objectContaining({ type: 'lenient', severity: expect.stringMatching(/warn|alert/), qValue: expect.any(Number), message: expect.stringContaining('above peers') }));
  });

  it('opens one interviewer with the evidence: distribution, halo, range, drift with onset, levels', async () => {
    const id = truth.drifting[0].interviewerId;
    const { body } = await platform.get(`/v1/interviewers/${id}`, 'hiring_lead');
    expect(body.drift.alarm).toEqual(expect.objectContaining({ direction: 'up', onset: expect.any(String) }));
    expect(Math.abs(Date.parse(body.drift.alarm.onset) - Date.parse(truth.drifting[0].onset))).toBeLessThan(120 * 86_400_000);
    expect(body.distribution).toHaveLength(5);
    expect(body.halo).toEqual(expect.objectContaining({ share: expect.any(Number) }));
    expect(body.rangeRestriction).toEqual(expect.objectContaining({ varianceRatio: expect.any(Number) }));
    expect(body.levels.n).toBeGreaterThan(0);
  });

  it('shows the drifting signal flagged in its drift series, and signal validity', async () => {
    const { body } = await platform.get('/v1/signals', 'hiring_lead');
    const deployment = body.signals.find((s: any) => s.signal === truth.driftingSignal.signal);
    expect(deployment.drift.some((d: any) => ['warn', 'alert'].includes(d.status) && d.period >= truth.driftingSignal.from.slice(0, 7))).toBe(true);
    expect(deployment.drift.filter((d: any) => d.period < truth.driftingSignal.from.slice(0, 7)).every((d: any) => d.status === 'stable' || d.status === 'insufficient_baseline')).toBe(true);
    expect(deployment.validity).toEqual({ pointBiserial: expect.any(Number), auc: expect.any(Number), spearmanLevel: expect.any(Number), n: expect.any(Number) });
    expect(deployment.reliability.icc1).toBeGreaterThan(0);
  });

  it('applies filters, and refuses unknown ones by name', async () => {
    const all = (await platform.get('/v1/interviewers', 'hiring_lead')).body.interviewers;
    const firstMonth = (await platform.get('/v1/interviewers?from=2025-01-01&to=2025-01-31&jobFamily=ml-engineering', 'hiring_lead')).body.interviewers;
    const total = (list: any[]) => list.reduce((sum, i) => sum + i.scorecards, 0);
    expect(total(firstMonth)).toBeGreaterThan(0);
    expect(total(firstMonth)).toBeLessThan(total(all) / 10);
    const bad = await platform.get('/v1/interviewers?form=2025-01-01', 'hiring_lead');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('form');
  });

  it('gives levels and CSV reports with stable columns', async () => {
    const levels = (await platform.get('/v1/levels', 'hiring_lead')).body.levels;
    expect(levels.map((l: any) => l.targetLevel)).toEqual(expect.arrayContaining(['junior', 'senior']));
    const csv = async (name: string) => (await fetch(`${platform.url}/v1/reports/${name}.csv`, { headers: { authorization: `Bearer ${await tokenFor('recruiting_ops')}` } })).text();
    const interviewers = (await csv('interviewers')).trim().split('\n');
    expect(interviewers[0]).toBe('interviewer_id,scorecards,ratings,small_sample,severity,severity_se,severity_ci_low,severity_ci_high,decision_agreement,decision_kappa,decision_auc,decided_scorecards,panel_agreement,halo_share,variance_ratio,drift_onset,flags');
    expect(interviewers).toHaveLength(options.interviewers + 1);
    const scorecards = (await csv('scorecards')).trim().split('\n');
    expect(scorecards[0]).toContain('scorecard_id');
    const listed = (await platform.get('/v1/interviewers', 'hiring_lead')).body.interviewers.reduce((sum: number, i: any) => sum + i.scorecards, 0);
    expect(scorecards).toHaveLength(listed + 1);
    expect((await csv('signals')).split('\n')[0]).toContain('point_biserial');
    expect((await csv('flags')).split('\n')[0]).toBe('type,severity,subject,period,effect,ci_low,ci_high,n,p_value,q_value,message');
  });

  it('puts the widest panel disagreements on the calibration agenda, ratings side by side', async () => {
    const { body } = await platform.get('/v1/calibration-packs', 'hiring_lead');
    expect(body.candidates.length).toBeGreaterThan(5);
    const spreads = body.candidates.map((c: any) => c.disagreement);
    expect(spreads).toEqual([...spreads].sort((a, b) => b - a));
    for (const c of body.candidates) expect(c.panelists.length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(body.candidates[0].panelists[0].ratings).length).toBeGreaterThan(0);
    // Scorecard ids are looked up for the packs shown (the report's facts leave them out).
    for (const c of body.candidates) for (const p of c.panelists) expect(p.scorecardId).toMatch(/\S/);
  });

  it('pages an interviewer’s scorecards, newest first', async () => {
    const id = truth.harsh[1];
    const first = (await platform.get(`/v1/interviewers/${id}/scorecards`, 'hiring_lead')).body;
    expect(first).toMatchObject({ asOf: expect.any(String), page: 1, pageSize: 20, total: expect.any(Number) });
    expect(first.scorecards).toHaveLength(20);
    const second = (await platform.get(`/v1/interviewers/${id}/scorecards?page=2`, 'hiring_lead')).body;
    expect(second.scorecards[0].interviewedAt <= first.scorecards[19].interviewedAt).toBe(true);
    expect(Object.keys(first.scorecards[0].ratings)).toHaveLength(5);
    const listed = (await platform.get('/v1/interviewers', 'hiring_lead')).body.interviewers.find((i: any) => i.interviewerId === id);
    expect(first.total).toBe(listed.scorecards);
    expect((await platform.get(`/v1/interviewers/${id}/scorecards?page=0`, 'hiring_lead')).status).toBe(400);
  });

  it('shows an interviewer their own figures against the org, and nobody else’s', async () => {
    const me = truth.harsh[0];
    const own = await fetch(`${platform.url}/v1/me`, { headers: { authorization: `Bearer ${await tokenFor('interviewer', me)}` } });
    const body = (await own.json()) as any;
    expect(body.interviewerId).toBe(me);
    expect(body.baseline).toEqual({ interviewers: options.interviewers - 1, withheld: false });
    expect(body.severity.estimate).toBeLessThan(0);
    expect(JSON.stringify(body)).not.toContain(truth.lenient[0]);
    const ownDetail = await fetch(`${platform.url}/v1/interviewers/${me}`, { headers: { authorization: `Bearer ${await tokenFor('interviewer', me)}` } });
    expect(ownDetail.status).toBe(200);
    const ownScorecards = await fetch(`${platform.url}/v1/interviewers/${me}/scorecards`, { headers: { authorization: `Bearer ${await tokenFor('interviewer', me)}` } });
    expect(ownScorecards.status).toBe(200);
  });
});

describe('access: every route × role × bad token', () => {
  const other = truth.lenient[0];
  const routes: [string, string, Role[]][] = [
    ['GET', '/v1/interviewers', ['admin', 'hiring_lead', 'recruiting_ops']],
    ['GET', `/v1/interviewers/${other}`, ['admin', 'hiring_lead', 'recruiting_ops']],
    ['GET', '/v1/me', ['admin', 'hiring_lead', 'recruiting_ops', 'interviewer']],
    ['GET', `/v1/interviewers/${other}/scorecards`, ['admin', 'hiring_lead', 'recruiting_ops']],
    ['GET', '/v1/calibration-packs', ['admin', 'hiring_lead', 'recruiting_ops']],
    ['GET', '/v1/signals', ['admin', 'hiring_lead', 'recruiting_ops']],
    ['GET', '/v1/flags', ['admin', 'hiring_lead', 'recruiting_ops']],
    ['GET', '/v1/levels', ['admin', 'hiring_lead', 'recruiting_ops']],
    ['GET', '/v1/status', ['admin', 'hiring_lead', 'recruiting_ops']],
    ['GET', '/v1/reports/interviewers.csv', ['admin', 'hiring_lead', 'recruiting_ops']],
    ['GET', '/v1/reports/scorecards.csv', ['admin', 'hiring_lead', 'recruiting_ops']],
    ['GET', '/v1/reports/signals.csv', ['admin', 'hiring_lead', 'recruiting_ops']],
    ['GET', '/v1/reports/flags.csv', ['admin', 'hiring_lead', 'recruiting_ops']],
    ['POST', '/v1/events', ['admin', 'ingest']],
    ['POST', '/v1/imports/scorecards', ['admin', 'ingest', 'recruiting_ops']],
    // admin allowed, but not exercised here (it would start a replay): projection and audit tests do
    ['POST', '/v1/admin/replay', []],
  ];
  const roles: Role[] = ['ingest', 'admin', 'hiring_lead', 'recruiting_ops', 'interviewer'];
  const key = new TextEncoder().encode(TEST_SECRET);
  const badTokens: [string, () => Promise<string | null>][] = [
    ['none', async () => null],
    ['malformed', async () => 'not-a-jwt'],
    ['expired', async () => new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime(Math.floor(Date.now() / 1000) - 10).sign(key)],
    ['not yet valid', async () => new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setNotBefore('1h').setExpirationTime('2h').sign(key)],
    ['wrong secret', async () => new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime('1h').sign(new TextEncoder().encode('another-secret-another-secret-1234'))],
    ['alg none', async () => new UnsecuredJWT({ role: 'admin' }).setSubject('x').setExpirationTime('1h').encode()],
    [
      'tampered role',
      async () => {
        const [header, payload, signature] = (await tokenFor('interviewer', 'int-x')).split('.');
        const claims = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'admin' };
        return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
      },
    ],
  ];
  const call = async (method: string, route: string, token: string | null) =>
    (await fetch(`${platform.url}${route}`, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: method === 'POST' ? '{}' : undefined })).status;

  it.each(routes)('%s %s: 403 for roles without access, never 401/403 for those with it', async (method, route, allowed) => {
    for (const role of roles) {
      const status = await call(method, route, await tokenFor(role, role === 'interviewer' ? truth.harsh[0] : `${role}-user`));
      if (allowed.includes(role)) expect([200, 202, 400], `${role} on ${route}`).toContain(status);
      else if (!(route === '/v1/admin/replay' && role === 'admin')) expect(status, `${role} on ${route}`).toBe(403);
    }
  });

  it.each(routes)('%s %s: 401 for every kind of bad token', async (method, route) => {
    for (const [, make] of badTokens) expect(await call(method, route, await make())).toBe(401);
  });
});

describe('demo sign-in', () => {
  it('is not offered when a secret is configured', async () => {
    const res = await fetch(`${platform.url}/v1/auth/demo-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'admin' }) });
    expect(res.status).toBe(404);
  });
});
