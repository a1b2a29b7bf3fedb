import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CalibrationService } from '../calibration.service';
import type { Filters } from '../filters';

export const SCORECARDS_PAGE_SIZE = 20;

/** One interviewer's scorecards in scope, a page at a time. */
export class GetInterviewerScorecardsQuery {
  constructor(
    readonly interviewerId: string,
    readonly filters: Filters,
    readonly page: number,
  ) {}
}

@QueryHandler(GetInterviewerScorecardsQuery)
export class GetInterviewerScorecardsHandler implements IQueryHandler<GetInterviewerScorecardsQuery> {
  constructor(private readonly calibration: CalibrationService) {}

  execute({ interviewerId, filters, page }: GetInterviewerScorecardsQuery) {
    return this.calibration.interviewerScorecards(interviewerId, filters, page, SCORECARDS_PAGE_SIZE);
  }
}
