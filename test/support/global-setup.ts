import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startKafka, type LocalKafka } from '../../infra/kafka/kafka.mjs';
import { freePort } from './free-port';

declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBrokers: string;
  }
}

/**
 * Integration and browser tests need a real broker: the one named by KAFKA_BROKERS, or a local
 * one started here on a free port with its own data dir, and stopped (by PID) when the run ends.
 * Several Vitest projects run this setup in one process; they share one broker, counted so the
 * last project to finish stops it (two brokers on one data dir would corrupt each other).
 */
const shared = globalThis as typeof globalThis & { plumblineTestKafka?: { broker: Promise<LocalKafka>; users: number; dataDir: string } };

export default async function setup(project: TestProject) {
  if (process.env.KAFKA_BROKERS) {
    project.provide('kafkaBrokers', process.env.KAFKA_BROKERS);
    return;
  }
  if (!shared.plumblineTestKafka) {
    const dataDir = path.resolve('.data', 'test', `kafka-${process.pid}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
    shared.plumblineTestKafka = { broker: freePort().then((port) => startKafka({ dataDir, port, log: (m) => console.log(m) })), users: 0, dataDir };
  }
  const state = shared.plumblineTestKafka;
  state.users++;
  const kafka = await state.broker;
  project.provide('kafkaBrokers', `127.0.0.1:${kafka.port}`);
  return async () => {
    if (--state.users > 0) return;
    await kafka.stop();
    fs.rmSync(state.dataDir, { recursive: true, force: true });
    shared.plumblineTestKafka = undefined;
  };
}
