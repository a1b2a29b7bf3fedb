import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { PlumblineConfig } from '@plumbline/config';
import { CalibrationController } from './calibration.controller';
import { CalibrationService } from './calibration.service';
import { REPORT_RUNNER_OPTIONS, ReportRunner } from './report-runner';
import { QueryHandlers } from './queries';

/** The read side: SPEC §6 endpoints over the projections (needs ProjectionsModule's ClickHouse). */
@Module({})
export class QueryModule {
  static forRoot(config: Pick<PlumblineConfig, 'reports'>): DynamicModule {
    return {
      module: QueryModule,
      imports: [CqrsModule],
      controllers: [CalibrationController],
      providers: [{ provide: REPORT_RUNNER_OPTIONS, useValue: { workerHeapMib: config.reports.workerHeapMib } }, CalibrationService, ReportRunner, ...QueryHandlers],
    };
  }
}
