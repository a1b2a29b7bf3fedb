import fs from 'node:fs';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { signToken, type Role } from '@plumbline/auth';
import { loadConfig, type PlumblineConfig } from '@plumbline/config';

export const TEST_SECRET = 'integration-test-secret-0123456789abcdef';

export interface RunningApp {
  url: string;
  config: PlumblineConfig;
  app: INestApplication;
  token(role: Role, sub?: string): Promise<string>;
  post(body: unknown, role?: Role, init?: RequestInit): Promise<{ status: number; body: any }>;
  get(path: string, role?: Role): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** Test configuration: a fresh topic and data dir, a known secret, quiet logs. */
export function testConfig(brokers: string, env: Record<string, string> = {}): PlumblineConfig {
  const suffix = Math.random().toString(36).slice(2, 8);
  return loadConfig({
    KAFKA_BROKERS: brokers,
    KAFKA_TOPIC: `plumbline.test.${suffix}`,
    PLUMBLINE_DATA_DIR: path.resolve('.data', 'test', `app-${suffix}`),
    AUTH_JWT_SECRET: TEST_SECRET,
    LOG_LEVEL: 'warn',
    ...env,
  });
}

export const tokenFor = (role: Role, sub = `${role}-user`) => signToken({ sub, role }, TEST_SECRET);

/** HTTP helpers against a running Plumbline at `url`. */
export function client(url: string) {
  const post = async (body: unknown, role: Role = 'ingest', init: RequestInit = {}) => {
    const res = await fetch(`${url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(role)}` },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      ...init,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const get = async (route: string, role: Role = 'admin') => {
    const res = await fetch(`${url}${route}`, { headers: { authorization: `Bearer ${await tokenFor(role)}` } });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  return { post, get };
}

/** Starts an app in this process on a free port and waits until /health says it is ready. */
export async function startApp(create: (config: PlumblineConfig) => Promise<INestApplication>, config: PlumblineConfig): Promise<RunningApp> {
  const app = await create(config);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  let health = '';
  await waitUntil(async () => {
    const res = await fetch(`${url}/health`);
    health = await res.text();
    return res.status === 200;
  }, 90_000).catch((error: Error) => {
    throw new Error(`${error.message}: the app never became healthy; last /health: ${health}`);
  });
  return {
    url,
    config,
    app,
    token: tokenFor,
    ...client(url),
    close: async () => {
      await app.close();
      fs.rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}

export async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number, intervalMs = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
