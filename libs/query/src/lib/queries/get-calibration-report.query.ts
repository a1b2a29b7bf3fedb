import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CalibrationService, type ScopedReport } from '../calibration.service';
import type { Filters } from '../filters';

/** Every calibration figure for one filter set (cached by projection watermark). */
export class GetCalibrationReportQuery {
  constructor(readonly filters: Filters) {}
}

@QueryHandler(GetCalibrationReportQuery)
export class GetCalibrationReportHandler implements IQueryHandler<GetCalibrationReportQuery, ScopedReport> {
  constructor(private readonly calibration: CalibrationService) {}

  execute({ filters }: GetCalibrationReportQuery): Promise<ScopedReport> {
    return this.calibration.report(filters);
  }
}
