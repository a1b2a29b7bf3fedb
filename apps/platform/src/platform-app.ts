import path from 'node:path';
import { Global, Module, type INestApplication } from '@nestjs/common';
import { AuthModule, jwtSecretFor } from '@plumbline/auth';
import type { PlumblineConfig } from '@plumbline/config';
import { ParsedEvents, RequestsBeingRecorded } from '@plumbline/events';
import { addIngestionSchemas, IngestionModule } from '@plumbline/ingestion';
import { ProjectionsModule } from '@plumbline/projections';
import { QueryModule } from '@plumbline/query';
import { createHttpApp, ServerModule } from '@plumbline/server';

/**
 * The all-in-one platform: ingestion, projector and the read side in one process. This is what
 * `npm start` runs, and the only layout for embedded chDB, whose data dir opens in one process.
 */
export async function createPlatformApp(config: PlumblineConfig): Promise<INestApplication> {
  const { secret, generated } = jwtSecretFor(config);

  // Ingestion hands the events it writes to the projector beside it, which reads them back a
  // moment later and so need not parse them again; and the projector lets ingestion's requests
  // go first.
  @Global()
  @Module({ providers: [{ provide: ParsedEvents, useValue: new ParsedEvents() }, { provide: RequestsBeingRecorded, useValue: new RequestsBeingRecorded() }], exports: [ParsedEvents, RequestsBeingRecorded] })
  class SharedEventsModule {}

  @Module({
    imports: [SharedEventsModule, ServerModule.forRoot(config), AuthModule.forRoot(secret, { demoSignIn: generated, rateLimits: config.rateLimits }), IngestionModule.forRoot(config), ProjectionsModule.forRoot(config, { projector: true, http: true }), QueryModule.forRoot(config)],
  })
  class PlatformModule {}

  // The dashboard, when built (npm start and npm test build it): dist/apps/dashboard.
  const staticDir = path.resolve(__dirname, '../../../dist/apps/dashboard');
  return createHttpApp(PlatformModule, { bodyLimitBytes: config.ingest.bodyLimitBytes, corsOrigins: config.corsOrigins, extendOpenApi: addIngestionSchemas, staticDir });
}
