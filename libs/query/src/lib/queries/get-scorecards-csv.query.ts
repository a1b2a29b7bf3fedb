import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CalibrationService } from '../calibration.service';
import type { Filters } from '../filters';

/** The live scorecards in scope as a CSV stream from ClickHouse. */
export class GetScorecardsCsvQuery {
  constructor(readonly filters: Filters) {}
}

@QueryHandler(GetScorecardsCsvQuery)
export class GetScorecardsCsvHandler implements IQueryHandler<GetScorecardsCsvQuery> {
  constructor(private readonly calibration: CalibrationService) {}

  execute({ filters }: GetScorecardsCsvQuery) {
    return this.calibration.scorecardsCsv(filters);
  }
}
