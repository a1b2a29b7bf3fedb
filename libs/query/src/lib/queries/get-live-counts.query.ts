import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CalibrationService, type LiveCounts } from '../calibration.service';
import type { Filters } from '../filters';

/** Scorecards and ratings per interviewer in scope at the current projection watermark. */
export class GetLiveCountsQuery {
  constructor(readonly filters: Filters) {}
}

@QueryHandler(GetLiveCountsQuery)
export class GetLiveCountsHandler implements IQueryHandler<GetLiveCountsQuery, LiveCounts> {
  constructor(private readonly calibration: CalibrationService) {}

  execute({ filters }: GetLiveCountsQuery): Promise<LiveCounts> {
    return this.calibration.liveCounts(filters);
  }
}
