// A smoke test of `npm run bench` on a tiny org: every row of SPEC §9 is produced and written to
// latest.json. It asserts nothing about speed (tests never do); the bench reports that.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';

const brokers = inject('kafkaBrokers');
const dataDir = path.resolve('.data', 'test', `bench-${process.pid}`);
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('npm run bench', () => {
  it('produces every row of the table and latest.json on a tiny size', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['scripts/bench.mjs', '--candidates', '40', '--freshness-seconds', '1'], {
      env: { ...process.env, KAFKA_BROKERS: brokers, PLUMBLINE_DATA_DIR: dataDir },
      timeout: 280_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    for (const row of ['| ingestion |', '| projection |', '| freshness |', '| query /v1/interviewers |', '| query /v1/signals |', '| severity fit |', '| memory |']) expect(stdout).toContain(row);
    expect(stdout).toMatch(/\| severity fit \| .* \| — \| — \|\n/); // no target, so no verdict
    const latest = JSON.parse(fs.readFileSync(path.join(dataDir, 'bench', 'latest.json'), 'utf8'));
    const figures = [latest.ingestion.ratio, latest.projection.ratio, latest.freshness.p95Ms, latest.queries.p95Ms, latest.memory.peakRssMiB, latest.memory.mainHeapPeakMiB, latest.memory.fileBackedAtRssPeakMiB];
    for (const figure of figures) expect(Number.isFinite(figure) && figure > 0, JSON.stringify(latest)).toBe(true);
    // Each round timed on both sides: ingestion's rounds are of at least 4 requests each (a tiny
    // log is one request, so one round), and a small log is replayed in three.
    expect(latest.ingestion.roundSeconds).toHaveLength(1);
    for (const r of latest.ingestion.roundSeconds) expect(r.platform > 0 && r.raw > 0, JSON.stringify(r)).toBe(true);
    expect(latest.ingestion.warmUpSeconds).toBeNull(); // no request to spare for it
    expect(latest.projection.roundSeconds).toHaveLength(3);
    for (const r of [...latest.projection.roundSeconds, latest.projection.warmUpSeconds]) expect(r.replay > 0 && r.bare > 0, JSON.stringify(r)).toBe(true);
  }, 300_000);
});
