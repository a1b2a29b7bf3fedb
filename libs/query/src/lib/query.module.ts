import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CalibrationController } from './calibration.controller';
import { CalibrationService } from './calibration.service';
import { ReportRunner } from './report-runner';
import { QueryHandlers } from './queries';

/** The read side: SPEC §6 endpoints over the projections (needs ProjectionsModule's ClickHouse). */
@Module({ imports: [CqrsModule], controllers: [CalibrationController], providers: [CalibrationService, ReportRunner, ...QueryHandlers] })
export class QueryModule {}
