#!/usr/bin/env node
// `npm start`: on a fresh clone, installs what is missing, starts the local Kafka broker (unless
// KAFKA_BROKERS is set) and the Plumbline platform, and stops both when it is stopped.
import { ensureJavaAndMaven, ensureNodeModules, onShutdown, spawnTs } from './setup.mjs';

ensureNodeModules();
const env = { ...process.env };
const dataDir = env.PLUMBLINE_DATA_DIR || '.data';
let kafka = null;
let platform = null;

const shutdown = onShutdown(async () => {
  if (platform && platform.exitCode === null) {
    platform.kill('SIGTERM');
    await new Promise((resolve) => platform.once('exit', resolve));
  }
  await kafka?.stop();
});

try {
  if (!env.KAFKA_BROKERS) {
    ensureJavaAndMaven();
    const { startKafka } = await import('../infra/kafka/kafka.mjs');
    kafka = await startKafka({ dataDir, port: Number(env.KAFKA_PORT || 9092) });
    env.KAFKA_BROKERS = `127.0.0.1:${kafka.port}`;
  }
  platform = spawnTs('apps/platform/src/main.ts', [], { env });
  platform.on('exit', (code) => shutdown(code ?? 1));
} catch (error) {
  console.error(error.message);
  await shutdown(1);
}
