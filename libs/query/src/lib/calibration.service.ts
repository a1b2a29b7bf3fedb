import type { ClickHouseClient } from '@clickhouse/client';
import { Inject, Injectable } from '@nestjs/common';
import type { CalibrationReport, RubricInfo } from '@plumbline/analytics';
import { CLICKHOUSE, liveGeneration, ProjectionStore } from '@plumbline/projections';
import { whereClause, type Filters } from './filters';
import { loadFacts } from './load-facts';
import { ReportCache } from './report-cache';
import { ReportRunner } from './report-runner';

/** Scorecards and ratings per interviewer in scope, straight from the read model. */
export interface LiveCounts {
  asOf: string;
  org: { interviewers: number; scorecards: number; ratings: number };
  interviewers: { interviewerId: string; scorecards: number; ratings: number }[];
}

export interface ScopedReport {
  /** Log time of the newest event the figures include. */
  asOf: string;
  report: CalibrationReport;
  /** Every rubric version and when it was published, to mark on time axes. */
  rubricVersions: { rubricId: string; version: number; publishedAt: string }[];
}

/**
 * Loads the fact rows in scope from the live generation and computes the calibration report,
 * once per projection watermark and filter set (see ReportCache for what a request gets while
 * a newer report is being computed).
 */
@Injectable()
export class CalibrationService {
  private readonly cache = new ReportCache<ScopedReport>();
  private readonly counts = new ReportCache<LiveCounts>();

  constructor(
    @Inject(CLICKHOUSE) private readonly client: ClickHouseClient,
    private readonly runner: ReportRunner,
  ) {}

  async report(filters: Filters): Promise<ScopedReport> {
    const { store, mark } = await this.position();
    return this.cache.get(JSON.stringify(filters), mark.key, (previous) => this.compute(store, filters, mark.asOf, previous));
  }

  /**
   * What `/v1/interviewers` shows, read at one projection position: live counts per interviewer
   * (a cheap aggregation, so new scorecards show as soon as they are projected) and the latest
   * report, which it never waits for once one exists (see ReportCache's allowStale).
   */
  async interviewerList(filters: Filters): Promise<{ report: ScopedReport; live: LiveCounts }> {
    const { store, mark } = await this.position();
    const key = JSON.stringify(filters);
    const [report, live] = await Promise.all([
      this.cache.get(key, mark.key, (previous) => this.compute(store, filters, mark.asOf, previous), { allowStale: true }),
      this.counts.get(key, mark.key, () => this.countInterviewers(store, filters, mark.asOf)),
    ]);
    return { report, live };
  }

  private async countInterviewers(store: ProjectionStore, filters: Filters, asOf: string): Promise<LiveCounts> {
    const { sql, params } = whereClause(filters);
    const rows = await store.rows<{ interviewerId: string; scorecards: string; ratings: string }>(
      `SELECT interviewer_id AS interviewerId, count() AS scorecards, sum(length(signals)) AS ratings FROM ${store.tables.validScorecards} ${sql}
       GROUP BY interviewer_id ORDER BY interviewer_id`,
      params,
    );
    const interviewers = rows.map((r) => ({ interviewerId: r.interviewerId, scorecards: Number(r.scorecards), ratings: Number(r.ratings) }));
    const total = (field: 'scorecards' | 'ratings') => interviewers.reduce((sum, i) => sum + i[field], 0);
    return { asOf, org: { interviewers: interviewers.length, scorecards: total('scorecards'), ratings: total('ratings') }, interviewers };
  }

  /** The live generation's store and how far its projection has got (the cache key of figures computed there). */
  private async position() {
    const store = new ProjectionStore(this.client, (await liveGeneration(this.client)).generation);
    const mark = await this.watermark(store);
    return { store, mark: { ...mark, key: `${store.generation}:${mark.watermark}` } };
  }

  /** Live scorecards in scope, one row each, for the scorecards report (streamed as CSV). */
  async scorecardsCsv(filters: Filters) {
    const store = new ProjectionStore(this.client, (await liveGeneration(this.client)).generation);
    const { sql, params } = whereClause(filters);
    // exec, not query: the raw CSV byte stream, passed through to the response as it comes.
    const { stream } = await this.client.exec({
      query: `SELECT scorecard_id, candidate_id, interviewer_id, rubric_id, rubric_version, target_level, job_family, interview_type, overall, recommended_level,
                interviewed_at, arrayStringConcat(arrayMap((signal, rating) -> concat(signal, '=', toString(rating)), signals, ratings), ';') AS ratings,
                decision, final_level
              FROM ${store.tables.scorecardFacts} ${sql}
              ORDER BY interviewed_at, scorecard_id
              FORMAT CSVWithNames`,
      query_params: params,
    });
    return stream;
  }

  /** How far the projection has got: the sum of next offsets, and the log time of the newest event (ISO). */
  private async watermark(store: ProjectionStore): Promise<{ watermark: number; asOf: string }> {
    const [mark] = await store.rows<{ watermark: number; asOf: string | null }>(
      `SELECT sum(next) AS watermark, toString(max(logged)) AS asOf FROM (SELECT max(next_offset) AS next, max(last_logged_at) AS logged FROM ${store.tables.offsets} GROUP BY partition)`,
    );
    const asOf = mark.asOf && !mark.asOf.startsWith('1970') ? new Date(mark.asOf.replace(' ', 'T') + 'Z').toISOString() : new Date(0).toISOString();
    return { watermark: mark.watermark, asOf };
  }

  /** One interviewer's live scorecards in scope, newest first, a page at a time. */
  async interviewerScorecards(interviewerId: string, filters: Filters, page: number, pageSize: number) {
    const store = new ProjectionStore(this.client, (await liveGeneration(this.client)).generation);
    const { sql: scope, params } = whereClause(filters, 'interviewer_id = {interviewerId:String}');
    const [rows, [{ total }]] = await Promise.all([
      store.rows<{ scorecardId: string; candidateId: string; targetLevel: string; overall: string; interviewedAt: string; decision: string; signals: string[]; ratings: number[] }>(
        `SELECT scorecard_id AS scorecardId, candidate_id AS candidateId, target_level AS targetLevel, overall,
                formatDateTime(interviewed_at, '%Y-%m-%dT%H:%i:%SZ') AS interviewedAt, decision, signals, ratings
         FROM ${store.tables.scorecardFacts} ${scope}
         ORDER BY interviewedAt DESC, scorecardId LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
        { ...params, interviewerId, limit: pageSize, offset: (page - 1) * pageSize },
      ),
      store.rows<{ total: number }>(`SELECT count() AS total FROM ${store.tables.validScorecards} ${scope}`, { ...params, interviewerId }),
    ]);
    return {
      asOf: (await this.watermark(store)).asOf,
      page,
      pageSize,
      total: Number(total),
      scorecards: rows.map(({ signals, ratings, ...rest }) => ({ ...rest, ratings: Object.fromEntries(signals.map((signal, i) => [signal, ratings[i]])) })),
    };
  }

  private async compute(store: ProjectionStore, filters: Filters, asOf: string, previous?: ScopedReport): Promise<ScopedReport> {
    const [facts, rubrics, rubricVersions] = await Promise.all([
      loadFacts(this.client, store, filters),
      store.rows<{ rubricId: string; scale: number[]; levelKeys: string[]; levelRanks: number[] }>(
        `SELECT rubric_id AS rubricId, argMax(scale_values, version) AS scale, argMax(level_keys, version) AS levelKeys, argMax(level_ranks, version) AS levelRanks
         FROM ${store.tables.rubrics} FINAL GROUP BY rubric_id`,
      ),
      store.rows<{ rubricId: string; version: number; publishedAt: string }>(
        `SELECT rubric_id AS rubricId, version, formatDateTime(published_at, '%Y-%m-%dT%H:%i:%S.%fZ') AS publishedAt FROM ${store.tables.rubrics} FINAL ORDER BY rubric_id, version`,
      ),
    ]);
    const rubricInfo: RubricInfo[] = rubrics.map((r) => ({ rubricId: r.rubricId, scale: r.scale, levels: r.levelKeys.map((key, i) => ({ key, rank: r.levelRanks[i] })) }));
    const report = await this.runner.run(facts, rubricInfo, { period: filters.period, warmStart: Object.fromEntries(previous?.report.models.map((m) => [m.rubricId, m.theta]) ?? []) });
    return { asOf, report: { ...report, calibrationPacks: await this.withScorecardIds(store, report.calibrationPacks) }, rubricVersions };
  }

  /**
   * The packs' panelists with their scorecard ids: the facts leave ids out (a million strings
   * that no figure needs), so the few shown are looked up by candidate, interviewer and time.
   */
  private async withScorecardIds(store: ProjectionStore, packs: CalibrationReport['calibrationPacks']) {
    const rows = packs.length
      ? await store.rows<{ candidateId: string; interviewerId: string; at: number; scorecardId: string }>(
          `SELECT candidate_id AS candidateId, interviewer_id AS interviewerId, toUnixTimestamp64Milli(interviewed_at) AS at, scorecard_id AS scorecardId
           FROM ${store.tables.validScorecards} WHERE candidate_id IN {candidates:Array(String)}`,
          { candidates: packs.map((p) => p.candidateId) },
        )
      : [];
    const idOf = new Map(rows.map((r) => [`${r.candidateId}\u0000${r.interviewerId}\u0000${Number(r.at)}`, r.scorecardId]));
    return packs.map((pack) => ({
      ...pack,
      panelists: pack.panelists.map((p) => ({ scorecardId: idOf.get(`${pack.candidateId}\u0000${p.interviewerId}\u0000${Date.parse(p.interviewedAt)}`) ?? null, ...p })),
    }));
  }
}
