import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClickHouse, migrations, runMigrations } from '@plumbline/clickhouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activateGeneration, beginGeneration, generationsWithStatus, liveGeneration } from './generations';

describe('generations (embedded chDB)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-generations-'));
  const client = createClickHouse({ mode: 'embedded', path: dataDir });

  beforeAll(() => runMigrations(client, migrations));
  afterAll(async () => {
    await client.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('begins one generation at a time, the next after the last, and makes it live in place of the one before', async () => {
    expect((await liveGeneration(client)).generation).toBe(1);
    const building = await beginGeneration(client);
    expect(building).toMatchObject({ generation: 2, status: 'building', consumerGroup: 'plumbline-projector-g2' });
    await building?.registered;
    expect((await generationsWithStatus(client, 'building')).map((g) => g.generation)).toEqual([2]);
    // A second replay while the first builds gets nothing to build.
    expect(await beginGeneration(client)).toBeNull();

    await activateGeneration(client, 2);
    expect((await liveGeneration(client)).generation).toBe(2);
    expect((await generationsWithStatus(client, 'retired')).map((g) => g.generation)).toEqual([1]);
    const next = await beginGeneration(client);
    await next?.registered;
    expect(next?.generation).toBe(3);
  });
});
