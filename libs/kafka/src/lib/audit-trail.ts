import type { AuditEntry } from '@plumbline/events';
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import { EventLogUnavailableError } from './event-publisher';

/**
 * Writes audit entries to the audit topic, acknowledged by every replica (acks=all) before
 * `record` resolves: callers record before they act (an export is served only once its audit
 * entry is durable), so an action without its entry cannot happen.
 */
export class AuditTrail {
  private producer: Promise<Producer> | null = null;

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    private readonly timeoutMs = 8_000,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs)));
    try {
      const producer = await Promise.race([this.connected(), deadline]);
      await Promise.race([producer.send({ topic: this.topic, acks: -1, messages: [{ key: entry.actor.sub, value: JSON.stringify(entry), headers: { type: entry.type } }] }), deadline]);
    } catch (error) {
      this.producer = null; // start afresh next time
      throw new EventLogUnavailableError(`the audit trail could not be written: ${(error as Error).message}`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  async disconnect(): Promise<void> {
    const producer = this.producer;
    this.producer = null;
    await (await producer?.catch(() => null))?.disconnect();
  }

  private connected(): Promise<Producer> {
    this.producer ??= (async () => {
      const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
      await producer.connect();
      return producer;
    })();
    return this.producer;
  }
}
