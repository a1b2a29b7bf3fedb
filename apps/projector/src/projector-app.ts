import { Module, type INestApplication } from '@nestjs/common';
import type { PlumblineConfig } from '@plumbline/config';
import { ProjectionsModule } from '@plumbline/projections';
import { createHttpApp, ServerModule } from '@plumbline/server';

/**
 * The projector on its own (server mode): consumes the event topic into ClickHouse. It serves
 * only /health and /metrics, so it can be probed and scraped; run as many replicas as there are
 * partitions to share.
 */
export async function createProjectorApp(config: PlumblineConfig): Promise<INestApplication> {
  @Module({ imports: [ServerModule.forRoot(config), ProjectionsModule.forRoot(config, { projector: true, http: false })] })
  class ProjectorModule {}

  return createHttpApp(ProjectorModule, { bodyLimitBytes: 1024 });
}
