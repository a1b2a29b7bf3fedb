#!/usr/bin/env node
// `npm test`: installs what is missing, type-checks, lints (module boundaries included) and runs
// builds the dashboard and runs every Vitest test — unit, integration against a real Kafka broker
// (started and stopped by the projects' global setup) and chDB, and browser tests in Chromium —
// then prints `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureChromium, ensureJavaAndMaven, ensureNodeModules, root } from './setup.mjs';

ensureNodeModules();
if (!process.env.KAFKA_BROKERS) ensureJavaAndMaven();
ensureChromium();

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const run = (command, args) => spawnSync(command, args, { cwd: root, env, stdio: 'inherit' }).status === 0;

const checks = [
  ['type check', () => run(bin('tsc'), ['-p', 'tsconfig.json']) && run(bin('tsc'), ['-p', 'apps/dashboard/tsconfig.json'])],
  // The platform serves the built dashboard; the browser tests drive it.
  ['dashboard build', () => run(bin('vite'), ['build', '--logLevel', 'warn', '--config', 'apps/dashboard/vite.config.mts'])],
  // nx computes the project graph that the module-boundary rule reads.
  ['lint', () => run(bin('nx'), ['show', 'projects']) && run(bin('eslint'), ['.'])],
];
let passed = 0;
let failed = 0;
for (const [name, check] of checks) {
  console.log(`\n▶ ${name}`);
  if (check()) passed++;
  else {
    failed++;
    console.log(`✗ ${name} failed`);
  }
}

const report = path.join(root, '.data', 'test-results.json');
fs.mkdirSync(path.dirname(report), { recursive: true });
fs.rmSync(report, { force: true });
console.log('\n▶ vitest');
const vitestPassed = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${report}`, ...process.argv.slice(2)]);

let skipped = 0;
if (fs.existsSync(report)) {
  const results = JSON.parse(fs.readFileSync(report, 'utf8'));
  const testsFailed = results.numFailedTests + (results.numFailedTestSuites > 0 && results.numFailedTests === 0 ? results.numFailedTestSuites : 0);
  passed += results.numPassedTests;
  failed += testsFailed;
  skipped += results.numPendingTests + results.numTodoTests;
  // Vitest fails the run for errors outside any test too (a test process that crashed, an
  // unhandled rejection); the report then leaves the unfinished tests pending, not failed.
  if (!vitestPassed && testsFailed === 0) {
    failed++;
    console.log('✗ vitest failed outside any test (see "Unhandled Errors" above)');
  }
} else {
  failed++;
  console.log('✗ vitest produced no report');
}
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
