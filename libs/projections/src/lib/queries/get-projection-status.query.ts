import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { ClickHouseClient } from '@clickhouse/client';
import type { PlumblineConfig } from '@plumbline/config';
import type { Kafka } from 'kafkajs';
import { projectionStatus, type ProjectionStatus } from '../projection-status';
import { CLICKHOUSE, PROJECTIONS_CONFIG, PROJECTIONS_KAFKA } from '../tokens';

/** How far the read model is behind the event log. */
export class GetProjectionStatusQuery {}

@QueryHandler(GetProjectionStatusQuery)
export class GetProjectionStatusHandler implements IQueryHandler<GetProjectionStatusQuery, ProjectionStatus> {
  constructor(
    @Inject(CLICKHOUSE) private readonly client: ClickHouseClient,
    @Inject(PROJECTIONS_KAFKA) private readonly kafka: Kafka,
    @Inject(PROJECTIONS_CONFIG) private readonly config: PlumblineConfig,
  ) {}

  execute(): Promise<ProjectionStatus> {
    return projectionStatus(this.client, this.kafka, this.config.kafka.topic);
  }
}
