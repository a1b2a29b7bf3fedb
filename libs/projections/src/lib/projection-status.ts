import type { ClickHouseClient } from '@clickhouse/client';
import type { Kafka } from 'kafkajs';
import { generationsWithStatus, liveGeneration } from './generations';
import { ProjectionStore } from './projection-store';

export interface PartitionStatus {
  partition: number;
  /** Offset of the last message projected; -1 before the first. */
  lastProjectedOffset: number;
  endOffset: number;
  lagEvents: number;
}

export interface ProjectionStatus {
  asOf: string;
  generation: number;
  lag: { events: number; seconds: number };
  partitions: PartitionStatus[];
  eventsProjected: number;
  deadLetters: number;
  replay: { generation: number; lag: { events: number } } | null;
}

export async function endOffsets(kafka: Kafka, topic: string): Promise<Map<number, number>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return new Map((await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, Number(o.high)]));
  } finally {
    await admin.disconnect();
  }
}

export function partitionsOf(ends: Map<number, number>, positions: Awaited<ReturnType<ProjectionStore['positions']>>): PartitionStatus[] {
  return [...ends].map(([partition, endOffset]) => {
    const next = positions.get(partition)?.nextOffset ?? 0;
    return { partition, lastProjectedOffset: next - 1, endOffset, lagEvents: Math.max(0, endOffset - next) };
  });
}

/**
 * SPEC §4 status: per partition, the last projected offset against the log's end. Lag in
 * seconds is the age of the newest projected event on partitions that are behind (0 when caught
 * up): how stale the figures can be. Offsets count transaction markers, so a lag of N means
 * at most N events.
 */
export async function projectionStatus(client: ClickHouseClient, kafka: Kafka, topic: string): Promise<ProjectionStatus> {
  const live = new ProjectionStore(client, (await liveGeneration(client)).generation);
  const [ends, positions, [counts]] = await Promise.all([
    endOffsets(kafka, topic),
    live.positions(),
    live.rows<{ events: number; dead: number }>(`SELECT (SELECT count() FROM ${live.tables.events} FINAL) AS events, (SELECT count() FROM ${live.tables.deadLetters} FINAL) AS dead`),
  ]);
  const partitions = partitionsOf(ends, positions);
  const behind = partitions.filter((p) => p.lagEvents > 0);
  const seconds = Math.max(0, ...behind.map((p) => (Date.now() - Date.parse(positions.get(p.partition)?.lastLoggedAt ?? new Date(0).toISOString())) / 1000));

  const [building] = await generationsWithStatus(client, 'building');
  let replay: ProjectionStatus['replay'] = null;
  if (building) {
    const replayPartitions = partitionsOf(ends, await new ProjectionStore(client, building.generation).positions());
    replay = { generation: building.generation, lag: { events: replayPartitions.reduce((sum, p) => sum + p.lagEvents, 0) } };
  }
  return {
    asOf: new Date().toISOString(),
    generation: live.generation,
    lag: { events: behind.reduce((sum, p) => sum + p.lagEvents, 0), seconds: behind.length > 0 ? Math.round(seconds * 10) / 10 : 0 },
    partitions,
    eventsProjected: Number(counts.events),
    deadLetters: Number(counts.dead),
    replay,
  };
}

/** Whether `store` has projected everything that was in the topic at `ends`. */
export async function hasReached(store: ProjectionStore, ends: Map<number, number>): Promise<boolean> {
  const positions = await store.positions();
  return [...ends].every(([partition, end]) => end === 0 || (positions.get(partition)?.nextOffset ?? 0) >= end);
}
