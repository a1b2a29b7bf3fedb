// Shared by `npm start` and `npm test`: install what a fresh clone lacks, and run child
// processes that are stopped (by PID) whenever the parent stops.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `npm ci` when node_modules is missing or older than the lock file. */
export function ensureNodeModules() {
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= fs.statSync(lock).mtimeMs) return;
  console.error('Installing npm packages (npm ci) …');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
}

/** The local broker needs a JDK 17+ and Maven; say so plainly instead of failing deep inside. */
export function ensureJavaAndMaven() {
  for (const [tool, args, hint] of [
    ['java', ['-version'], 'a JDK 17 or newer (Debian: apt-get install -y openjdk-17-jdk-headless)'],
    ['mvn', ['-v'], 'Apache Maven (Debian: apt-get install -y maven)'],
  ]) {
    if (spawnSync(tool, args, { stdio: 'ignore' }).status !== 0) {
      throw new Error(`${tool} not found: the local Kafka broker needs ${hint}, or set KAFKA_BROKERS to use an existing cluster.`);
    }
  }
}

/** Runs a TypeScript entry point of the workspace with SWC (decorator metadata for NestJS). */
export function spawnTs(entry, args = [], options = {}) {
  return spawn(process.execPath, ['-r', '@swc-node/register', path.join(root, entry), ...args], { cwd: root, stdio: 'inherit', ...options });
}

/** Calls `cleanup` once on normal exit, failure or a stop signal, then exits. */
export function onShutdown(cleanup) {
  let done = false;
  const run = async (code) => {
    if (done) return;
    done = true;
    try {
      await cleanup();
    } finally {
      process.exit(code);
    }
  };
  process.on('SIGINT', () => run(130));
  process.on('SIGTERM', () => run(143));
  process.on('uncaughtException', (error) => {
    console.error(error);
    void run(1);
  });
  return run;
}
