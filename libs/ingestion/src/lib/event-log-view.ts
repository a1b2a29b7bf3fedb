import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { PlumblineConfig } from '@plumbline/config';
import { builtInRubrics, eventKey, LogCatalog, parseEvent, rubricPublishedEvent, type PlumblineEvent } from '@plumbline/events';
import { bootstrapTopics, EventLogUnavailableError, type LogPublisher, type WrittenBatch } from '@plumbline/kafka';
import type { Kafka, Message } from 'kafkajs';
import { HealthChecks, kafkaLogToNest } from '@plumbline/server';
import { LogTailThread } from './log-tail-thread';
import type { TailMessage } from './own-writes';
import { RecentEventIds } from './recent-event-ids';
import { INGESTION_CONFIG, KAFKA, PUBLISHER } from './tokens';

/**
 * What ingestion knows of the event log: the rubrics and scorecards later events refer to, and
 * the eventIds recently written. Built on start by reading the topic from the beginning (the
 * log is the only source of truth), then kept current by following it (LogTailThread), so rubrics
 * published through another instance become known too. Until the first read is done, writes are refused
 * with 503: validating against a half-read log could accept an amendment of nothing.
 */
@Injectable()
export class EventLogView implements OnModuleInit, OnApplicationShutdown {
  readonly catalog = new LogCatalog();
  readonly recent: RecentEventIds;
  private readonly logger = new Logger(EventLogView.name);
  private tail: LogTailThread | null = null;
  private ready = false;
  private stopped = false;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(INGESTION_CONFIG) private readonly config: PlumblineConfig,
    @Inject(PUBLISHER) private readonly publisher: LogPublisher,
    private readonly health: HealthChecks,
  ) {
    this.recent = new RecentEventIds(config.ingest.dedupWindow);
  }

  onModuleInit(): void {
    this.health.register('kafka', async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      await admin.describeCluster().finally(() => admin.disconnect());
    });
    this.health.register('eventLog', async () => {
      if (!this.ready) throw new Error('still reading the event log');
    });
    // Kafka may be down at start: keep trying in the background, /health tells the state.
    void this.openWithRetries();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.tail?.stop();
    await this.publisher.disconnect();
  }

  /** Throws 503-worthy errors until the log has been read once. */
  assertReady(): void {
    if (!this.ready) throw new EventLogUnavailableError('ingestion is still reading the event log; retry shortly');
  }

  /** Kafka messages for events already validated against `catalog`, in order. */
  toMessages(events: PlumblineEvent[]): Message[] {
    const staged = this.catalog.stage();
    return events.map((event) => {
      staged.apply(event);
      // The eventId header lets readFromLog skip our own writes without parsing them.
      return { key: eventKey(event, staged), value: JSON.stringify(event), headers: { eventId: event.eventId } };
    });
  }

  /**
   * Publishes validated events as `messages` (from toMessages) in one atomic write, and records
   * them once Kafka acknowledged it. The tail leaves them to this call meanwhile, and passes them
   * on only if the write failed (it may have committed all the same).
   */
  async publish(events: PlumblineEvent[], messages: Message[]): Promise<void> {
    // The tail that was told of the write hears how it ended, even if another has replaced it.
    const tail = this.tail;
    const write = tail?.writing();
    let batches: WrittenBatch[] | null = null;
    try {
      batches = await this.publisher.publish(messages);
      this.record(events);
    } finally {
      if (tail && write !== undefined) tail.written(write, batches);
    }
  }

  /** Records events Kafka has acknowledged. */
  private record(events: PlumblineEvent[]): void {
    for (const event of events) {
      this.catalog.apply(event);
      this.recent.add(event.eventId);
    }
  }

  isDuplicate(event: PlumblineEvent): boolean {
    return this.recent.has(event.eventId) || this.catalog.hasApplied(event);
  }

  private async openWithRetries(): Promise<void> {
    for (let attempt = 1; !this.ready && !this.stopped; attempt++) {
      try {
        await this.open();
      } catch (error) {
        await this.tail?.stop().catch(() => undefined);
        this.tail = null;
        this.logger.warn(`event log not available yet (attempt ${attempt}): ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 250 * attempt)));
      }
    }
  }

  private async open(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    const created = await bootstrapTopics(admin, this.config.kafka).finally(() => admin.disconnect());
    if (created) this.logger.log(`created topics ${this.config.kafka.topic} and ${this.config.kafka.dlqTopic}`);
    this.tail = this.followLog();
    await this.tail.caughtUp;
    await this.publisher.connect();
    await this.publishMissingBuiltInRubrics();
    this.ready = true;
    this.logger.log(`event log read: ${this.recent.size} recent events known`);
  }

  /** SPEC §2: the log alone describes every rubric it uses, so built-ins are published into it. */
  private async publishMissingBuiltInRubrics(): Promise<void> {
    const missing = builtInRubrics.filter((rubric) => !this.catalog.rubric(rubric.rubricId, rubric.version)).map((rubric) => rubricPublishedEvent(rubric));
    if (missing.length === 0) return;
    await this.publish(missing, this.toMessages(missing));
    this.logger.log(`published built-in rubrics: ${missing.map((e) => e.data.rubricId).join(', ')}`);
  }

  /**
   * Starts the log tail, and starts it again should its thread stop: it reads the log from the
   * beginning then, which changes nothing already recorded.
   */
  private followLog(): LogTailThread {
    const data = { kafka: this.config.kafka, topic: this.config.kafka.topic, groupPrefix: 'plumbline-ingest-view', ownWindow: this.config.ingest.dedupWindow };
    return new LogTailThread(data, (messages) => this.readFromLog(messages), kafkaLogToNest, (error) => {
      if (this.stopped || !this.ready) return; // starting: openWithRetries tries again
      this.logger.error(`${error.message}; following the log again`);
      this.tail = this.followLog();
    });
  }

  /** Messages the tail passes on: others' writes, and any of ours whose write failed here. */
  private readFromLog(messages: TailMessage[]): void {
    for (const message of messages) {
      // A tail started anew (its thread stopped) takes our writes in flight for others'; they
      // are recorded here a moment early, which recording them again on acknowledgement leaves as is.
      const { eventId } = message;
      if (eventId && this.recent.has(eventId)) continue;
      let raw: unknown;
      try {
        raw = JSON.parse(message.value ?? '');
      } catch {
        continue; // garbage is the projector's to dead-letter; it names nothing we need
      }
      const parsed = parseEvent(raw);
      if (parsed.ok) this.record([parsed.event]);
    }
  }
}
