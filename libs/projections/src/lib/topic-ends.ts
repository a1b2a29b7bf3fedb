import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { PlumblineConfig } from '@plumbline/config';
import type { Admin, Kafka } from 'kafkajs';
import { PROJECTIONS_CONFIG, PROJECTIONS_KAFKA } from './tokens';

/**
 * The event topic's end offset per partition, through one admin client kept connected: status
 * requests, metric scrapes and replays ask often, and connecting costs more than the question.
 * A failed request (the broker closes idle connections, or restarted) is tried once more on a
 * fresh connection.
 */
@Injectable()
export class TopicEnds implements OnApplicationShutdown {
  private admin: Promise<Admin> | null = null;

  constructor(
    @Inject(PROJECTIONS_KAFKA) private readonly kafka: Kafka,
    @Inject(PROJECTIONS_CONFIG) private readonly config: PlumblineConfig,
  ) {}

  async get(): Promise<Map<number, number>> {
    try {
      return await this.fetch();
    } catch {
      return this.fetch();
    }
  }

  private async fetch(): Promise<Map<number, number>> {
    const admin = (this.admin ??= this.connect());
    try {
      return new Map((await (await admin).fetchTopicOffsets(this.config.kafka.topic)).map((o) => [o.partition, Number(o.high)]));
    } catch (error) {
      if (this.admin === admin) this.admin = null;
      await admin.then((a) => a.disconnect()).catch(() => undefined);
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const admin = this.admin;
    this.admin = null;
    await admin?.then((a) => a.disconnect()).catch(() => undefined);
  }

  private async connect(): Promise<Admin> {
    const admin = this.kafka.admin();
    await admin.connect();
    return admin;
  }
}
