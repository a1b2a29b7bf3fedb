import type { Admin } from 'kafkajs';

export interface StuckPartition {
  partition: number;
  /** Offset just past the newest acknowledged event: consumers must be able to read up to here. */
  acknowledgedEnd: number;
  /** The partition's last stable offset: read_committed consumers see nothing at or after it. */
  stableOffset: number;
  /** How long the last stable offset has been short of the acknowledged end, in ms. */
  stuckForMs: number;
}

/**
 * Which partitions hold acknowledged events back from read_committed consumers for longer than
 * `thresholdMs`. A commit makes its events readable within moments, so a last stable offset
 * that stays short of them for longer than any transaction's timeout means a transaction that
 * will never end — a hanging transaction. Pure: `since` carries when each shortfall was first seen.
 */
export function stuckPartitions(acknowledgedEnd: Map<number, number>, stableOffsets: Map<number, number>, since: Map<number, number>, now: number, thresholdMs: number): StuckPartition[] {
  const stuck: StuckPartition[] = [];
  for (const [partition, end] of acknowledgedEnd) {
    const stable = stableOffsets.get(partition);
    if (stable === undefined || stable >= end) {
      since.delete(partition);
      continue;
    }
    if (!since.has(partition)) since.set(partition, now);
    const stuckForMs = now - since.get(partition)!;
    if (stuckForMs >= thresholdMs) stuck.push({ partition, acknowledgedEnd: end, stableOffset: stable, stuckForMs });
  }
  return stuck;
}

/**
 * Checks every `intervalMs` that the events this process acknowledged became readable, and
 * reports the partitions where they did not (see stuckPartitions). kafkajs's offsets are read
 * committed, so their `high` is the last stable offset.
 */
export class StableOffsetWatch {
  private readonly since = new Map<number, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly admin: () => Admin,
    private readonly topic: string,
    private readonly acknowledgedEnd: () => Map<number, number>,
    private readonly report: (stuck: StuckPartition[]) => void,
    private readonly options = { intervalMs: 10_000, thresholdMs: 60_000 },
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.check().catch(() => undefined), this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async check(): Promise<StuckPartition[]> {
    const acknowledged = this.acknowledgedEnd();
    if (acknowledged.size === 0) return [];
    const admin = this.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(this.topic);
      const stuck = stuckPartitions(acknowledged, new Map(offsets.map((o) => [o.partition, Number(o.high)])), this.since, Date.now(), this.options.thresholdMs);
      this.report(stuck);
      return stuck;
    } finally {
      await admin.disconnect();
    }
  }
}
