#!/usr/bin/env node
// `npm start`: on a fresh clone, installs what is missing, starts the local Kafka broker (unless
// KAFKA_BROKERS is set) and the Plumbline platform, and stops both when it is stopped.
import fs from 'node:fs';
import path from 'node:path';
import { buildDashboardIfMissing, ensureJavaAndMaven, ensureNodeModules, onShutdown, serviceEnv, spawnTs } from './setup.mjs';

ensureNodeModules();
buildDashboardIfMissing();
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

/** SPEC §8: demo data with planted miscalibration on the first run, unless PLUMBLINE_DEMO=off. */
async function loadDemoOnFirstRun() {
  const port = env.PORT || '3000';
  const truth = path.join(dataDir, 'demo', 'truth.json');
  if (env.PLUMBLINE_DEMO === 'off' || fs.existsSync(truth)) return;
  for (let i = 0; i < 240; i++) {
    const ready = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false);
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  console.log('First run: loading the demo org (PLUMBLINE_DEMO=off skips this) …');
  const demo = spawnTs('apps/cli/src/main.ts', ['demo', '--url', `http://127.0.0.1:${port}`], { env });
  const code = await new Promise((resolve) => demo.once('exit', resolve));
  if (code !== 0) console.error('Loading the demo data failed; the platform keeps running. Retry: npm run plumbline -- demo');
  else console.log(`Plumbline API: http://127.0.0.1:${port}/v1/interviewers (docs: /docs; a token: npm run -s token -- --role hiring_lead)`);
}

try {
  if (!env.KAFKA_BROKERS) {
    ensureJavaAndMaven();
    const { startKafka } = await import('../infra/kafka/kafka.mjs');
    kafka = await startKafka({ dataDir, port: Number(env.KAFKA_PORT || 9092) });
    env.KAFKA_BROKERS = `127.0.0.1:${kafka.port}`;
  }
  platform = spawnTs('apps/platform/src/main.ts', [], { env: serviceEnv(env) });
  platform.on('exit', (code) => shutdown(code ?? 1));
  await loadDemoOnFirstRun();
} catch (error) {
  console.error(error.message);
  await shutdown(1);
}
