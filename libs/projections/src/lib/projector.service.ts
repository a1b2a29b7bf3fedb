import type { ClickHouseClient } from '@clickhouse/client';
import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { PlumblineConfig } from '@plumbline/config';
import { ParsedEvents, RequestsBeingRecorded } from '@plumbline/events';
import { bootstrapTopics } from '@plumbline/kafka';
import type { Kafka } from 'kafkajs';
import { liveGeneration } from './generations';
import { partitionsOf } from './projection-status';
import { ProjectionStore } from './projection-store';
import { Projector } from './projector';
import { projectorGeneration, reportLagFrom } from './projector-metrics';
import { CLICKHOUSE, PROJECTIONS_CONFIG, PROJECTIONS_KAFKA } from './tokens';
import { TopicEnds } from './topic-ends';

/** How often a projector checks whether replay made another generation live. */
const GENERATION_CHECK_MS = 2_000;

/**
 * Runs this process's projector on the live generation and follows it: when a replay makes a
 * new generation live, the projector moves to it (and to its consumer group) within seconds.
 * Several processes may run this at once in server mode; they share the consumer group.
 */
@Injectable()
export class ProjectorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProjectorService.name);
  private projector: Projector | null = null;
  private timer: NodeJS.Timeout | null = null;
  private syncing: Promise<void> | null = null;
  /** Set at shutdown: a replay finishing meanwhile must not start a projector again. */
  private shutDown = false;

  constructor(
    @Inject(CLICKHOUSE) private readonly client: ClickHouseClient,
    @Inject(PROJECTIONS_KAFKA) private readonly kafka: Kafka,
    @Inject(PROJECTIONS_CONFIG) private readonly config: PlumblineConfig,
    private readonly topicEnds: TopicEnds,
    /** Provided where ingestion runs in the same process (the all-in-one platform). */
    @Optional() private readonly parsedEvents?: ParsedEvents,
    @Optional() private readonly requestsBeingRecorded?: RequestsBeingRecorded,
  ) {}

  onApplicationBootstrap(): void {
    // Kafka or ClickHouse may be away at start; the periodic sync keeps trying.
    void this.sync();
    this.timer = setInterval(() => void this.sync(), GENERATION_CHECK_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.shutDown = true;
    if (this.timer) clearInterval(this.timer);
    await this.syncing;
    await this.projector?.stop();
    this.projector = null;
  }

  /**
   * Moves to the live generation now rather than at the next check: a replay in this process has
   * just made one live. Until the projector moves, new events reach only the generation it left.
   */
  async followNow(): Promise<void> {
    await this.syncing; // a check under way may have read the generation before
    await this.sync();
  }

  /** The generation this process's projector writes, if it runs. */
  get generation(): number | undefined {
    return this.projector?.store.generation;
  }

  private sync(): Promise<void> {
    if (this.shutDown) return Promise.resolve();
    this.syncing ??= this.followLiveGeneration()
      .catch((error: Error) => this.logger.warn(`projector not running: ${error.message}`))
      .finally(() => (this.syncing = null));
    return this.syncing;
  }

  private async followLiveGeneration(): Promise<void> {
    const live = await liveGeneration(this.client);
    // A projector whose consumer crashed for good (a non-retriable Kafka error) is replaced.
    if (this.projector?.store.generation === live.generation && !this.projector.failed) return;
    await this.projector?.stop();
    this.projector = null;

    const admin = this.kafka.admin();
    await admin.connect();
    await bootstrapTopics(admin, this.config.kafka).finally(() => admin.disconnect());
    const store = new ProjectionStore(this.client, live.generation);
    await store.createTables();
    const projector = new Projector(this.kafka, store, { topic: this.config.kafka.topic, dlqTopic: this.config.kafka.dlqTopic, groupId: live.consumerGroup, parsedEvents: this.parsedEvents, requestsFirst: this.requestsBeingRecorded }, (level, message) =>
      this.logger[level === 'info' ? 'log' : level](message),
    );
    await projector.start();
    this.projector = projector;
    projectorGeneration.set(live.generation);
    reportLagFrom(async () => partitionsOf(await this.topicEnds.get(), await store.positions()));
    this.logger.log(`projecting ${this.config.kafka.topic} into generation ${live.generation}`);
  }
}
