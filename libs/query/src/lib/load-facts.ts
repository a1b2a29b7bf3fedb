import type { ClickHouseClient } from '@clickhouse/client';
import { FactColumnsBuilder, type FactColumns } from '@plumbline/analytics';
import type { ProjectionStore } from '@plumbline/projections';
import { whereClause, type Filters } from './filters';

/**
 * Scorecards per query: chDB hands a result over whole, so a large scope is read in slices of
 * about this many. A slice's JSON and parsed rows are garbage once appended, so smaller slices
 * lower the main heap's peak; each costs a query (at 1M scorecards, 40 of them).
 */
export const SCORECARDS_PER_SLICE = 25_000;

type ScorecardRow = [string, string, string, string, string, string, number, string, string, string[], number[]];

/**
 * The live scorecards in scope as FactColumns, read in slices of consecutive scorecard ids and
 * appended slice by slice: the process never holds more than one slice's result and its rows at
 * a time. Slices are ranges of the table's sorting key, so each query reads only its own part of
 * the table; the first and last are open-ended, so each scorecard is in exactly one slice, also
 * one projected after the bounds were taken. A slice is one JSONCompactEachRow row per scorecard.
 */
export async function loadFacts(client: ClickHouseClient, store: ProjectionStore, filters: Filters, scorecardsPerSlice = SCORECARDS_PER_SLICE): Promise<FactColumns> {
  const { sql, params } = whereClause(filters);
  const [counted] = await store.rows<{ scorecards: number; ratings: number; starts: string[] }>(
    `SELECT count() AS scorecards, sum(ratings) AS ratings, arraySort(groupArrayIf(scorecard_id, n % {perSlice:UInt32} = 1)) AS starts
     FROM (SELECT scorecard_id, length(signals) AS ratings, row_number() OVER (ORDER BY scorecard_id) AS n FROM ${store.tables.validScorecards} ${sql})`,
    { ...params, perSlice: scorecardsPerSlice },
  );
  // Sized from the count: a scorecard projected since then only makes an array grow once.
  const builder = new FactColumnsBuilder({ scorecards: Number(counted.scorecards), ratings: Number(counted.ratings) });
  const starts = counted.starts.length > 0 ? counted.starts : [''];
  for (let slice = 0; slice < starts.length; slice++) {
    const from = slice > 0 ? ['scorecard_id >= {sliceFrom:String}'] : [];
    const to = slice + 1 < starts.length ? ['scorecard_id < {sliceTo:String}'] : [];
    const { sql: scope } = whereClause(filters, ...from, ...to);
    const result = await client.query({
      query: `SELECT candidate_id, interviewer_id, rubric_id, target_level, overall, recommended_level,
                     toUnixTimestamp64Milli(interviewed_at), decision, final_level, signals, ratings
              FROM ${store.tables.scorecardFacts} ${scope}`,
      query_params: { ...params, sliceFrom: starts[slice], sliceTo: starts[slice + 1] ?? '' },
      format: 'JSONCompactEachRow',
    });
    for (const [candidateId, interviewerId, rubricId, targetLevel, overall, recommendedLevel, interviewedAt, decision, finalLevel, signals, ratings] of await result.json<ScorecardRow>())
      builder.add({ candidateId, interviewerId, rubricId, targetLevel, overall, recommendedLevel, interviewedAt: Number(interviewedAt), decision, finalLevel, signals, ratings });
  }
  return builder.build();
}
