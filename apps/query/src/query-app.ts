import { Module, type INestApplication } from '@nestjs/common';
import { AuthModule, jwtSecretFor } from '@plumbline/auth';
import type { PlumblineConfig } from '@plumbline/config';
import { ProjectionsModule } from '@plumbline/projections';
import { QueryModule } from '@plumbline/query';
import { createHttpApp, ServerModule } from '@plumbline/server';

/** The read side on its own (server mode): the query API, status and replay, no projector. */
export async function createQueryApp(config: PlumblineConfig): Promise<INestApplication> {
  const { secret, generated } = jwtSecretFor(config);

  @Module({ imports: [ServerModule.forRoot(config), AuthModule.forRoot(secret, { demoSignIn: generated, rateLimits: config.rateLimits }), ProjectionsModule.forRoot(config, { projector: false, http: true }), QueryModule.forRoot(config)] })
  class QueryAppModule {}

  return createHttpApp(QueryAppModule, { bodyLimitBytes: 64 * 1024, corsOrigins: config.corsOrigins });
}
