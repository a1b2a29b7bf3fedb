import { GetCalibrationReportHandler } from './get-calibration-report.query';
import { GetInterviewerListHandler } from './get-interviewer-list.query';
import { GetInterviewerScorecardsHandler } from './get-interviewer-scorecards.query';
import { GetScorecardsCsvHandler } from './get-scorecards-csv.query';

export const QueryHandlers = [GetCalibrationReportHandler, GetInterviewerListHandler, GetScorecardsCsvHandler, GetInterviewerScorecardsHandler];
