import type { ClickHouseClient } from '@clickhouse/client';
import { projectionDdl, projectionTables, type ProjectionTables } from '@plumbline/clickhouse';
import { isEventId } from '@plumbline/events';
import { eventIdsOf, nothingKnown, rubricCheck, rubricKey, rubricShape, rubricsToLookUp, scorecardsToLookUp, type Decoded, type KnownState, type ProjectionWrites, type RubricRow, type RubricShape, type ScorecardRow } from './project-batch';

/** How often pending scorecards are looked for when no batch gave a reason to (see checkPendingScorecards). */
const PENDING_CHECK_INTERVAL_MS = 5_000;

/** Where a partition's projection has got to: the next offset to project. */
export interface PartitionPosition {
  partition: number;
  nextOffset: number;
  lastLoggedAt: string;
}

/** Reads and writes one generation of the projection tables. */
export class ProjectionStore {
  readonly tables: ProjectionTables;
  private readonly rubrics = new Map<string, RubricShape>();
  private pendingCheckedAt = 0;
  /** Set once the events table has rows; it keeps them (rows are never deleted). */
  private holdsEvents = false;
  private tablesCreated: Promise<void> = Promise.resolve();
  /** Set by `onlyWriter` until `shared`: the tables then hold only what this store wrote. */
  private soleWriter = false;
  /** Whether this store wrote scorecards before their rubric was known. */
  private wrotePending = false;

  constructor(
    private readonly client: ClickHouseClient,
    readonly generation: number,
  ) {
    this.tables = projectionTables(generation);
  }

  /**
   * Declares this store the only writer of its new generation (a replay's, until it goes live),
   * which spares it asking what it knows from its own writes: whether the tables hold events
   * (before its first write, a query at every lookup) and whether they hold pending scorecards
   * that it did not write (a query per batch that brings rubrics). `shared()` ends it.
   */
  onlyWriter(): this {
    this.soleWriter = true;
    return this;
  }

  /** Others may write the generation from now on (it went live). */
  shared(): void {
    this.soleWriter = false;
  }

  /** Whether the scorecards table may hold rows written before their rubric was known: any writer's, or only this store's. */
  private get mayHoldPending(): boolean {
    return !this.soleWriter || this.wrotePending;
  }

  /**
   * Creates the generation's tables and views if missing. Reads and writes wait for the tables
   * only, so a projector may start meanwhile: its consumer's group join takes as long and needs
   * no table. The tables are created at once, so that a busy event loop (a first large fetch
   * being decoded) holds them up once, not once per table. The views are for queries, which read
   * a generation only once it is live.
   */
  createTables(): Promise<void> {
    const { tables, views } = projectionDdl(this.generation);
    this.tablesCreated = Promise.all(tables.map((query) => this.client.command({ query }))).then(() => undefined);
    return this.tablesCreated.then(async () => {
      for (const query of views) await this.client.command({ query });
    });
  }

  async dropTables(): Promise<void> {
    for (const table of Object.values(this.tables)) await this.client.command({ query: `DROP TABLE IF EXISTS ${table}` });
  }

  /**
   * What the batch's events depend on (see `projectBatch`): what `earlier` knows (the state after
   * batches not written yet), and the rest as the store holds it. `firstSeen`, when given, is the
   * answer of `firstSeen` for the batch's eventIds, read earlier by the caller.
   */
  async knownState(decoded: Decoded[], firstSeen?: KnownState['firstSeen'], earlier: KnownState = nothingKnown()): Promise<KnownState> {
    firstSeen ??= await this.firstSeen(eventIdsOf(decoded));
    // Which submissions are duplicates decides which scorecards need their stored row.
    const toLookUp = scorecardsToLookUp(decoded, firstSeen).filter((id) => !earlier.scorecards.has(id));
    const stored = await this.latestScorecards(toLookUp);
    const amendedRubrics = [...stored.values()].map((s) => rubricKey(s.rubric_id, s.rubric_version));
    const rubrics = await this.rubricShapes([...rubricsToLookUp(decoded), ...amendedRubrics].filter((key) => !earlier.rubrics.has(key)));
    return { firstSeen, scorecards: new Map([...stored, ...earlier.scorecards]), rubrics: new Map([...rubrics, ...earlier.rubrics]) };
  }

  /**
   * Where each of the eventIds was first projected, if anywhere. An id that is none (a message
   * header's claim to be one, say) was projected nowhere: ClickHouse would refuse the lookup.
   */
  async firstSeen(eventIds: string[]): Promise<KnownState['firstSeen']> {
    if (eventIds.length === 0 || !(await this.hasEvents())) return new Map();
    const ids = eventIds.filter(isEventId);
    if (ids.length === 0) return new Map();
    const rows = await this.rows<{ id: string; partition: number; first: number }>(
      `SELECT toString(event_id) AS id, partition, min(offset) AS first FROM ${this.tables.events}
       WHERE event_id IN {ids:Array(UUID)} GROUP BY event_id, partition`,
      { ids },
    );
    return new Map(rows.map((p) => [p.id, { partition: p.partition, offset: Number(p.first) }]));
  }

  /**
   * Whether any event was projected into this generation, asked until one was. The lookups of a
   * large batch cost far more: they send every eventId of it, even to empty tables.
   */
  private async hasEvents(): Promise<boolean> {
    if (!this.holdsEvents && !this.soleWriter) this.holdsEvents = (await this.rows(`SELECT 1 FROM ${this.tables.events} LIMIT 1`)).length > 0;
    return this.holdsEvents;
  }

  /** The latest row of each scorecard, deleted or not (FINAL would hide a withdrawn one). */
  private async latestScorecards(scorecardIds: string[]): Promise<KnownState['scorecards']> {
    if (scorecardIds.length === 0 || !(await this.hasEvents())) return new Map();
    const rows = await this.rows<ScorecardRow>(
      `SELECT * FROM ${this.tables.scorecards} WHERE scorecard_id IN {ids:Array(String)} ORDER BY version DESC LIMIT 1 BY scorecard_id`,
      { ids: scorecardIds },
    );
    return new Map(rows.map((s) => [s.scorecard_id, { ...s, version: Number(s.version) }]));
  }

  /**
   * The rubric versions projected so far, kept in memory (a rubric version never changes) and
   * read again when `keys` names one not held: another projector may have projected it.
   */
  private async rubricShapes(keys: string[]): Promise<Map<string, RubricShape>> {
    if (keys.some((key) => !this.rubrics.has(key)) && (await this.hasEvents())) {
      const rows = await this.rows<Pick<RubricRow, 'rubric_id' | 'version' | 'signal_keys' | 'scale_values'>>(
        `SELECT rubric_id, version, signal_keys, scale_values FROM ${this.tables.rubrics} FINAL`,
      );
      for (const r of rows) this.rubrics.set(rubricKey(r.rubric_id, r.version), rubricShape(r));
    }
    return this.rubrics;
  }

  /**
   * Writes a batch's rows, then the partitions' positions (if any: a part of a fetch may leave
   * them to a later part). Data first: a crash in between only means the batch is projected
   * again, which changes nothing.
   */
  async write(writes: ProjectionWrites, positions: PartitionPosition[]): Promise<void> {
    await this.tablesCreated;
    const inserts: [string, object[]][] = [
      [this.tables.events, writes.events],
      [this.tables.scorecards, writes.scorecards],
      [this.tables.decisions, writes.decisions],
      [this.tables.rubrics, writes.rubrics],
      [this.tables.deadLetters, writes.deadLetters],
    ];
    await Promise.all(inserts.filter(([, rows]) => rows.length > 0).map(([table, values]) => this.client.insert({ table, values, format: 'JSONEachRow' })));
    this.holdsEvents ||= writes.events.length > 0;
    for (const r of writes.rubrics) this.rubrics.set(rubricKey(r.rubric_id, r.version), rubricShape(r));
    const now = Date.now();
    const writesPending = writes.scorecards.some((s) => s.rubric_check === 'pending');
    this.wrotePending ||= writesPending;
    if (this.mayHoldPending && (writes.rubrics.length > 0 || writesPending || now - this.pendingCheckedAt > PENDING_CHECK_INTERVAL_MS)) {
      this.pendingCheckedAt = now;
      await this.checkPendingScorecards();
    }
    if (positions.length === 0) return;
    await this.client.insert({
      table: this.tables.offsets,
      values: positions.map((p) => ({ partition: p.partition, next_offset: p.nextOffset, last_logged_at: p.lastLoggedAt })),
      format: 'JSONEachRow',
    });
  }

  /**
   * Checks the scorecards projected before their rubric, once it is here. Looked for after a
   * batch that brought rubrics or pending scorecards, and otherwise every few seconds (a scan of
   * one byte a row), since the rubric may come through another projector. The checked row keeps
   * its version: of equal versions the later insert wins, and a newer row (an amendment) still
   * wins over it.
   */
  private async checkPendingScorecards(): Promise<void> {
    // Without FINAL: cheap, and a superseded pending row only costs the lookup below.
    const pendingKeys = await this.rows<{ key: string }>(
      `SELECT DISTINCT concat(rubric_id, '@', toString(rubric_version)) AS key FROM ${this.tables.scorecards} WHERE rubric_check = 'pending'`,
    );
    if (pendingKeys.length === 0) return;
    const rubrics = await this.rubricShapes(pendingKeys.map((p) => p.key));
    const checkable = pendingKeys.map((p) => p.key).filter((key) => rubrics.has(key));
    if (checkable.length === 0) return;
    const pending = await this.rows<ScorecardRow>(
      `SELECT * FROM ${this.tables.scorecards} FINAL
       WHERE rubric_check = 'pending' AND concat(rubric_id, '@', toString(rubric_version)) IN {keys:Array(String)}`,
      { keys: checkable },
    );
    if (pending.length === 0) return;
    const checked = pending.map((row) => ({ ...row, rubric_check: rubricCheck(rubrics.get(rubricKey(row.rubric_id, row.rubric_version)), row.signals, row.ratings) }));
    await this.client.insert({ table: this.tables.scorecards, values: checked, format: 'JSONEachRow' });
  }

  /** Next offset to project per partition. */
  async positions(): Promise<Map<number, { nextOffset: number; lastLoggedAt: string }>> {
    const rows = await this.rows<{ partition: number; next: number; logged: string }>(
      `SELECT partition, max(next_offset) AS next, argMax(last_logged_at, next_offset) AS logged FROM ${this.tables.offsets} GROUP BY partition`,
    );
    return new Map(rows.map((r) => [r.partition, { nextOffset: Number(r.next), lastLoggedAt: r.logged }]));
  }

  async rows<T>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
    await this.tablesCreated;
    const result = await this.client.query({ query, query_params: params, format: 'JSONEachRow' });
    return result.json<T>();
  }
}
