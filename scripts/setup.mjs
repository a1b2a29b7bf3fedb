// Shared by `npm start` and `npm test`: install what a fresh clone lacks, and run child
// processes that are stopped (by PID) whenever the parent stops.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Installs the locked npm packages when node_modules is missing or older than the lock file.
 * `npm install`, not `npm ci`: chDB lists engine packages for other platforms that the registry
 * does not serve, which `npm ci` reports as a lock file out of sync; `npm install` still installs
 * exactly the locked versions of everything that exists.
 */
export function ensureNodeModules() {
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= fs.statSync(lock).mtimeMs) return;
  console.error('Installing npm packages …');
  execFileSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
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

/** The platform serves the built dashboard; build it when the build is missing or older than its sources. */
export function buildDashboardIfMissing() {
  const built = path.join(root, 'dist', 'apps', 'dashboard', 'index.html');
  const newest = (dir) => fs.readdirSync(dir, { withFileTypes: true }).reduce((max, e) => Math.max(max, e.isDirectory() ? newest(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).mtimeMs), 0);
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= newest(path.join(root, 'apps', 'dashboard', 'src'))) return;
  console.error('Building the dashboard …');
  execFileSync(path.join(root, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn', '--config', 'apps/dashboard/vite.config.mts'], { cwd: root, stdio: 'inherit' });
}

/** Browser tests drive Debian's Chromium; install it when missing (CI runs as root). */
export function ensureChromium() {
  if (fs.existsSync('/usr/bin/chromium')) return;
  console.error('Installing Chromium for the browser tests (apt-get install chromium) …');
  const apt = (args) => execFileSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  apt(['update', '-qq']);
  apt(['install', '-y', '-qq', 'chromium']);
}

/**
 * chDB's jemalloc (configured by JE_MALLOC_CONF) keeps freed pages for 5 s by default and returns
 * them only when it next allocates; a background thread returning them after 1 s lowers the
 * resident set when query memory and a report's overlap.
 */
const CHDB_MALLOC_CONF = 'background_thread:true,dirty_decay_ms:1000';

/**
 * The environment of a Plumbline service process: a 512 MiB main-thread heap unless NODE_OPTIONS
 * says otherwise (V8 would otherwise let garbage grow towards a quarter of the machine's memory
 * before collecting it, and the resident set with it; the report worker has its own limit,
 * REPORT_WORKER_HEAP_MIB), a main-thread young generation of 32 MiB semi-spaces instead of 16 (a
 * fetch being projected outlives several collections of a smaller one, which copy it each time;
 * workers keep V8's default, see startTypeScriptWorker), two of V8's helper threads instead of
 * four (they collect garbage beside the main thread; with two, replays on two cores were ~2%
 * faster), two malloc arenas (chDB's and the
 * workers' threads would each keep an arena of freed memory), a fixed mmap threshold (glibc raises it after large frees, and then keeps
 * the freed fact arrays and query buffers of a report in its heap instead of unmapping them) and chDB's allocator returning freed memory promptly. The same
 * defaults are in test/support/platform-process.ts (TypeScript run as CommonJS cannot import
 * this module) and infra/docker/Dockerfile.
 */
export const serviceEnv = (env = process.env) => ({
  ...env,
  NODE_OPTIONS: env.NODE_OPTIONS ?? '--max-old-space-size=512 --max-semi-space-size=32 --v8-pool-size=2',
  MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? '2',
  MALLOC_MMAP_THRESHOLD_: env.MALLOC_MMAP_THRESHOLD_ ?? '131072',
  JE_MALLOC_CONF: env.JE_MALLOC_CONF ?? CHDB_MALLOC_CONF,
});

/** Runs a TypeScript entry point of the workspace with SWC (decorator metadata for NestJS). */
export function spawnTs(entry, args = [], { nodeArgs = [], ...options } = {}) {
  return spawn(process.execPath, [...nodeArgs, '-r', '@swc-node/register', path.join(root, entry), ...args], { cwd: root, stdio: 'inherit', ...options });
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
