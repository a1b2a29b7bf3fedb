import fs from 'node:fs';
import path from 'node:path';
import { clickHouseTarget, createClickHouse } from '@plumbline/clickhouse';
import { liveGeneration, ProjectionStore } from '@plumbline/projections';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { client, waitUntil } from '../support/app';
import { freePort } from '../support/free-port';
import { mixedLog, projectedFigures, random, referenceFigures } from '../support/mixed-log';
import { PlatformProcess } from '../support/platform-process';

const brokers = inject('kafkaBrokers');
const dataDir = path.resolve('.data', 'test', `kill-${process.pid}`);
let platform: PlatformProcess;

afterAll(async () => {
  await platform?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the all-in-one platform killed with SIGKILL during a large ingest', () => {
  it('ends with exactly the figures of a clean pass', async () => {
    const seed = Date.now() % 100_000;
    const rand = random(seed);
    const log = mixedLog(1_200, seed);
    const batches: (typeof log)[] = [];
    for (let i = 0; i < log.length; i += 100) batches.push(log.slice(i, i + 100));
    // Kill points at random batches (and once more after the last, while projection catches up).
    const killAt = new Set(Array.from({ length: 3 }, () => 1 + Math.floor(rand() * (batches.length - 1))));
    console.log(`seed ${seed}: ${log.length} events in ${batches.length} batches, kills before batches ${[...killAt].join(', ')} and after the last`);

    fs.rmSync(dataDir, { recursive: true, force: true });
    platform = new PlatformProcess({ PORT: String(await freePort()), KAFKA_BROKERS: brokers, KAFKA_TOPIC: `plumbline.test.kill-${seed}`, PLUMBLINE_DATA_DIR: dataDir });
    await platform.start();
    const api = client(platform.url);

    let kills = 0;
    for (const [index, batch] of batches.entries()) {
      if (killAt.has(index)) {
        // Let a slice of the previous batch's projection run, then pull the plug mid-work.
        await new Promise((resolve) => setTimeout(resolve, rand() * 300));
        await platform.kill();
        kills++;
        await platform.start();
      }
      // A client's retry loop: re-send the same events until they are acknowledged.
      await waitUntil(async () => (await api.post({ events: batch })).status === 202, 60_000, 500);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    await platform.kill();
    kills++;
    await platform.start();

    let status: any = null;
    await waitUntil(async () => (status = (await api.get('/v1/status')).body)?.lag?.events === 0, 120_000, 500).catch((error) => {
      throw new Error(`${error.message}; last status: ${JSON.stringify(status)}`);
    });
    await platform.stop();

    // The platform is down, so this process may open its chDB data dir.
    const clickhouse = createClickHouse(clickHouseTarget({ dataDir, clickhouse: { url: null } }));
    try {
      const store = new ProjectionStore(clickhouse, (await liveGeneration(clickhouse)).generation);
      expect(kills).toBeGreaterThanOrEqual(2);
      expect(await projectedFigures(store)).toEqual(referenceFigures(log));
      const [{ events }] = await store.rows<{ events: number }>(`SELECT count() AS events FROM ${store.tables.events} FINAL`);
      expect(Number(events)).toBe(log.length + 2); // every event once, plus the two built-in rubrics
    } finally {
      await clickhouse.close();
    }
  }, 600_000);
});
