import { SubmitEventsHandler } from './submit-events.handler';

export const CommandHandlers = [SubmitEventsHandler];
