import { GetCalibrationReportHandler } from './get-calibration-report.query';
import { GetInterviewerScorecardsHandler } from './get-interviewer-scorecards.query';
import { GetScorecardsCsvHandler } from './get-scorecards-csv.query';

export const QueryHandlers = [GetCalibrationReportHandler, GetScorecardsCsvHandler, GetInterviewerScorecardsHandler];
