import type { ClickHouseClient } from '@clickhouse/client';

/** One schema change: statements run in order, each idempotent (IF NOT EXISTS and the like). */
export interface Migration {
  id: string;
  statements: string[];
}

const LEDGER = 'plumbline_migrations';

/**
 * Applies the migrations not yet recorded, in list order, recording each when its statements
 * have run. Safe to run on every start and from several processes at once: statements are
 * idempotent, so a migration applied twice by a race changes nothing.
 */
export async function runMigrations(client: ClickHouseClient, migrations: Migration[]): Promise<string[]> {
  const ids = migrations.map((m) => m.id);
  if (new Set(ids).size !== ids.length) throw new Error('runMigrations: migration ids must be unique');
  await client.command({
    query: `CREATE TABLE IF NOT EXISTS ${LEDGER} (id String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3)) ENGINE = MergeTree ORDER BY id`,
  });
  const result = await client.query({ query: `SELECT DISTINCT id FROM ${LEDGER}`, format: 'JSONEachRow' });
  const applied = new Set((await result.json<{ id: string }>()).map((row) => row.id));
  const pending = migrations.filter((m) => !applied.has(m.id));
  for (const migration of pending) {
    for (const statement of migration.statements) await client.command({ query: statement });
    await client.insert({ table: LEDGER, values: [{ id: migration.id }], format: 'JSONEachRow' });
  }
  return pending.map((m) => m.id);
}
