import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClickHouse } from '@plumbline/clickhouse';
import { exampleScorecardAmended, exampleScorecardSubmitted, mlSystemDesignRubric, rubricPublishedEvent, type PlumblineEvent } from '@plumbline/events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeMessage, eventIdsOf, knownAfter, nothingKnown, projectBatch, type ScorecardRow } from './project-batch';
import { ProjectionStore } from './projection-store';

describe('ProjectionStore rubric checks (embedded chDB)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-store-'));
  const client = createClickHouse({ mode: 'embedded', path: dataDir });
  let offset = 0;
  const messages = (events: PlumblineEvent[]) => events.map((e) => decodeMessage({ partition: 0, offset: offset++, timestamp: Date.now(), value: Buffer.from(JSON.stringify(e)) }));
  const position = () => [{ partition: 0, nextOffset: offset, lastLoggedAt: new Date().toISOString() }];
  const validIds = async (store: ProjectionStore) =>
    (await store.rows<{ scorecard_id: string }>(`SELECT scorecard_id FROM ${store.tables.validScorecards} ORDER BY scorecard_id`)).map((r) => r.scorecard_id);

  beforeAll(() => new ProjectionStore(client, 1).createTables());
  afterAll(async () => {
    await client.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('counts a scorecard projected before its rubric once another projector has projected the rubric', async () => {
    // Two projectors of one generation: one has projected the rubric, the other has not seen it
    // and writes the scorecard as pending (as when its batch was decided before the rubric landed).
    const first = new ProjectionStore(client, 1);
    const second = new ProjectionStore(client, 1);
    const rubric = { ...mlSystemDesignRubric, rubricId: 'elsewhere' };
    await first.write(projectBatch(messages([rubricPublishedEvent(rubric)]), nothingKnown()), position());
    const late = projectBatch(messages([exampleScorecardSubmitted({ scorecardId: 'sc-late', rubricId: 'elsewhere' })]), nothingKnown());
    expect(late.scorecards[0].rubric_check).toBe('pending');

    await second.write(late, position());
    expect(await validIds(second)).toEqual(['sc-late']);
  });

  it('leaves out a scorecard with a rating off its rubric, and one whose rubric never comes', async () => {
    const store = new ProjectionStore(client, 1);
    const offScale = exampleScorecardSubmitted({ scorecardId: 'sc-off', rubricId: 'elsewhere', ratings: [{ signal: 'modeling', rating: 9 }] });
    const orphan = exampleScorecardSubmitted({ scorecardId: 'sc-orphan', rubricId: 'never' });
    const batch = messages([offScale, orphan]);
    const writes = projectBatch(batch, await store.knownState(batch));
    expect(writes.scorecards.map((s) => s.rubric_check)).toEqual(['invalid', 'pending']);
    await store.write(writes, position());
    expect(await validIds(store)).toEqual(['sc-late']);
  });

  it('looks nothing up in tables without events, and looks up again once they have some', async () => {
    const store = new ProjectionStore(client, 2);
    await store.createTables();
    const queries = vi.spyOn(client, 'query');
    const submitted = exampleScorecardSubmitted({ scorecardId: 'sc-looked-up', rubricId: 'elsewhere' });
    const first = messages([submitted]);
    const known = await store.knownState(first);
    expect(known.firstSeen.size + known.scorecards.size).toBe(0);
    // Only the question whether the tables hold events: no query names the batch's eventIds.
    expect(queries.mock.calls.map(([{ query }]) => query).filter((query) => query.includes('{ids:'))).toEqual([]);
    await store.write(projectBatch(first, known), position());

    // The same event again and an amendment of its scorecard, in a later batch.
    const later = messages([submitted, exampleScorecardAmended({ scorecardId: 'sc-looked-up' })]);
    const knownLater = await store.knownState(later);
    expect(knownLater.firstSeen.get(submitted.eventId)).toEqual({ partition: 0, offset: first[0].message.offset });
    expect([...knownLater.scorecards.keys()]).toEqual(['sc-looked-up']);
    // An id that is not one (a header another producer set) was projected nowhere, and asking for it is no error.
    expect([...(await store.firstSeen(['not-an-event-id', submitted.eventId])).keys()]).toEqual([submitted.eventId]);
    expect((await store.firstSeen(['not-an-event-id'])).size).toBe(0);
    queries.mockRestore();
  });

  it('takes what batches not written yet leave known, and looks up only the rest', async () => {
    const store = new ProjectionStore(client, 3);
    await store.createTables();
    const rubric = { ...mlSystemDesignRubric, rubricId: 'unwritten' };
    const stored = messages([rubricPublishedEvent(mlSystemDesignRubric), exampleScorecardSubmitted({ scorecardId: 'sc-stored' })]);
    await store.write(projectBatch(stored, await store.knownState(stored)), position());
    // A batch projected, not written: it publishes a rubric and submits a scorecard.
    const unwrittenBatch = messages([rubricPublishedEvent(rubric), exampleScorecardSubmitted({ scorecardId: 'sc-unwritten', rubricId: 'unwritten' })]);
    const unwrittenKnown = await store.knownState(unwrittenBatch);
    const earlier = knownAfter(unwrittenKnown, projectBatch(unwrittenBatch, unwrittenKnown));

    const queries = vi.spyOn(client, 'query');
    const next = messages([exampleScorecardAmended({ scorecardId: 'sc-unwritten' }), exampleScorecardAmended({ scorecardId: 'sc-stored' }), exampleScorecardSubmitted({ scorecardId: 'sc-new', rubricId: 'unwritten' })]);
    const known = await store.knownState(next, new Map(), earlier);
    // The stored scorecard is read from the store, the other comes from `earlier`, as does the rubric.
    expect([...known.scorecards.keys()].sort()).toEqual(['sc-stored', 'sc-unwritten']);
    expect(known.rubrics.has('unwritten@1')).toBe(true);
    const scorecardLookups = queries.mock.calls.map(([{ query_params }]) => query_params?.ids).filter(Boolean);
    expect(scorecardLookups).toEqual([['sc-stored']]);
    expect(projectBatch(next, known).scorecards.map((s) => [s.scorecard_id, s.rubric_check, s.amendments])).toEqual([['sc-unwritten', 'valid', 1], ['sc-stored', 'valid', 1], ['sc-new', 'valid', 0]]);
    queries.mockRestore();
  });

  it('as the only writer, asks nothing before its first write, looks for pending scorecards only once it wrote some, and as any writer after `shared()`', async () => {
    const store = new ProjectionStore(client, 8).onlyWriter();
    await store.createTables();
    const queries = vi.spyOn(client, 'query');
    const pendingLookups = () => queries.mock.calls.filter(([{ query }]) => query.includes("rubric_check = 'pending'")).length;
    const rubric = { ...mlSystemDesignRubric, rubricId: 'only-writer' };
    // Its first write, with a rubric and scorecards of it: nothing pending can exist, and its
    // empty tables need no asking whether they hold events.
    const first = messages([rubricPublishedEvent(mlSystemDesignRubric), exampleScorecardSubmitted({ scorecardId: 'sc-ow-1' })]);
    const firstKnown = await store.knownState(first, await store.firstSeen(eventIdsOf(first)));
    expect(queries).not.toHaveBeenCalled();
    await store.write(projectBatch(first, firstKnown), position());
    expect(pendingLookups()).toBe(0);
    // A scorecard before its rubric: written as pending, then checked when the rubric comes.
    const early = messages([exampleScorecardSubmitted({ scorecardId: 'sc-ow-2', rubricId: 'only-writer' })]);
    await store.write(projectBatch(early, await store.knownState(early)), position());
    const late = messages([rubricPublishedEvent(rubric)]);
    await store.write(projectBatch(late, await store.knownState(late)), position());
    expect(pendingLookups()).toBeGreaterThan(0);
    expect(await validIds(store)).toEqual(['sc-ow-1', 'sc-ow-2']);

    const other = new ProjectionStore(client, 9).onlyWriter();
    await other.createTables();
    other.shared();
    const before = pendingLookups();
    const batch = messages([rubricPublishedEvent(mlSystemDesignRubric)]);
    await other.write(projectBatch(batch, await other.knownState(batch)), position());
    expect(pendingLookups()).toBe(before + 1);
    queries.mockRestore();
  });

  it('writes rows as the store reads them back, whatever their text holds', async () => {
    const store = new ProjectionStore(client, 4);
    await store.createTables();
    const awkward = 'a "quote", a \\ backslash, a tab\t, a line\nbreak, ünïcödé and 💡';
    const submitted = exampleScorecardSubmitted({ scorecardId: 'sc-text', jobFamily: awkward });
    const writes = projectBatch(messages([rubricPublishedEvent(mlSystemDesignRubric), submitted]), nothingKnown());
    await store.write(writes, position());
    const [stored] = await store.rows<ScorecardRow>(`SELECT * FROM ${store.tables.scorecards}`);
    // ClickHouse gives times back in its own format.
    const asWritten = { ...stored, version: Number(stored.version), interviewed_at: new Date(`${stored.interviewed_at.replace(' ', 'T')}Z`).toISOString() };
    expect(asWritten).toEqual({ ...writes.scorecards[0], interviewed_at: new Date(submitted.data.interviewedAt).toISOString() });
    expect(stored.job_family).toBe(awkward);
  });

  it('holds reads and writes until its tables are created, so a projector may start meanwhile', async () => {
    const store = new ProjectionStore(client, 7);
    const creating = store.createTables();
    const write = store.write(projectBatch(messages([exampleScorecardSubmitted({ scorecardId: 'sc-early' })]), nothingKnown()), position());
    const read = store.rows<{ n: number }>(`SELECT count() AS n FROM ${store.tables.scorecards}`);
    await Promise.all([creating, write]);
    await expect(read).resolves.toHaveLength(1);
    expect((await store.positions()).get(0)?.nextOffset).toBe(offset);
  });
});
