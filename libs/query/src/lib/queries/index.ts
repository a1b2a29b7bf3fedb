import { GetCalibrationReportHandler } from './get-calibration-report.query';
import { GetInterviewerScorecardsHandler } from './get-interviewer-scorecards.query';
import { GetLiveCountsHandler } from './get-live-counts.query';
import { GetScorecardsCsvHandler } from './get-scorecards-csv.query';

export const QueryHandlers = [GetCalibrationReportHandler, GetLiveCountsHandler, GetScorecardsCsvHandler, GetInterviewerScorecardsHandler];
