import type { ClickHouseClient } from '@clickhouse/client';
import { exampleScorecardSubmitted, mlSystemDesignRubric, ParsedEvents, rubricPublishedEvent } from '@plumbline/events';
import { GENERATIONS_TABLE, projectionTables } from '@plumbline/clickhouse';
import { CLICKHOUSE, generationsWithStatus, liveGeneration, ProjectionStore, projectionChecksums, ProjectorService, ReplayService, RETIRED_KEEP_MS } from '@plumbline/projections';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createPlatformApp } from '../../apps/platform/src/platform-app';
import { startApp, TEST_SECRET, testConfig, waitUntil, type RunningApp } from '../support/app';
import { readTopic } from '../support/kafka';
import { mixedLog, projectedFigures, referenceFigures } from '../support/mixed-log';

const brokers = inject('kafkaBrokers');
let platform: RunningApp;
let clickhouse: ClickHouseClient;
const kafka = new Kafka({ brokers: brokers.split(','), clientId: 'test-raw-producer', logLevel: logLevel.NOTHING });

/** Produces straight to the topic, bypassing ingestion: how garbage and raw duplicates get in. */
async function produceRaw(messages: { key: string; value: string; headers?: Record<string, string> }[]): Promise<void> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  await producer.send({ topic: platform.config.kafka.topic, messages });
  await producer.disconnect();
}

async function caughtUp(): Promise<any> {
  let status: any;
  await waitUntil(async () => {
    status = (await platform.get('/v1/status')).body;
    return status.lag.events === 0 && status.replay === null;
  }, 60_000);
  return status;
}

const liveStore = async () => new ProjectionStore(clickhouse, (await liveGeneration(clickhouse)).generation);

beforeAll(async () => {
  platform = await startApp(createPlatformApp, testConfig(brokers));
  clickhouse = platform.app.get(CLICKHOUSE);
}, 120_000);
afterAll(() => platform?.close());

describe('projections of a mixed log (real broker, embedded ClickHouse)', () => {
  const log = mixedLog(60, 7);
  const late = exampleScorecardSubmitted({ scorecardId: 'sc-late', candidateId: 'cand-late', interviewerId: 'int-late', rubricId: 'late-rubric' });
  // Off the late rubric's scale: ingestion would have refused it, so once the rubric is known it counts nowhere.
  const lateOffScale = exampleScorecardSubmitted({ scorecardId: 'sc-late-bad', candidateId: 'cand-late', interviewerId: 'int-late-bad', rubricId: 'late-rubric', ratings: [{ signal: 'modeling', rating: 9 }] });

  it('projects exactly the figures of a clean pass, whatever duplicates and garbage the log holds', async () => {
    // Watched, not replaced: what ingestion hands the projector beside it (the all-in-one process).
    const handedOver = vi.spyOn(platform.app.get(ParsedEvents), 'remember');
    for (let i = 0; i < log.length; i += 50) expect((await platform.post({ events: log.slice(i, i + 50) })).status).toBe(202);
    // Re-sent through the API (recognised at the door) and produced raw (only the projector can tell).
    expect((await platform.post({ events: log.slice(0, 20) })).body).toEqual({ accepted: 0, duplicates: 20 });
    const amended = log.find((e) => e.type === 'ScorecardAmended')!;
    const raw = (e: (typeof log)[number], key: string) => ({ key, value: JSON.stringify(e) });
    await produceRaw([
      raw(log[0], (log[0].data as any).candidateId),
      raw(amended, (log.find((e) => e.type === 'ScorecardSubmitted' && e.data.scorecardId === (amended.data as any).scorecardId)!.data as any).candidateId),
      // A copy whose producer put something other than an eventId in the header ingestion uses.
      { ...raw(log[1], (log[1].data as any).candidateId), headers: { eventId: 'not-an-event-id' } },
      { key: 'garbage', value: 'this is not JSON {' },
      { key: 'garbage', value: JSON.stringify({ ...log[1], type: 'ScorecardShredded' }) },
      raw(late, 'cand-late'),
      raw(lateOffScale, 'cand-late'),
    ]);

    const status = await caughtUp();
    expect(await projectedFigures(await liveStore())).toEqual(referenceFigures(log));
    expect(status.deadLetters).toBe(2);
    expect(status.eventsProjected).toBe(log.length + 2 + 2); // + the built-in rubrics + the late scorecards
    // Every event ingestion wrote was read back without parsing it again.
    expect(handedOver).toHaveBeenCalledTimes(log.length);
    expect(platform.app.get(ParsedEvents).size).toBe(0);
  });

  it('sends garbage to the dead-letter topic with the reason and source position, and goes on', async () => {
    const dead = (await readTopic(brokers, platform.config.kafka.dlqTopic, 2)).map((m) => JSON.parse(m.value));
    expect(dead.map((d) => d.reason).sort()).toEqual(['invalid_event', 'not_json']);
    for (const d of dead) expect(d).toMatchObject({ sourceTopic: platform.config.kafka.topic, sourcePartition: expect.any(Number), sourceOffset: expect.any(Number), raw: expect.any(String) });
  });

  it('keeps scorecards that arrived before their rubric and checks them once the rubric is there', async () => {
    const countLate = async (interviewerId: string) => (await projectedFigures(await liveStore())).interviewers.find((i) => i.interviewer_id === interviewerId);
    expect(await countLate('int-late')).toBeUndefined();
    const lateRubric = rubricPublishedEvent({ ...mlSystemDesignRubric, rubricId: 'late-rubric' });
    expect((await platform.post(lateRubric)).status).toBe(202);
    await caughtUp();
    expect(await countLate('int-late')).toEqual({ interviewer_id: 'int-late', scorecards: 1, ratings: 5, total: 15, hire_ratings: 0 });
    expect(await countLate('int-late-bad')).toBeUndefined();
  });

  it('reports zero lag and the last projected offset of every partition', async () => {
    const status = await caughtUp();
    expect(status.partitions).toHaveLength(6);
    for (const p of status.partitions) expect(p.lastProjectedOffset).toBe(p.endOffset - 1);
    expect(status.lag).toEqual({ events: 0, seconds: 0 });
    expect(status.asOf).toEqual(expect.any(String));
  });

  it('replays from offset 0 into fresh tables with identical checksums, then serves from them', async () => {
    const before = await liveStore();
    const checksumsBefore = await projectionChecksums(before);
    const replay = await fetch(`${platform.url}/v1/admin/replay`, { method: 'POST', headers: { authorization: `Bearer ${await platform.token('admin')}` } });
    expect(replay.status).toBe(202);
    const { generation } = (await replay.json()) as { generation: number };
    expect(generation).toBe(before.generation + 1);
    await waitUntil(async () => (await platform.get('/v1/status')).body.generation === generation, 60_000);
    const status = await caughtUp();
    expect(status.generation).toBe(generation);
    const after = await liveStore();
    expect(after.generation).toBe(generation);
    expect(await projectionChecksums(after)).toEqual(checksumsBefore);
    expect(checksumsBefore.ratingFacts.rows).toBeGreaterThan(500);
  });

  it('replays through the CLI, with the same result', async () => {
    const before = await projectionChecksums(await liveStore());
    // Asynchronously: the platform under test shares this process and must keep serving.
    const cli = await promisify(execFile)(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', 'replay', '--url', platform.url], {
      env: { ...process.env, AUTH_JWT_SECRET: TEST_SECRET },
      timeout: 120_000,
    });
    const generation = Number(/Generation (\d+) is live/.exec(cli.stdout)?.[1]);
    const after = await liveStore();
    expect(after.generation).toBe(generation);
    expect(await projectionChecksums(after)).toEqual(before);
  });

  it('exports projector lag, throughput, write latency and replay time to Prometheus', async () => {
    // The live projector follows the replays' generations within seconds; until it has moved,
    // the lag is not reported (the generation it left may already be dropped).
    let metrics = '';
    await waitUntil(async () => /plumbline_projector_lag_events\{partition="0"\} 0/.test((metrics = await (await fetch(`${platform.url}/metrics`)).text())), 10_000);
    expect(metrics).toMatch(/plumbline_projector_events_total\{type="ScorecardSubmitted"\} \d+/);
    expect(metrics).toContain('plumbline_projector_write_seconds_bucket');
    expect(metrics).toMatch(/plumbline_projector_dead_letters_total\{reason="not_json"\} [1-9]/);
    // The two replays above, each timed from its request to its generation going live.
    expect(metrics).toMatch(/^plumbline_replay_seconds_count 2$/m);
    expect(Number(/^plumbline_replay_seconds_sum (\S+)$/m.exec(metrics)?.[1])).toBeGreaterThan(0);
  });

  it('keeps a generation retired seconds ago through the next replay, and drops those retired longer ago', async () => {
    const tablesExist = async (generation: number) => (await (await clickhouse.query({ query: `EXISTS TABLE ${projectionTables(generation).events}`, format: 'JSONEachRow' })).json<{ result: number }>())[0].result === 1;
    // Generation 0, retired an hour ago, with its tables: what a replay long before left behind.
    await new ProjectionStore(clickhouse, 0).createTables();
    await clickhouse.insert({ table: GENERATIONS_TABLE, values: [{ generation: 0, consumer_group: 'plumbline-projector-g0', status: 'retired', changed_at: new Date(Date.now() - 3_600_000).toISOString().replace('T', ' ').replace('Z', '') }], format: 'JSONEachRow' });
    // The one the CLI replay above retired, seconds ago: a projector may still be writing to it.
    const recentlyRetired = (await generationsWithStatus(clickhouse, 'live'))[0].generation - 1;
    const replay = await fetch(`${platform.url}/v1/admin/replay`, { method: 'POST', headers: { authorization: `Bearer ${await platform.token('admin')}` } });
    const { generation } = (await replay.json()) as { generation: number };
    await waitUntil(async () => (await platform.get('/v1/status')).body.generation === generation, 60_000);
    await platform.app.get(ReplayService).finished(); // old tables are dropped last
    await caughtUp();
    expect(await tablesExist(0)).toBe(false);
    const { ageMs } = (await generationsWithStatus(clickhouse, 'retired')).find((g) => g.generation === recentlyRetired)!;
    // Younger than the keep time now, so it was when the replay dropped what it could.
    expect(ageMs).toBeLessThan(RETIRED_KEEP_MS);
    expect(await tablesExist(recentlyRetired)).toBe(true);
    expect(await tablesExist(generation - 1)).toBe(true);
  });

  it("moves this process's projector to a replay's generation as the replay ends, not at its next check", async () => {
    const replays = platform.app.get(ReplayService);
    const { generation } = await replays.start();
    await replays.finished();
    expect(platform.app.get(ProjectorService).generation).toBe(generation);
    const metrics = await (await fetch(`${platform.url}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`^plumbline_projector_generation ${generation}$`, 'm'));
  });

  it('refuses replay and status to roles that may not use them', async () => {
    expect((await platform.get('/v1/status', 'interviewer')).status).toBe(403);
    expect((await platform.get('/v1/status', 'hiring_lead')).status).toBe(200);
    const replay = await fetch(`${platform.url}/v1/admin/replay`, { method: 'POST', headers: { authorization: `Bearer ${await platform.token('hiring_lead')}` } });
    expect(replay.status).toBe(403);
  });
});
