import { Global, Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { HealthChecks, HealthController } from './health';
import { MetricsController } from './metrics';

/** What every Plumbline HTTP service has: JSON logs, /health and /metrics. */
@Global()
@Module({})
export class ServerModule {
  static forRoot({ logLevel }: { logLevel: string }): DynamicModule {
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
      providers: [HealthChecks],
      exports: [HealthChecks],
    };
  }
}
