import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startKafka } from '../../infra/kafka/kafka.mjs';
import { freePort } from './free-port';

declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBrokers: string;
  }
}

/**
 * Integration tests need a real broker: the one named by KAFKA_BROKERS, or a local one started
 * here on a free port with its own data dir, and stopped (by PID) when the run ends.
 */
export default async function setup(project: TestProject) {
  if (process.env.KAFKA_BROKERS) {
    project.provide('kafkaBrokers', process.env.KAFKA_BROKERS);
    return;
  }
  const dataDir = path.resolve('.data', 'test', `kafka-${process.pid}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const kafka = await startKafka({ dataDir, port: await freePort(), log: (m) => console.log(m) });
  project.provide('kafkaBrokers', `127.0.0.1:${kafka.port}`);
  return async () => {
    await kafka.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
