import { hostname } from 'node:os';
import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { PlumblineConfig } from '@plumbline/config';
import { createKafka, PublisherThread } from '@plumbline/kafka';
import { kafkaLogToNest } from '@plumbline/server';
import { CommandHandlers } from './commands/handlers';
import { EventLogView } from './event-log-view';
import { EventRecorder } from './event-recorder';
import { EventsController } from './events.controller';
import { ImportsController } from './imports.controller';
import { StuckTransactionMonitor } from './stuck-transaction-monitor';
import { INGESTION_CONFIG, KAFKA, PUBLISHER } from './tokens';

/** The write side: POST /v1/events validates submissions and records them in Kafka. */
@Module({})
export class IngestionModule {
  static forRoot(config: PlumblineConfig): DynamicModule {
    return {
      module: IngestionModule,
      imports: [CqrsModule],
      controllers: [EventsController, ImportsController],
      providers: [
        { provide: INGESTION_CONFIG, useValue: config },
        {
          provide: KAFKA,
          useFactory: () => createKafka(config.kafka, 'plumbline-ingestion', kafkaLogToNest),
        },
        {
          provide: PUBLISHER,
          useFactory: () =>
            new PublisherThread(
              {
                kafka: config.kafka,
                clientId: 'plumbline-ingestion',
                options: { topic: config.kafka.topic, timeoutMs: config.ingest.publishTimeoutMs, transactionalIdPrefix: `plumbline-ingest-${config.ingest.instanceId ?? hostname()}` },
              },
              kafkaLogToNest,
            ),
        },
        EventLogView,
        EventRecorder,
        StuckTransactionMonitor,
        ...CommandHandlers,
      ],
      exports: [EventLogView],
    };
  }
}
