import type { ProjectionStore } from './projection-store';

/**
 * A fingerprint of every projection table of a generation: row count and an order-independent
 * hash of each table's live rows (FINAL). Two generations built from the same log must match —
 * replay's proof of identical results. Columns stamped with wall-clock time are left out.
 */
export async function projectionChecksums(store: ProjectionStore): Promise<Record<string, { rows: number; hash: string }>> {
  const t = store.tables;
  const tables: Record<string, string> = {
    events: `SELECT * FROM ${t.events} FINAL`,
    scorecards: `SELECT * FROM ${t.scorecards} FINAL`,
    decisions: `SELECT * FROM ${t.decisions} FINAL`,
    rubrics: `SELECT * FROM ${t.rubrics} FINAL`,
    deadLetters: `SELECT * FROM ${t.deadLetters} FINAL`,
    offsets: `SELECT partition, next_offset FROM ${t.offsets} FINAL`,
    ratingFacts: `SELECT * FROM ${t.ratingFacts}`,
  };
  const result: Record<string, { rows: number; hash: string }> = {};
  for (const [name, select] of Object.entries(tables)) {
    const [row] = await store.rows<{ rows: number; hash: string }>(`SELECT count() AS rows, toString(sum(cityHash64(*))) AS hash FROM (${select})`);
    result[name] = { rows: Number(row.rows), hash: row.hash };
  }
  return result;
}
