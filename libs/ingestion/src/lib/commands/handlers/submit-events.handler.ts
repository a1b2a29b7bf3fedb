import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventRecorder } from '../../event-recorder';
import { eventsRejected } from '../../ingestion-metrics';
import { InvalidEventsError } from '../../invalid-events.error';
import { readSubmission } from '../../submission';
import { SubmitEventsCommand, type SubmitEventsResult } from '../impl/submit-events.command';

/**
 * Validates a submission completely, then records its new events in one atomic Kafka write, and
 * answers only after Kafka acknowledged it. Nothing is written unless everything is valid.
 */
@CommandHandler(SubmitEventsCommand)
export class SubmitEventsHandler implements ICommandHandler<SubmitEventsCommand, SubmitEventsResult> {
  constructor(private readonly recorder: EventRecorder) {}

  async execute({ body }: SubmitEventsCommand): Promise<SubmitEventsResult> {
    const submission = readSubmission(body);
    if (submission.issues.length > 0) {
      eventsRejected.inc({ reason: 'schema' });
      throw new InvalidEventsError(400, submission.issues);
    }
    return this.recorder.record(submission.events);
  }
}
