import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CalibrationService, type LiveCounts, type ScopedReport } from '../calibration.service';
import type { Filters } from '../filters';

/** `/v1/interviewers`: live counts with the latest report, read at one projection position. */
export class GetInterviewerListQuery {
  constructor(readonly filters: Filters) {}
}

@QueryHandler(GetInterviewerListQuery)
export class GetInterviewerListHandler implements IQueryHandler<GetInterviewerListQuery, { report: ScopedReport; live: LiveCounts }> {
  constructor(private readonly calibration: CalibrationService) {}

  execute({ filters }: GetInterviewerListQuery): Promise<{ report: ScopedReport; live: LiveCounts }> {
    return this.calibration.interviewerList(filters);
  }
}
