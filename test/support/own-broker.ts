import fs from 'node:fs';
import path from 'node:path';
import { startKafka, type LocalKafka } from '../../infra/kafka/kafka.mjs';
import { freePort } from './free-port';

/**
 * A broker of a test's own, on a fresh data dir, for tests that stop or kill it (the shared
 * broker must stay up for everyone else). `start` again reuses the data dir and port.
 */
export class OwnBroker {
  private kafka: LocalKafka | null = null;
  readonly dataDir: string;
  port = 0;

  constructor(name: string) {
    this.dataDir = path.resolve('.data', 'test', `${name}-${process.pid}`);
  }

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (!this.port) {
      fs.rmSync(this.dataDir, { recursive: true, force: true });
      this.port = await freePort();
    }
    this.kafka = await startKafka({ dataDir: this.dataDir, port: this.port, log: () => undefined });
  }

  /** A clean stop (SIGTERM). */
  async stop(): Promise<void> {
    await this.kafka?.stop();
    this.kafka = null;
  }

  /** A crash: SIGKILL, no shutdown. */
  kill(): void {
    if (this.kafka) process.kill(this.kafka.pid, 'SIGKILL');
    this.kafka = null;
  }

  async remove(): Promise<void> {
    await this.stop();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}
