import type { ClickHouseClient } from '@clickhouse/client';
import { GENERATIONS_TABLE } from '@plumbline/clickhouse';

export interface Generation {
  generation: number;
  consumerGroup: string;
  status: 'building' | 'live' | 'retired';
}

const groupFor = (generation: number) => `plumbline-projector-g${generation}`;

async function all(client: ClickHouseClient): Promise<Generation[]> {
  const result = await client.query({ query: `SELECT generation, consumer_group, status FROM ${GENERATIONS_TABLE} FINAL ORDER BY generation`, format: 'JSONEachRow' });
  const rows = await result.json<{ generation: number; consumer_group: string; status: Generation['status'] }>();
  return rows.map((r) => ({ generation: r.generation, consumerGroup: r.consumer_group, status: r.status }));
}

async function setStatus(client: ClickHouseClient, generation: number, status: Generation['status']): Promise<void> {
  await client.insert({ table: GENERATIONS_TABLE, values: [{ generation, consumer_group: groupFor(generation), status }], format: 'JSONEachRow' });
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
  await setStatus(client, 1, 'live');
  return { live: { generation: 1, consumerGroup: groupFor(1), status: 'live' }, building };
}

/** Registers the next generation as being built (by replay). */
export async function beginGeneration(client: ClickHouseClient): Promise<Generation> {
  const generation = Math.max(0, ...(await all(client)).map((g) => g.generation)) + 1;
  await setStatus(client, generation, 'building');
  return { generation, consumerGroup: groupFor(generation), status: 'building' };
}

/** Makes `generation` live and retires the one before; returns the retired generations. */
export async function activateGeneration(client: ClickHouseClient, generation: number): Promise<number[]> {
  const before = (await all(client)).filter((g) => g.status === 'live' && g.generation !== generation).map((g) => g.generation);
  await setStatus(client, generation, 'live');
  for (const old of before) await setStatus(client, old, 'retired');
  return before;
}

export async function generationsWithStatus(client: ClickHouseClient, status: Generation['status']): Promise<Generation[]> {
  return (await all(client)).filter((g) => g.status === status);
}
