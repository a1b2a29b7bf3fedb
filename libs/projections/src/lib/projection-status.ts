import type { ClickHouseClient } from '@clickhouse/client';
import { Inject, Injectable } from '@nestjs/common';
import { currentGenerations } from './generations';
import { ProjectionStore } from './projection-store';
import { CLICKHOUSE } from './tokens';
import { TopicEnds } from './topic-ends';

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
@Injectable()
export class ProjectionStatusReader {
  /** The last counts, and the positions they were counted at: counts change only with them. */
  private counts: { at: string; events: number; dead: number } | null = null;

  constructor(
    @Inject(CLICKHOUSE) private readonly client: ClickHouseClient,
    private readonly topicEnds: TopicEnds,
  ) {}

  async read(): Promise<ProjectionStatus> {
    const generations = await currentGenerations(this.client);
    const live = new ProjectionStore(this.client, generations.live.generation);
    const [ends, positions] = await Promise.all([this.topicEnds.get(), live.positions()]);
    const partitions = partitionsOf(ends, positions);
    const behind = partitions.filter((p) => p.lagEvents > 0);
    const seconds = Math.max(0, ...behind.map((p) => (Date.now() - Date.parse(positions.get(p.partition)?.lastLoggedAt ?? new Date(0).toISOString())) / 1000));
    const counts = await this.countsAt(live, positions);

    const { building } = generations;
    let replay: ProjectionStatus['replay'] = null;
    if (building) {
      const replayPartitions = partitionsOf(ends, await new ProjectionStore(this.client, building.generation).positions());
      replay = { generation: building.generation, lag: { events: replayPartitions.reduce((sum, p) => sum + p.lagEvents, 0) } };
    }
    return {
      asOf: new Date().toISOString(),
      generation: live.generation,
      lag: { events: behind.reduce((sum, p) => sum + p.lagEvents, 0), seconds: behind.length > 0 ? Math.round(seconds * 10) / 10 : 0 },
      partitions,
      eventsProjected: counts.events,
      deadLetters: counts.dead,
      replay,
    };
  }

  /**
   * Events and dead letters projected: exact counts (FINAL) cost a scan of the tables, some
   * 100 ms at 1M events, so they are counted again only when the positions have moved. Rows are
   * written before their positions, so counts taken in between are replaced at the next move.
   */
  private async countsAt(live: ProjectionStore, positions: Awaited<ReturnType<ProjectionStore['positions']>>): Promise<{ events: number; dead: number }> {
    const at = `${live.generation}:${[...positions].map(([partition, p]) => `${partition}@${p.nextOffset}`).join(',')}`;
    if (this.counts?.at !== at) {
      const [counts] = await live.rows<{ events: number; dead: number }>(
        `SELECT (SELECT count() FROM ${live.tables.events} FINAL) AS events, (SELECT count() FROM ${live.tables.deadLetters} FINAL) AS dead`,
      );
      this.counts = { at, events: Number(counts.events), dead: Number(counts.dead) };
    }
    return this.counts;
  }
}

/** Whether `store` has projected everything that was in the topic at `ends`. */
export async function hasReached(store: ProjectionStore, ends: Map<number, number>): Promise<boolean> {
  const positions = await store.positions();
  return [...ends].every(([partition, end]) => end === 0 || (positions.get(partition)?.nextOffset ?? 0) >= end);
}
