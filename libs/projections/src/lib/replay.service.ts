import { setTimeout as delay } from 'node:timers/promises';
import type { ClickHouseClient } from '@clickhouse/client';
import { ConflictException, Inject, Injectable, Logger, Optional, type OnApplicationShutdown } from '@nestjs/common';
import type { PlumblineConfig } from '@plumbline/config';
import type { Kafka } from 'kafkajs';
import { activateGeneration, beginGeneration, generationsToDrop } from './generations';
import { hasReached } from './projection-status';
import { ProjectionStore } from './projection-store';
import { Projector } from './projector';
import { ProjectorService } from './projector.service';
import { replaySeconds } from './projector-metrics';
import { CLICKHOUSE, PROJECTIONS_CONFIG, PROJECTIONS_KAFKA } from './tokens';
import { TopicEnds } from './topic-ends';

/**
 * Rebuilds every projection from offset 0 into a fresh generation of tables while the live one
 * keeps serving, then makes the new one live in one step. Projectors follow within seconds,
 * continuing from where the replay stopped (they take over its consumer group).
 */
@Injectable()
export class ReplayService implements OnApplicationShutdown {
  private readonly logger = new Logger(ReplayService.name);
  private running: { generation: number; projector: Projector; done: Promise<void> } | null = null;
  private shuttingDown = false;

  constructor(
    @Inject(CLICKHOUSE) private readonly client: ClickHouseClient,
    @Inject(PROJECTIONS_KAFKA) private readonly kafka: Kafka,
    @Inject(PROJECTIONS_CONFIG) private readonly config: PlumblineConfig,
    private readonly topicEnds: TopicEnds,
    /** This process's live projector, where it runs one. */
    @Optional() private readonly liveProjector?: ProjectorService,
  ) {}

  async start(): Promise<{ generation: number }> {
    const requestedAt = performance.now();
    const begun = this.running ? null : await beginGeneration(this.client);
    if (!begun) throw new ConflictException('a replay is already running');
    const { generation, consumerGroup, registered } = begun;
    const store = new ProjectionStore(this.client, generation).onlyWriter();
    const projector = new Projector(this.kafka, store, { topic: this.config.kafka.topic, dlqTopic: this.config.kafka.dlqTopic, groupId: consumerGroup });
    // The generation is registered and its tables created while the consumer joins its group (the
    // store's reads and writes wait for the tables): each takes tens of ms, and none needs another.
    const failed = (await Promise.allSettled([registered, store.createTables(), projector.start()])).find((r) => r.status === 'rejected');
    if (failed) {
      await projector.stop();
      throw failed.reason;
    }
    this.logger.log(`replay into generation ${generation} started`);
    const done = this.finish(store, projector, requestedAt).catch((error: Error) => this.logger.error(`replay into generation ${generation} failed: ${error.message}`));
    this.running = { generation, projector, done };
    return { generation };
  }

  /** Settles once the replay under way, if any, is over: live, followed by this process's projector, tidied up. */
  async finished(): Promise<void> {
    await this.running?.done;
  }

  async onApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    await this.running?.projector.stop();
    await this.running?.done;
  }

  private async finish(store: ProjectionStore, projector: Projector, requestedAt: number): Promise<void> {
    try {
      // Caught up with what the log held when we checked; new events keep flowing to both
      // generations, and the live projectors resume the new one from the replay's position.
      const ends = await this.topicEnds.get();
      for (;;) {
        // Positions move only when the projector commits, so the check waits for that (asked
        // for before checking, so a commit meanwhile is not missed); at most a second, in case
        // its consumer is restarting. The projector's own account spares the store a query at
        // the end; after a rejoin, only the store knows.
        const committed = projector.nextCommit();
        if (projector.hasWrittenUpTo(ends) || (await hasReached(store, ends))) break;
        if (this.shuttingDown) return;
        await Promise.race([committed, delay(1_000, undefined, { ref: false })]);
      }
      // Live first: stopping waits for the consumer's fetch in flight, which queries need not.
      // Live projectors write it from now on, while this one writes the fetch in flight.
      store.shared();
      await activateGeneration(this.client, store.generation);
      const seconds = (performance.now() - requestedAt) / 1000;
      replaySeconds.observe(seconds);
      this.logger.log(`generation ${store.generation} is live, ${seconds.toFixed(1)} s after the replay was requested`);
      await projector.stop();
      // This process's projector takes the group over now, once the replay's member has left it;
      // those of other processes do at their next check, seconds later.
      await this.liveProjector?.followNow();
      for (const old of await generationsToDrop(this.client)) {
        await new ProjectionStore(this.client, old.generation).dropTables();
      }
    } finally {
      this.running = null;
    }
  }
}
