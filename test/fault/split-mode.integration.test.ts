// Fault tests of the projector running on its own (split mode, embedded chDB): killed with SIGKILL
// repeatedly while ingestion goes on, and started against a ClickHouse that is not there.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { clickHouseTarget, createClickHouse } from '@plumbline/clickhouse';
import { liveGeneration, ProjectionStore } from '@plumbline/projections';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createIngestionApp } from '../../apps/ingestion/src/ingestion-app';
import { startApp, TEST_SECRET, testConfig, waitUntil, type RunningApp } from '../support/app';
import { freePort } from '../support/free-port';
import { mixedLog, projectedFigures, random, referenceFigures } from '../support/mixed-log';
import { PlatformProcess } from '../support/platform-process';

const brokers = inject('kafkaBrokers');
const dataDir = path.resolve('.data', 'test', `split-${process.pid}`);
let ingestion: RunningApp;
let projector: PlatformProcess | null = null;

afterAll(async () => {
  await projector?.stop();
  await ingestion?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Total projector lag from its /metrics (the projector app serves nothing else). */
async function projectorLag(url: string): Promise<number | null> {
  const text = await fetch(`${url}/metrics`).then((r) => r.text()).catch(() => '');
  const values = [...text.matchAll(/^plumbline_projector_lag_events\{partition="\d+"\} (\d+)$/gm)].map((m) => Number(m[1]));
  return values.length === 6 ? values.reduce((a, b) => a + b, 0) : null;
}

/** The projector's figures, read from its data dir while it is stopped. */
async function figuresIn(dir: string) {
  const clickhouse = createClickHouse(clickHouseTarget({ dataDir: dir, clickhouse: { url: null } }));
  try {
    return await projectedFigures(new ProjectionStore(clickhouse, (await liveGeneration(clickhouse)).generation));
  } finally {
    await clickhouse.close();
  }
}

describe('the projector in split mode', () => {
  it('killed with SIGKILL at random points during ingest, ends with exactly the figures of a clean pass', async () => {
    const seed = Date.now() % 100_000;
    const rand = random(seed);
    const log = mixedLog(800, seed);
    fs.rmSync(dataDir, { recursive: true, force: true });
    ingestion = await startApp(createIngestionApp, testConfig(brokers, { KAFKA_TOPIC: `plumbline.test.split-${seed}` }));
    const env = { PORT: String(await freePort()), KAFKA_BROKERS: brokers, KAFKA_TOPIC: ingestion.config.kafka.topic, PLUMBLINE_DATA_DIR: dataDir };
    projector = new PlatformProcess(env, 'apps/projector/src/main.ts');
    await projector.start();

    const batches = Math.ceil(log.length / 100);
    const killAfter = new Set([0, ...Array.from({ length: 3 }, () => Math.floor(rand() * batches))]);
    let kills = 0;
    for (let batch = 0; batch < batches; batch++) {
      await waitUntil(async () => (await ingestion.post({ events: log.slice(batch * 100, batch * 100 + 100) })).status === 202, 60_000, 500);
      if (killAfter.has(batch)) {
        await new Promise((resolve) => setTimeout(resolve, rand() * 400));
        await projector.kill();
        kills++;
        await projector.start();
      }
    }
    console.log(`seed ${seed}: ${log.length} events, projector killed ${kills} times`);
    await waitUntil(async () => (await projectorLag(projector!.url)) === 0, 120_000, 500);
    await projector.stop();
    expect(kills).toBeGreaterThanOrEqual(2);
    expect(await figuresIn(dataDir)).toEqual(referenceFigures(log));
  }, 600_000);

  it('with ClickHouse unreachable, refuses to start and commits nothing; pointed at chDB again, it catches up', async () => {
    const log = mixedLog(300, 7);
    const second = await startApp(createIngestionApp, testConfig(brokers));
    const topic = second.config.kafka.topic;
    const freshDir = `${dataDir}-fresh`;
    fs.rmSync(freshDir, { recursive: true, force: true });
    const admin = new Kafka({ brokers: brokers.split(','), clientId: 'test-offsets', logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      for (let i = 0; i < log.length; i += 100) expect((await second.post({ events: log.slice(i, i + 100) })).status).toBe(202);

      const child = spawn(process.execPath, ['-r', '@swc-node/register', path.resolve('apps/projector/src/main.ts')], {
        env: { ...process.env, PORT: String(await freePort()), KAFKA_BROKERS: brokers, KAFKA_TOPIC: topic, PLUMBLINE_DATA_DIR: freshDir, CLICKHOUSE_URL: `http://127.0.0.1:${await freePort()}`, AUTH_JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'error' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr!.on('data', (chunk) => (stderr += chunk));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).not.toBe(0);
      expect(stderr).toMatch(/ECONNREFUSED|connect/i);
      const committed = await admin.fetchOffsets({ groupId: 'plumbline-projector-g1', topics: [topic] });
      expect(committed[0].partitions.map((p) => p.offset)).toEqual(Array(6).fill('-1'));

      projector = new PlatformProcess({ PORT: String(await freePort()), KAFKA_BROKERS: brokers, KAFKA_TOPIC: topic, PLUMBLINE_DATA_DIR: freshDir }, 'apps/projector/src/main.ts');
      await projector.start();
      await waitUntil(async () => (await projectorLag(projector!.url)) === 0, 120_000, 500);
      await projector.stop();
      expect(await figuresIn(freshDir)).toEqual(referenceFigures(log));
    } finally {
      await admin.disconnect();
      await second.close();
      fs.rmSync(freshDir, { recursive: true, force: true });
    }
  }, 300_000);
});
