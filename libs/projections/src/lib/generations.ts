import type { ClickHouseClient } from '@clickhouse/client';
import { GENERATIONS_TABLE } from '@plumbline/clickhouse';

export interface Generation {
  generation: number;
  consumerGroup: string;
  status: 'building' | 'live' | 'retired';
  /** Since the status was set, by the store's clock. */
  ageMs: number;
}

/**
 * How long a retired generation's tables are kept. Projectors move off it at their next
 * generation check (every 2 s) and queries that began on it finish; two replays within seconds
 * had dropped the generation a projector was still writing to, failing its writes.
 */
export const RETIRED_KEEP_MS = 30_000;

const groupFor = (generation: number) => `plumbline-projector-g${generation}`;

async function all(client: ClickHouseClient): Promise<Generation[]> {
  const result = await client.query({
    query: `SELECT generation, consumer_group, status, toUnixTimestamp64Milli(now64(3)) - toUnixTimestamp64Milli(changed_at) AS age_ms FROM ${GENERATIONS_TABLE} FINAL ORDER BY generation`,
    format: 'JSONEachRow',
  });
  const rows = await result.json<{ generation: number; consumer_group: string; status: Generation['status']; age_ms: number | string }>();
  return rows.map((r) => ({ generation: r.generation, consumerGroup: r.consumer_group, status: r.status, ageMs: Number(r.age_ms) }));
}

/** Sets the status of each generation named, in one insert. */
async function setStatuses(client: ClickHouseClient, statuses: [number, Generation['status']][]): Promise<void> {
  const values = statuses.map(([generation, status]) => ({ generation, consumer_group: groupFor(generation), status }));
  await client.insert({ table: GENERATIONS_TABLE, values, format: 'JSONEachRow' });
}

/** The generation queries read and projectors write; the first call on an empty store makes generation 1. */
export async function liveGeneration(client: ClickHouseClient): Promise<Generation> {
  return (await currentGenerations(client)).live;
}

/** The live generation (made on an empty store) and the one being built, if any, in one read. */
export async function currentGenerations(client: ClickHouseClient): Promise<{ live: Generation; building?: Generation }> {
  const generations = await all(client);
  const building = generations.find((g) => g.status === 'building');
  const live = generations.filter((g) => g.status === 'live').pop();
  if (live) return { live, building };
  await setStatuses(client, [[1, 'live']]);
  return { live: { generation: 1, consumerGroup: groupFor(1), status: 'live', ageMs: 0 }, building };
}

/**
 * The next generation, registered as being built (by replay); null while one is (one replay at a
 * time). The registration is under way when this returns (`registered`): the caller creates the
 * generation's tables and joins its consumer group meanwhile, as none of them needs the others.
 */
export async function beginGeneration(client: ClickHouseClient): Promise<(Generation & { registered: Promise<void> }) | null> {
  const generations = await all(client);
  if (generations.some((g) => g.status === 'building')) return null;
  const generation = Math.max(0, ...generations.map((g) => g.generation)) + 1;
  const registered = setStatuses(client, [[generation, 'building']]);
  return { generation, consumerGroup: groupFor(generation), status: 'building', ageMs: 0, registered };
}

/** Makes `generation` live and retires the one before, in one step. */
export async function activateGeneration(client: ClickHouseClient, generation: number): Promise<void> {
  const before = (await all(client)).filter((g) => g.status === 'live' && g.generation !== generation).map((g) => g.generation);
  await setStatuses(client, [[generation, 'live'], ...before.map((old): [number, Generation['status']] => [old, 'retired'])]);
}

/** Retired generations whose tables can go: retired at least RETIRED_KEEP_MS ago. */
export async function generationsToDrop(client: ClickHouseClient): Promise<Generation[]> {
  return (await all(client)).filter((g) => g.status === 'retired' && g.ageMs >= RETIRED_KEEP_MS);
}

export async function generationsWithStatus(client: ClickHouseClient, status: Generation['status']): Promise<Generation[]> {
  return (await all(client)).filter((g) => g.status === status);
}
