import { Counter, Gauge, Histogram } from 'prom-client';

export const eventsProjected = new Counter({ name: 'plumbline_projector_events_total', help: 'Events projected into ClickHouse', labelNames: ['type'] });
export const deadLettered = new Counter({ name: 'plumbline_projector_dead_letters_total', help: 'Messages sent to the dead-letter topic', labelNames: ['reason'] });
export const duplicatesSkipped = new Counter({ name: 'plumbline_projector_duplicates_total', help: 'Events skipped because their eventId was already projected' });
export const writeSeconds = new Histogram({
  name: 'plumbline_projector_write_seconds',
  help: 'Time to write one batch to ClickHouse',
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
});
export const replaySeconds = new Histogram({
  name: 'plumbline_replay_seconds',
  help: 'Time from a replay request to its generation going live',
  buckets: [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800],
});
export const projectorGeneration = new Gauge({
  name: 'plumbline_projector_generation',
  help: "The generation this process's projector writes: the live one, once it has followed a replay",
});
let lagSource: (() => Promise<{ partition: number; lagEvents: number }[]>) | null = null;

/** Where the lag gauge reads from when scraped: the live projector's positions against Kafka. */
export function reportLagFrom(source: typeof lagSource): void {
  lagSource = source;
}

export const lagEvents = new Gauge({
  name: 'plumbline_projector_lag_events',
  help: 'Events in Kafka not yet projected, per partition',
  labelNames: ['partition'],
  async collect() {
    const partitions = await lagSource?.().catch(() => []);
    for (const p of partitions ?? []) this.set({ partition: String(p.partition) }, p.lagEvents);
  },
});
