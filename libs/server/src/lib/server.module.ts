import { Global, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { PlumblineConfig } from '@plumbline/config';
import { AuditTrail, createKafka } from '@plumbline/kafka';
import { LoggerModule } from 'nestjs-pino';
import { HealthChecks, HealthController } from './health';
import { kafkaLogToNest } from './kafka-log';
import { MetricsController } from './metrics';

/** What every Plumbline HTTP service has: JSON logs, /health, /metrics and the audit trail. */
@Global()
@Module({})
export class ServerModule implements OnApplicationShutdown {
  constructor(private readonly audit: AuditTrail) {}

  static forRoot({ logLevel, kafka }: Pick<PlumblineConfig, 'logLevel' | 'kafka'>): DynamicModule {
    return {
      module: ServerModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: logLevel,
            // Never log credentials: the bearer token is a secret.
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
          },
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [HealthChecks, { provide: AuditTrail, useFactory: () => new AuditTrail(createKafka(kafka, 'plumbline-audit', kafkaLogToNest), kafka.auditTopic) }],
      exports: [HealthChecks, AuditTrail],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.audit.disconnect();
  }
}
