#!/usr/bin/env node
// Local single-node Apache Kafka (KRaft, broker + controller in one JVM) for `npm start`
// and `npm test` when KAFKA_BROKERS is unset. Jars come from Maven Central through
// infra/kafka/pom.xml and are cached outside the data dir and git; the log lives under
// <PLUMBLINE_DATA_DIR>/kafka. Plain ESM with no npm dependencies, because it runs before
// (and independently of) `npm install`.
//
//   node infra/kafka/kafka.mjs provision | start | stop | status
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const pomPath = path.join(here, 'pom.xml');

/** The broker version pinned in the pom; the jar cache is keyed by it. */
export function kafkaVersion() {
  return /<kafka\.version>([^<]+)</.exec(fs.readFileSync(pomPath, 'utf8'))[1];
}

/**
 * The JVM settings of the broker and its storage tool. This is a development broker that shares
 * a small machine with the platform, so it spends as little CPU as it can: C1 only (C2 took
 * 100–300 ms of CPU compiling in each of a bench's first replay rounds, and its start took 7.5 s
 * of CPU instead of 4.6), and the serial collector (G1 ran a concurrent cycle, ~100 ms of CPU and
 * pauses of up to 57 ms, at every replay). See README, Performance.
 */
const JVM_FLAGS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

export function cacheDir(env = process.env) {
  const base = env.PLUMBLINE_CACHE_DIR ?? path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'plumbline');
  return path.join(base, `kafka-${kafkaVersion()}`);
}

/** Resolves the broker jars once; later calls reuse the cache. Returns the jar folder. */
export function provisionKafka({ env = process.env, log = console.error } = {}) {
  const jarsDir = path.join(cacheDir(env), 'jars');
  const marker = path.join(jarsDir, '.complete');
  if (fs.existsSync(marker)) return jarsDir;
  log(`Resolving Apache Kafka ${kafkaVersion()} from Maven Central into ${jarsDir} …`);
  fs.rmSync(jarsDir, { recursive: true, force: true });
  fs.mkdirSync(jarsDir, { recursive: true });
  execFileSync('mvn', ['-q', '-B', '-f', pomPath, 'dependency:copy-dependencies', `-DoutputDirectory=${jarsDir}`], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  fs.writeFileSync(marker, new Date().toISOString());
  return jarsDir;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function isOurBroker(pid, kafkaDir) {
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes('kafka.Kafka') && cmdline.includes(kafkaDir);
  } catch {
    return false;
  }
}

function paths(dataDir) {
  const kafkaDir = path.resolve(dataDir, 'kafka');
  return {
    kafkaDir,
    logDirs: path.join(kafkaDir, 'log'),
    state: path.join(kafkaDir, 'plumbline-kafka.json'),
    properties: path.join(kafkaDir, 'server.properties'),
    pidFile: path.join(kafkaDir, 'broker.pid'),
    serverLog: path.join(kafkaDir, 'server.log'),
  };
}

function serverProperties({ port, controllerPort, logDirs }) {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.bootstrap.servers=127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${logDirs}`,
    // One node: every internal topic has a single replica.
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    // A producer that died mid-transaction holds back read_committed consumers until its
    // transaction times out; look for such transactions every 2 s rather than every 10 s.
    'transaction.abort.timed.out.transaction.cleanup.interval.ms=2000',
    // Topics are created by Plumbline's bootstrap with explicit settings, never by accident.
    'auto.create.topics.enable=false',
    '',
  ].join('\n');
}

function waitForStart(child, serverLog, timeoutMs) {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const onExit = (code) => reject(new Error(`Kafka exited with code ${code} during start; see ${serverLog}`));
    child.once('exit', onExit);
    const poll = () => {
      const text = fs.existsSync(serverLog) ? fs.readFileSync(serverLog, 'utf8') : '';
      if (/Kafka Server started/.test(text)) {
        child.off('exit', onExit);
        return resolve();
      }
      if (Date.now() > deadline) {
        child.off('exit', onExit);
        return reject(new Error(`Kafka did not start within ${timeoutMs / 1000} s; see ${serverLog}`));
      }
      setTimeout(poll, 200);
    };
    poll();
  });
}

/**
 * Starts the broker on 127.0.0.1:port with data under <dataDir>/kafka, formatting storage on
 * first use. Resolves once the broker is serving. `stop()` stops it by PID; when a broker of
 * this data dir is already running it is reused and `stop()` leaves it alone.
 */
export async function startKafka({ dataDir, port, env = process.env, log = console.error, detached = false }) {
  const p = paths(dataDir);
  fs.mkdirSync(p.kafkaDir, { recursive: true });
  const runningPid = fs.existsSync(p.pidFile) ? Number(fs.readFileSync(p.pidFile, 'utf8')) : 0;
  if (runningPid && isOurBroker(runningPid, p.kafkaDir)) {
    const state = JSON.parse(fs.readFileSync(p.state, 'utf8'));
    log(`Kafka already running (pid ${runningPid}) on 127.0.0.1:${state.port}`);
    return { pid: runningPid, port: state.port, started: false, stop: async () => {} };
  }

  const jarsDir = provisionKafka({ env, log });
  const classpath = `${jarsDir}/*`;
  // The controller endpoint is written into the quorum at format time, so it is kept for the
  // data dir's lifetime; the broker port may change between starts.
  let state = fs.existsSync(p.state) ? JSON.parse(fs.readFileSync(p.state, 'utf8')) : null;
  if (!state) {
    // A free port is only free until someone binds it: the caller's broker port, found free and
    // released a moment ago, can come back here.
    let controllerPort = Number(env.KAFKA_CONTROLLER_PORT);
    while (!controllerPort || controllerPort === port) controllerPort = await freePort();
    state = { clusterId: randomUUID().replace(/-/g, '').slice(0, 22), controllerPort };
  }
  state.port = port;
  fs.writeFileSync(p.properties, serverProperties({ port, controllerPort: state.controllerPort, logDirs: p.logDirs }));
  if (!fs.existsSync(path.join(p.logDirs, 'meta.properties'))) {
    log(`Formatting KRaft storage in ${p.logDirs}`);
    execFileSync('java', [...JVM_FLAGS, '-cp', classpath, 'kafka.tools.StorageTool', 'format', '--standalone', '-t', state.clusterId, '-c', p.properties], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  fs.writeFileSync(p.state, JSON.stringify(state, null, 2));
  fs.rmSync(p.serverLog, { force: true });

  const child = spawn(
    'java',
    [
      `-Xms256m`,
      `-Xmx${env.KAFKA_HEAP ?? '768m'}`,
      ...JVM_FLAGS,
      `-Dlog4j2.configurationFile=${path.join(here, 'log4j2.properties')}`,
      `-Dkafka.logs.dir=${p.kafkaDir}`,
      '-cp',
      classpath,
      'kafka.Kafka',
      p.properties,
    ],
    { stdio: ['ignore', 'ignore', fs.openSync(path.join(p.kafkaDir, 'jvm.err'), 'a')], detached },
  );
  fs.writeFileSync(p.pidFile, String(child.pid));
  const stop = () => stopPid(child.pid, p.pidFile);
  try {
    await waitForStart(child, p.serverLog, 90_000);
  } catch (err) {
    await stop();
    throw err;
  }
  if (detached) child.unref();
  log(`Kafka ${kafkaVersion()} started (pid ${child.pid}) on 127.0.0.1:${port}`);
  return { pid: child.pid, port, started: true, stop };
}

async function stopPid(pid, pidFile) {
  const alive = () => {
    try {
      process.kill(pid, 0);
      return fs.existsSync(`/proc/${pid}`) && !fs.readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
    } catch {
      return false;
    }
  };
  if (alive()) {
    process.kill(pid, 'SIGTERM');
    for (let i = 0; i < 150 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
    if (alive()) process.kill(pid, 'SIGKILL');
  }
  fs.rmSync(pidFile, { force: true });
}

/** Stops the broker of this data dir by the PID it recorded, if it is running. */
export async function stopKafka({ dataDir }) {
  const p = paths(dataDir);
  if (!fs.existsSync(p.pidFile)) return false;
  const pid = Number(fs.readFileSync(p.pidFile, 'utf8'));
  if (!isOurBroker(pid, p.kafkaDir)) {
    fs.rmSync(p.pidFile, { force: true });
    return false;
  }
  await stopPid(pid, p.pidFile);
  return true;
}

/**
 * Ends the transactions that have held a partition of `topic` open for more than `minAgeMs`:
 * commits those their coordinator committed, aborts the rest (see ResolveHangingTransactions.java).
 * Returns the tool's report.
 */
export function resolveHangingTransactions({ bootstrap, topic, minAgeMs = 60_000, dryRun = false, env = process.env }) {
  const jarsDir = provisionKafka({ env, log: () => undefined });
  const tool = path.join(here, 'ResolveHangingTransactions.java');
  return execFileSync('java', ['-cp', `${jarsDir}/*`, tool, bootstrap, topic, String(minAgeMs), ...(dryRun ? ['--dry-run'] : [])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const env = process.env;
  const dataDir = env.PLUMBLINE_DATA_DIR ?? '.data';
  const port = Number(env.KAFKA_PORT ?? 9092);
  const command = process.argv[2];
  const run = {
    provision: async () => console.log(provisionKafka()),
    start: async () => startKafka({ dataDir, port, detached: true }),
    stop: async () => console.log((await stopKafka({ dataDir })) ? 'Kafka stopped' : 'Kafka was not running'),
    'resolve-hanging': async () =>
      process.stdout.write(
        resolveHangingTransactions({ bootstrap: env.KAFKA_BROKERS ?? `127.0.0.1:${port}`, topic: env.KAFKA_TOPIC ?? 'plumbline.events', dryRun: process.argv.includes('--dry-run') }),
      ),
  }[command];
  if (!run) {
    console.error('usage: kafka.mjs provision|start|stop|resolve-hanging [--dry-run]');
    process.exit(2);
  }
  run().catch((err) => {
    console.error(err.message);
    process.exit(1);
  });
}
