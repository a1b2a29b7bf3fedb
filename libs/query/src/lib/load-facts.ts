import type { ClickHouseClient } from '@clickhouse/client';
import { FactColumnsBuilder, type FactColumns } from '@plumbline/analytics';
import type { ProjectionStore } from '@plumbline/projections';
import { whereClause, type Filters } from './filters';

/** Scorecards per query: chDB hands a result over whole, so a large scope is read in slices of about this many. */
export const SCORECARDS_PER_SLICE = 50_000;

type ScorecardRow = [string, string, string, string, string, string, number, string, string, string[], number[]];

/**
 * The live scorecards in scope as FactColumns, read in slices by a hash of the scorecard id (each
 * scorecard in exactly one slice) and appended slice by slice: the process never holds more
 * than one slice's result and its rows at a time. A slice is one JSONCompactEachRow row per scorecard.
 */
export async function loadFacts(client: ClickHouseClient, store: ProjectionStore, filters: Filters, scorecardsPerSlice = SCORECARDS_PER_SLICE): Promise<FactColumns> {
  const { sql, params } = whereClause(filters);
  const [counted] = await store.rows<{ scorecards: number; ratings: number }>(
    `SELECT count() AS scorecards, sum(length(signals)) AS ratings FROM ${store.tables.validScorecards} ${sql}`,
    params,
  );
  const expected = { scorecards: Number(counted.scorecards), ratings: Number(counted.ratings) };
  const slices = Math.max(1, Math.ceil(expected.scorecards / scorecardsPerSlice));
  // Sized from the count: a scorecard projected since then only makes an array grow once.
  const builder = new FactColumnsBuilder(expected);
  for (let slice = 0; slice < slices; slice++) {
    const result = await client.query({
      query: `SELECT candidate_id, interviewer_id, rubric_id, target_level, overall, recommended_level,
                     toUnixTimestamp64Milli(interviewed_at), decision, final_level, signals, ratings
              FROM ${store.tables.scorecardFacts}
              ${sql ? `${sql} AND` : 'WHERE'} cityHash64(scorecard_id) % {slices:UInt32} = {slice:UInt32}`,
      query_params: { ...params, slices, slice },
      format: 'JSONCompactEachRow',
    });
    for (const [candidateId, interviewerId, rubricId, targetLevel, overall, recommendedLevel, interviewedAt, decision, finalLevel, signals, ratings] of await result.json<ScorecardRow>())
      builder.add({ candidateId, interviewerId, rubricId, targetLevel, overall, recommendedLevel, interviewedAt: Number(interviewedAt), decision, finalLevel, signals, ratings });
  }
  return builder.build();
}
