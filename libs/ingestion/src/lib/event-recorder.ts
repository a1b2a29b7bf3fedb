import { Injectable, Optional } from '@nestjs/common';
import { ParsedEvents, RequestsBeingRecorded, validateAgainstLog, type PlumblineEvent } from '@plumbline/events';
import { EventLogView } from './event-log-view';
import { eventsAccepted, eventsDuplicate, eventsRejected, publishSeconds } from './ingestion-metrics';
import { InvalidEventsError } from './invalid-events.error';

export interface RecordResult {
  /** Events newly written to the log. */
  accepted: number;
  /** Events already recorded (or repeated in the batch): not written again. */
  duplicates: number;
}

/**
 * Writes well-formed events to the log: duplicates set aside, the rest checked against what the
 * log knows (422 when they name unknown things), then published in one atomic Kafka write and
 * remembered only once Kafka acknowledged it. Shared by POST /v1/events and the CSV import.
 */
@Injectable()
export class EventRecorder {
  constructor(
    private readonly log: EventLogView,
    /** Provided where the projector runs in the same process (the all-in-one platform). */
    @Optional() private readonly parsedEvents?: ParsedEvents,
    /** Likewise: the projector there lets the requests under way go first. */
    @Optional() private readonly requestsBeingRecorded?: RequestsBeingRecorded,
  ) {}

  async record(events: PlumblineEvent[]): Promise<RecordResult> {
    const ended = this.requestsBeingRecorded?.begin();
    try {
      return await this.recordNow(events);
    } finally {
      ended?.();
    }
  }

  private async recordNow(events: PlumblineEvent[]): Promise<RecordResult> {
    this.log.assertReady();
    // Duplicates first: a re-sent submission must count as a duplicate, not as "already exists".
    const { fresh, freshIndex, duplicates } = this.splitDuplicates(events);
    const issues = validateAgainstLog(fresh, this.log.catalog).map((issue) => ({ ...issue, index: freshIndex[issue.index] }));
    if (issues.length > 0) {
      eventsRejected.inc({ reason: 'semantic' });
      throw new InvalidEventsError(422, issues);
    }
    const stopTimer = publishSeconds.startTimer();
    try {
      const messages = this.log.toMessages(fresh);
      // Handed over before Kafka answers: the projector may read them back before we hear the answer.
      if (this.parsedEvents) messages.forEach((message, i) => this.parsedEvents!.remember(fresh[i], message.value as string));
      await this.log.publish(fresh, messages);
      stopTimer({ outcome: 'acknowledged' });
    } catch (error) {
      stopTimer({ outcome: 'failed' });
      throw error;
    }
    // Counted per type, not per event: a labelled inc costs a label lookup each time.
    const accepted = new Map<string, number>();
    for (const { type } of fresh) accepted.set(type, (accepted.get(type) ?? 0) + 1);
    for (const [type, count] of accepted) eventsAccepted.inc({ type }, count);
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
