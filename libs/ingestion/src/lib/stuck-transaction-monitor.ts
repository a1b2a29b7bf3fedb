import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { PlumblineConfig } from '@plumbline/config';
import { StableOffsetWatch, type LogPublisher, type StuckPartition } from '@plumbline/kafka';
import type { Kafka } from 'kafkajs';
import { stuckPartitionsGauge } from './ingestion-metrics';
import { INGESTION_CONFIG, KAFKA, PUBLISHER } from './tokens';

/**
 * Watches that what this instance acknowledged becomes readable. A partition whose last stable
 * offset stays short of an acknowledged event for a minute is held by a hanging transaction
 * (seen after a broker crash): nothing after it reaches the projections until it is aborted.
 * Reported as an error log and the `plumbline_ingest_stuck_partitions` gauge.
 */
@Injectable()
export class StuckTransactionMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StuckTransactionMonitor.name);
  private readonly watch: StableOffsetWatch;

  constructor(@Inject(KAFKA) kafka: Kafka, @Inject(INGESTION_CONFIG) config: PlumblineConfig, @Inject(PUBLISHER) publisher: LogPublisher) {
    this.watch = new StableOffsetWatch(() => kafka.admin(), config.kafka.topic, () => publisher.acknowledgedEnds(), (stuck) => this.report(stuck));
  }

  onApplicationBootstrap(): void {
    this.watch.start();
  }

  onApplicationShutdown(): void {
    this.watch.stop();
  }

  private report(stuck: StuckPartition[]): void {
    stuckPartitionsGauge.set(stuck.length);
    for (const s of stuck) {
      this.logger.error(
        `partition ${s.partition}: acknowledged events from offset ${s.acknowledgedEnd - 1} are unreadable (last stable offset ${s.stableOffset}) for ${Math.round(s.stuckForMs / 1000)} s — ` +
          'a hanging transaction; end it with `npm run kafka:resolve-hanging` (README: Local Kafka)',
      );
    }
  }
}
