import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { validateAgainstLog, type PlumblineEvent } from '@plumbline/events';
import { EventPublisher } from '@plumbline/kafka';
import { EventLogView } from '../../event-log-view';
import { eventsAccepted, eventsDuplicate, eventsRejected, publishSeconds } from '../../ingestion-metrics';
import { InvalidEventsError } from '../../invalid-events.error';
import { readSubmission } from '../../submission';
import { SubmitEventsCommand, type SubmitEventsResult } from '../impl/submit-events.command';

/**
 * Validates a submission completely, then writes its new events in one atomic Kafka write, and
 * answers only after Kafka acknowledged it. Nothing is written unless everything is valid.
 */
@CommandHandler(SubmitEventsCommand)
export class SubmitEventsHandler implements ICommandHandler<SubmitEventsCommand, SubmitEventsResult> {
  constructor(
    private readonly log: EventLogView,
    private readonly publisher: EventPublisher,
  ) {}

  async execute({ body }: SubmitEventsCommand): Promise<SubmitEventsResult> {
    const submission = readSubmission(body);
    if (submission.issues.length > 0) {
      eventsRejected.inc({ reason: 'schema' });
      throw new InvalidEventsError(400, submission.issues);
    }
    this.log.assertReady();

    // Duplicates first: a re-sent submission must count as a duplicate, not as "already exists".
    const { fresh, freshIndex, duplicates } = this.splitDuplicates(submission.events);
    const issues = validateAgainstLog(fresh, this.log.catalog).map((issue) => ({ ...issue, index: freshIndex[issue.index] }));
    if (issues.length > 0) {
      eventsRejected.inc({ reason: 'semantic' });
      throw new InvalidEventsError(422, issues);
    }

    const stopTimer = publishSeconds.startTimer();
    try {
      await this.publisher.publish(this.log.toMessages(fresh));
      stopTimer({ outcome: 'acknowledged' });
    } catch (error) {
      stopTimer({ outcome: 'failed' });
      throw error;
    }
    this.log.record(fresh);
    for (const event of fresh) eventsAccepted.inc({ type: event.type });
    eventsDuplicate.inc(duplicates);
    return { accepted: fresh.length, duplicates };
  }

  private splitDuplicates(events: PlumblineEvent[]) {
    const inBatch = new Set<string>();
    const fresh: PlumblineEvent[] = [];
    const freshIndex: number[] = [];
    events.forEach((event, index) => {
      if (!inBatch.has(event.eventId) && !this.log.isDuplicate(event)) {
        fresh.push(event);
        freshIndex.push(index);
      }
      inBatch.add(event.eventId);
    });
    return { fresh, freshIndex, duplicates: events.length - fresh.length };
  }
}
