import { Counter, Gauge, Histogram } from 'prom-client';

export const eventsAccepted = new Counter({ name: 'plumbline_ingest_events_accepted_total', help: 'Events written to the event log', labelNames: ['type'] });
export const eventsRejected = new Counter({ name: 'plumbline_ingest_events_rejected_total', help: 'Events refused, by reason', labelNames: ['reason'] });
export const eventsDuplicate = new Counter({ name: 'plumbline_ingest_events_duplicate_total', help: 'Events recognised as already recorded' });
export const publishSeconds = new Histogram({
  name: 'plumbline_ingest_publish_seconds',
  help: 'Time from handing a batch to Kafka to its acknowledgement',
  labelNames: ['outcome'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});
export const stuckPartitionsGauge = new Gauge({
  name: 'plumbline_ingest_stuck_partitions',
  help: 'Partitions where acknowledged events have stayed unreadable for a minute (a hanging transaction)',
});
