import fs from 'node:fs';
import path from 'node:path';
import { defaultDemoOptions, demoEvents, demoTruth } from '@plumbline/demo';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { ENDPOINTS } from '../../apps/dashboard/src/api/endpoints';
import { createPlatformApp } from '../../apps/platform/src/platform-app';
import { startApp, testConfig, waitUntil, type RunningApp } from '../support/app';

// The real platform (local mode: demo sign-in on), a generated org, and Debian's Chromium.
const brokers = inject('kafkaBrokers');
const options = { ...defaultDemoOptions, candidates: 1_500 };
const truth = demoTruth(options);
const screenshots = path.resolve('test/e2e/screenshots');
let platform: RunningApp;
let browser: Browser;
let page: Page;
let problems: string[] = [];
let allowedStatuses: number[] = [];

beforeAll(async () => {
  platform = await startApp(createPlatformApp, testConfig(brokers, { AUTH_JWT_SECRET: '' }));
  const ingestToken = await fetch(`${platform.url}/v1/auth/demo-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"role":"ingest"}' }).then((r) => r.json() as Promise<{ token: string }>);
  const events = [...demoEvents(options)];
  for (let i = 0; i < events.length; i += 2_500) {
    const res = await fetch(`${platform.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ingestToken.token}` }, body: JSON.stringify({ events: events.slice(i, i + 2_500) }) });
    expect(res.status).toBe(202);
  }
  const admin = await fetch(`${platform.url}/v1/auth/demo-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"role":"admin"}' }).then((r) => r.json() as Promise<{ token: string }>);
  await waitUntil(async () => ((await (await fetch(`${platform.url}/v1/status`, { headers: { authorization: `Bearer ${admin.token}` } })).json()) as any).lag.events === 0, 120_000, 500);
  fs.mkdirSync(screenshots, { recursive: true });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

async function openPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const p = await context.newPage();
  problems = [];
  allowedStatuses = [];
  p.on('console', (message) => {
    if (message.type() === 'error' && !allowedStatuses.some((s) => message.text().includes(String(s)))) problems.push(`console: ${message.text()}`);
  });
  p.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  p.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  p.on('response', (response) => {
    if (response.status() >= 400 && !allowedStatuses.includes(response.status())) problems.push(`HTTP ${response.status()} ${response.url()}`);
  });
  return p;
}

afterEach(async () => {
  await page?.context().close();
  expect(problems).toEqual([]);
});

async function signIn(p: Page, label: RegExp): Promise<void> {
  await p.goto(`${platform.url}/sign-in`);
  await p.getByRole('button', { name: label }).click();
}

const shot = (p: Page, name: string) => p.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });

describe('the dashboard in Chromium', () => {
  it('a hiring lead sees the overview, finds a planted lenient interviewer flagged and opens the evidence', async () => {
    page = await openPage();
    await signIn(page, /hiring lead/i);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.getByRole('region', { name: 'Top issues to act on' }).getByRole('listitem').first().waitFor();
    await shot(page, 'overview');

    await page.getByRole('link', { name: 'Interviewers' }).click();
    const row = page.locator(`tr[data-interviewer="${truth.lenient[0]}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('lenient');
    await shot(page, 'interviewers');

    await row.getByRole('link', { name: truth.lenient[0] }).click();
    await page.getByRole('heading', { name: truth.lenient[0] }).waitFor();
    await page.getByText(/above peers on the same candidates/).first().waitFor();
    expect(await page.getByRole('region', { name: 'Severity' }).textContent()).toMatch(/95% interval/);
    await page.getByRole('table', { name: 'Scorecards' }).locator('tbody tr').first().waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText(/page 2 of/).waitFor();
    await shot(page, 'interviewer-detail');
  });

  it('shows the drifting signal flagged on the drift page, and the levels page', async () => {
    page = await openPage();
    await signIn(page, /hiring lead/i);
    await page.getByRole('link', { name: /Signals/ }).click();
    const deployment = page.locator(`p[data-signal="${truth.driftingSignal.signal}"]`);
    await deployment.waitFor();
    expect(await deployment.textContent()).toMatch(/drift 20\d\d-\d\d/);
    await shot(page, 'signals');
    await page.getByRole('link', { name: 'Calibration packs' }).click();
    await page.locator('table[aria-label^="Ratings of"]').first().waitFor();
    await shot(page, 'calibration-packs');
    await page.getByRole('link', { name: 'Levels' }).click();
    await page.getByRole('region', { name: 'By target level' }).waitFor();
    await shot(page, 'levels');
  });

  it('downloads a CSV report and imports a CSV of scorecards', async () => {
    page = await openPage();
    await signIn(page, /recruiting ops/i);
    await page.getByRole('link', { name: 'Reports' }).click();
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download interviewers.csv' }).click()]);
    const csv = fs.readFileSync((await file.path())!, 'utf8').trim().split('\n');
    expect(csv[0]).toMatch(/^interviewer_id,scorecards,/);
    expect(csv).toHaveLength(options.interviewers + 1);
    await shot(page, 'reports');

    const upload = path.join(screenshots, 'import.csv');
    fs.writeFileSync(upload, ['scorecard_id,candidate_id,interviewer_id,rubric_id,rubric_version,target_level,overall,interviewed_at,modeling,deployment', 'e2e-1,cand-e2e,int-001,ml-system-design,1,senior,hire,2026-06-01T10:00:00Z,3,4', 'e2e-2,cand-e2e,int-002,ml-system-design,1,senior,no_hire,2026-06-01T11:00:00Z,2,2'].join('\n'));
    await page.getByLabel('CSV file').setInputFiles(upload);
    await page.getByText('Imported 2 rows: 2 new, 0 already recorded.').waitFor();

    const bad = path.join(screenshots, 'import-bad.csv');
    fs.writeFileSync(bad, ['scorecard_id,candidate_id,interviewer_id,rubric_id,rubric_version,target_level,overall,interviewed_at,modeling', 'e2e-3,cand-e2e,int-001,ml-system-design,1,senior,perhaps,2026-06-01T10:00:00Z,3'].join('\n'));
    allowedStatuses = [400];
    await page.getByLabel('CSV file').setInputFiles(bad);
    const errors = page.getByRole('table', { name: 'Import errors' });
    await errors.waitFor();
    expect(await errors.textContent()).toMatch(/2\s*overall/);
  });

  it.each([
    [/hiring lead/i, 'hiring_lead'],
    [/recruiting ops/i, 'recruiting_ops'],
    [/admin/i, 'admin'],
  ])('signed in as %s, every org page loads without errors', async (seat, role) => {
    page = await openPage();
    await signIn(page, seat);
    for (const [link, heading] of [
      ['Overview', 'Overview'],
      ['Interviewers', 'Interviewers'],
      ['Signals & drift', 'Signals & drift'],
      ['Levels', 'Levels'],
      ['Calibration packs', 'Calibration packs'],
      ['Reports', 'Reports'],
    ]) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
      await page.waitForLoadState('networkidle');
      await shot(page, `${role}-${heading.toLowerCase().replace(/[^a-z]+/g, '-')}`);
    }
  });

  it('an ingest account signs in to a clear page with no views', async () => {
    page = await openPage();
    await signIn(page, /ingest service/i);
    await page.getByRole('heading', { name: 'Nothing to see here' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').count()).toBe(0);
  });

  it('calls only routes the OpenAPI document describes', async () => {
    page = await openPage();
    const openapi = (await (await fetch(`${platform.url}/docs/openapi.json`)).json()) as { paths: Record<string, unknown> };
    for (const route of ENDPOINTS) expect(Object.keys(openapi.paths), route).toContain(route);
  });

  it('serves the API documentation within the security policy', async () => {
    page = await openPage();
    await page.goto(`${platform.url}/docs`);
    await page.getByText('POST/v1/events').or(page.getByText('/v1/events').first()).first().waitFor();
    await shot(page, 'api-docs');
  });

  it('keeps the filters in the URL', async () => {
    page = await openPage();
    await signIn(page, /hiring lead/i);
    await page.getByRole('link', { name: 'Interviewers' }).click();
    await page.getByLabel('From').fill('2025-03-01');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/from=2025-03-01/);
    await page.locator('tr[data-interviewer]').first().waitFor();
  });

  it('an interviewer sees their own tendencies and cannot reach anyone else’s page or the org pages', async () => {
    page = await openPage();
    await signIn(page, /interviewer/i);
    await page.getByRole('heading', { name: 'My tendencies' }).waitFor();
    await page.getByText(/You rate/).waitFor();
    await shot(page, 'my-tendencies');
    expect(await page.getByRole('link', { name: 'Interviewers' }).count()).toBe(0);

    await page.goto(`${platform.url}/interviewers`);
    await page.getByText(/your role may not see/).waitFor();
    allowedStatuses = [403];
    await page.goto(`${platform.url}/interviewers/${truth.harsh[0]}`);
    await page.getByText('You do not have access to this view.').waitFor();
    await shot(page, 'forbidden');
  });
});

