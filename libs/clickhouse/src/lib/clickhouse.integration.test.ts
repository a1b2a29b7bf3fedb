import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clickHouseTarget, createClickHouse } from './clickhouse-client';
import { runMigrations, type Migration } from './migrations';

const dataDir = path.resolve('.data', 'test', `clickhouse-${process.pid}`);
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const migrations: Migration[] = [
  { id: '0001_people', statements: ['CREATE TABLE IF NOT EXISTS people (id UInt32, name String) ENGINE = MergeTree ORDER BY id'] },
  { id: '0002_people_team', statements: ["ALTER TABLE people ADD COLUMN IF NOT EXISTS team String DEFAULT 'none'"] },
];

describe('clickHouseTarget', () => {
  it('chooses chDB under the data dir unless CLICKHOUSE_URL is set', () => {
    expect(clickHouseTarget({ dataDir: '/srv/pl', clickhouse: { url: null } })).toEqual({ mode: 'embedded', path: '/srv/pl/clickhouse' });
    expect(clickHouseTarget({ dataDir: '/srv/pl', clickhouse: { url: 'http://ch:8123' } })).toEqual({ mode: 'server', url: 'http://ch:8123' });
  });

  it('builds a server client that talks HTTP to CLICKHOUSE_URL', async () => {
    // Nothing listens on port 1: the client must try exactly that address and fail to connect.
    const client = createClickHouse({ mode: 'server', url: 'http://127.0.0.1:1' });
    const ping = await client.ping();
    expect(ping.success).toBe(false);
    expect(String(!ping.success && ping.error)).toMatch(/ECONNREFUSED 127\.0\.0\.1:1/);
    await client.close();
  });
});

describe('embedded ClickHouse (chDB) with migrations', () => {
  it('migrates in order, once, and keeps data across reopening the data dir', async () => {
    const target = clickHouseTarget({ dataDir, clickhouse: { url: null } });
    const client = createClickHouse(target);
    expect(await runMigrations(client, migrations)).toEqual(['0001_people', '0002_people_team']);
    expect(await runMigrations(client, migrations)).toEqual([]);
    await client.insert({ table: 'people', values: [{ id: 1, name: 'Ada', team: 'ml' }, { id: 2, name: 'Grace' }], format: 'JSONEachRow' });
    const rows = await client.query({ query: 'SELECT id, name, team FROM people WHERE id >= {min:UInt32} ORDER BY id', query_params: { min: 1 }, format: 'JSONEachRow' });
    expect(await rows.json()).toEqual([
      { id: 1, name: 'Ada', team: 'ml' },
      { id: 2, name: 'Grace', team: 'none' },
    ]);
    await client.close();
    expect(fs.existsSync(target.mode === 'embedded' ? target.path : '')).toBe(true);

    const reopened = createClickHouse(target);
    expect(await runMigrations(reopened, [...migrations, { id: '0003_noop', statements: ['SELECT 1'] }])).toEqual(['0003_noop']);
    const count = await reopened.query({ query: 'SELECT count() AS n FROM people', format: 'JSONEachRow' });
    expect(await count.json()).toEqual([{ n: 2 }]);
    await reopened.close();
  });

  it('refuses duplicate migration ids', async () => {
    const client = createClickHouse(clickHouseTarget({ dataDir, clickhouse: { url: null } }));
    await expect(runMigrations(client, [migrations[0], migrations[0]])).rejects.toThrow(/unique/);
    await client.close();
  });
});
