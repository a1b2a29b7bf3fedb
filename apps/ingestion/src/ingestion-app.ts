import { Module, type INestApplication } from '@nestjs/common';
import { AuthModule, jwtSecretFor } from '@plumbline/auth';
import type { PlumblineConfig } from '@plumbline/config';
import { addIngestionSchemas, IngestionModule } from '@plumbline/ingestion';
import { createHttpApp, ServerModule } from '@plumbline/server';

/** The ingestion service: POST /v1/events, /health, /metrics and /docs. */
export async function createIngestionApp(config: PlumblineConfig): Promise<INestApplication> {
  const { secret } = jwtSecretFor(config);

  @Module({ imports: [ServerModule.forRoot(config), AuthModule.forRoot(secret, { rateLimits: config.rateLimits }), IngestionModule.forRoot(config)] })
  class IngestionAppModule {}

  return createHttpApp(IngestionAppModule, { bodyLimitBytes: config.ingest.bodyLimitBytes, corsOrigins: config.corsOrigins, extendOpenApi: addIngestionSchemas });
}
