#!/usr/bin/env node
// `npm run bench`: starts a local broker (unless KAFKA_BROKERS), runs test/load/bench.ts with the
// given flags, prints its table, and stops what it started. Sizes: --candidates (default 3000);
// --profile writes CPU profiles of the platform process to <data dir>/bench/profile.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ensureJavaAndMaven, ensureNodeModules, onShutdown, root, spawnTs } from './setup.mjs';

ensureNodeModules();
const env = { ...process.env, KAFKAJS_NO_PARTITIONER_WARNING: '1' };
const dataDir = path.resolve(env.PLUMBLINE_DATA_DIR || '.data', 'bench', 'kafka');
let kafka = null;
let bench = null;
let failed = false;
const shutdown = onShutdown(async () => {
  // The bench stops the platform it started; wait for it before the broker goes.
  if (bench && bench.exitCode === null && bench.signalCode === null) {
    const exited = new Promise((resolve) => bench.once('exit', resolve));
    bench.kill('SIGTERM');
    await exited;
  }
  await kafka?.stop();
  if (failed) keepBrokerLogs();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** After a failed run the broker's own logs tell whether it was the broker that went away. */
function keepBrokerLogs() {
  const kept = path.resolve(env.PLUMBLINE_DATA_DIR || '.data', 'bench', 'kafka-logs');
  const logs = ['server.log', 'jvm.err'].map((name) => path.join(dataDir, 'kafka', name)).filter((file) => fs.existsSync(file));
  if (logs.length === 0) return;
  fs.rmSync(kept, { recursive: true, force: true });
  fs.mkdirSync(kept, { recursive: true });
  for (const file of logs) fs.copyFileSync(file, path.join(kept, path.basename(file)));
  console.error(`The broker's logs are kept in ${kept}`);
}

const freePort = () =>
  new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

try {
  if (!env.KAFKA_BROKERS) {
    ensureJavaAndMaven();
    const { startKafka } = await import('../infra/kafka/kafka.mjs');
    fs.rmSync(dataDir, { recursive: true, force: true });
    kafka = await startKafka({ dataDir, port: await freePort() });
    env.KAFKA_BROKERS = `127.0.0.1:${kafka.port}`;
  }
  bench = spawnTs('test/load/bench.ts', process.argv.slice(2), { env, cwd: root });
  bench.on('exit', (code) => {
    failed = code !== 0;
    void shutdown(code ?? 1);
  });
} catch (error) {
  console.error(error.message);
  failed = true;
  await shutdown(1);
}
