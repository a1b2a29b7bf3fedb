import { ImportScorecardsHandler } from './import-scorecards.handler';
import { SubmitEventsHandler } from './submit-events.handler';

export const CommandHandlers = [SubmitEventsHandler, ImportScorecardsHandler];
