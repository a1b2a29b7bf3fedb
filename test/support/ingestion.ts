import fs from 'node:fs';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { signToken, type Role } from '@plumbline/auth';
import { loadConfig, type PlumblineConfig } from '@plumbline/config';
import { createIngestionApp } from '../../apps/ingestion/src/ingestion-app';

export const TEST_SECRET = 'integration-test-secret-0123456789abcdef';

export interface RunningIngestion {
  url: string;
  config: PlumblineConfig;
  app: INestApplication;
  token(role: Role, sub?: string): Promise<string>;
  post(body: unknown, role?: Role, init?: RequestInit): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** Starts the ingestion service on a free port against a fresh topic and waits until it is ready. */
export async function startIngestion(brokers: string, env: Record<string, string> = {}): Promise<RunningIngestion> {
  const suffix = Math.random().toString(36).slice(2, 8);
  const dataDir = path.resolve('.data', 'test', `ingestion-${suffix}`);
  const config = loadConfig({
    KAFKA_BROKERS: brokers,
    KAFKA_TOPIC: `plumbline.test.${suffix}`,
    PLUMBLINE_DATA_DIR: dataDir,
    AUTH_JWT_SECRET: TEST_SECRET,
    LOG_LEVEL: 'warn',
    ...env,
  });
  const app = await createIngestionApp(config);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const token = (role: Role, sub = `${role}-user`) => signToken({ sub, role }, TEST_SECRET);
  const post = async (body: unknown, role: Role = 'ingest', init: RequestInit = {}) => {
    const res = await fetch(`${url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(role)}` },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      ...init,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  await waitUntil(async () => (await fetch(`${url}/health`)).status === 200, 60_000);
  return {
    url,
    config,
    app,
    token,
    post,
    close: async () => {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
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
