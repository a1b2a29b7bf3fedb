import type { ClickHouseClient } from '@clickhouse/client';
import { Inject, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { clickHouseTarget, createClickHouse, migrations, runMigrations } from '@plumbline/clickhouse';
import type { PlumblineConfig } from '@plumbline/config';
import { createKafka } from '@plumbline/kafka';
import { HealthChecks, kafkaLogToNest } from '@plumbline/server';
import { StartReplayHandler } from './commands/start-replay.command';
import { liveGeneration } from './generations';
import { ProjectionStatusReader } from './projection-status';
import { ProjectionStore } from './projection-store';
import { ProjectionsController } from './projections.controller';
import { ProjectorService } from './projector.service';
import { GetProjectionStatusHandler } from './queries/get-projection-status.query';
import { ReplayService } from './replay.service';
import { CLICKHOUSE, PROJECTIONS_CONFIG, PROJECTIONS_KAFKA } from './tokens';
import { TopicEnds } from './topic-ends';

export interface ProjectionsOptions {
  /** Run a projector in this process (the all-in-one platform and the projector app do). */
  projector: boolean;
  /** Serve /v1/status and /v1/admin/replay (needs an HTTP app). */
  http: boolean;
}

/**
 * The read model's upkeep: the ClickHouse client (migrated on start), the projector, replay
 * and status. The ClickHouse client is exported for the query side.
 */
@Module({})
export class ProjectionsModule implements OnModuleInit {
  constructor(
    @Inject(CLICKHOUSE) private readonly client: ClickHouseClient,
    private readonly health: HealthChecks,
  ) {}

  static forRoot(config: PlumblineConfig, options: ProjectionsOptions): DynamicModule {
    return {
      module: ProjectionsModule,
      // Global: the query side reads through the same ClickHouse client (one chDB per process).
      global: true,
      imports: [CqrsModule],
      controllers: options.http ? [ProjectionsController] : [],
      providers: [
        { provide: PROJECTIONS_CONFIG, useValue: config },
        {
          provide: CLICKHOUSE,
          useFactory: async () => {
            const client = createClickHouse(clickHouseTarget(config));
            await runMigrations(client, migrations);
            // The live generation's tables exist even before any projector ran, so a read
            // service started first answers with empty figures rather than failing.
            await new ProjectionStore(client, (await liveGeneration(client)).generation).createTables();
            return client;
          },
        },
        {
          provide: PROJECTIONS_KAFKA,
          useFactory: () => createKafka(config.kafka, 'plumbline-projector', kafkaLogToNest),
        },
        ...(options.projector ? [ProjectorService] : []),
        TopicEnds,
        ProjectionStatusReader,
        ReplayService,
        GetProjectionStatusHandler,
        StartReplayHandler,
      ],
      exports: [CLICKHOUSE],
    };
  }

  onModuleInit(): void {
    this.health.register('clickhouse', async () => {
      const ping = await this.client.ping();
      if (!ping.success) throw ping.error;
    });
  }
}
