import type { Migration } from './migrations';

/**
 * The read model lives in generations of tables (`g1_scorecards`, `g2_scorecards`, …): replay
 * builds the next generation beside the live one and then makes it live with one row here, so
 * a query — which reads the live generation once — never sees a half-swapped set of tables.
 */
export const GENERATIONS_TABLE = 'projection_generations';

export const migrations: Migration[] = [
  {
    id: '0001_projection_generations',
    statements: [
      `CREATE TABLE IF NOT EXISTS ${GENERATIONS_TABLE} (
        generation UInt32,
        consumer_group String,
        status Enum8('building' = 1, 'live' = 2, 'retired' = 3),
        changed_at DateTime64(3, 'UTC') DEFAULT now64(3)
      ) ENGINE = ReplacingMergeTree(changed_at) ORDER BY generation`,
    ],
  },
];

/** Names of one generation's tables. */
export function projectionTables(generation: number) {
  const t = (name: string) => `g${generation}_${name}`;
  return {
    events: t('events'),
    scorecards: t('scorecards'),
    decisions: t('decisions'),
    rubrics: t('rubrics'),
    deadLetters: t('dead_letters'),
    offsets: t('offsets'),
    validScorecards: t('valid_scorecards'),
    scorecardFacts: t('scorecard_facts'),
    ratingFacts: t('rating_facts'),
  };
}

export type ProjectionTables = ReturnType<typeof projectionTables>;

/**
 * DDL of one generation. Every table is keyed so that writing the same fact twice leaves one
 * row (ReplacingMergeTree), and versioned by the event's Kafka offset so the later event wins
 * whatever order the writes land in. Reads use FINAL, which applies replacements and
 * deletions exactly at query time — merges only make that cheaper.
 */
export function projectionDdl(generation: number): { tables: string[]; views: string[] } {
  const t = projectionTables(generation);
  const tables = [
    // Every valid event once: the first position it was seen at (later copies are duplicates).
    // The event itself stays in Kafka, the log of record; a copy here would double the write.
    `CREATE TABLE IF NOT EXISTS ${t.events} (
      event_id UUID,
      type LowCardinality(String),
      partition UInt32,
      offset UInt64,
      occurred_at DateTime64(3, 'UTC'),
      logged_at DateTime64(3, 'UTC')
    ) ENGINE = ReplacingMergeTree ORDER BY event_id`,
    // Latest state of each scorecard: amendments replace it, a withdrawal deletes it.
    `CREATE TABLE IF NOT EXISTS ${t.scorecards} (
      scorecard_id String,
      candidate_id String,
      interviewer_id String,
      rubric_id LowCardinality(String),
      rubric_version UInt32,
      target_level LowCardinality(String),
      job_family LowCardinality(String),
      interview_type LowCardinality(String),
      overall LowCardinality(String),
      recommended_level LowCardinality(String),
      interviewed_at DateTime64(3, 'UTC'),
      signals Array(LowCardinality(String)),
      ratings Array(Int16),
      rubric_check Enum8('invalid' = 0, 'valid' = 1, 'pending' = 2),
      amendments UInt32,
      version UInt64,
      deleted UInt8
    ) ENGINE = ReplacingMergeTree(version, deleted) ORDER BY scorecard_id`,
    // Latest decision per candidate: a later one supersedes.
    `CREATE TABLE IF NOT EXISTS ${t.decisions} (
      candidate_id String,
      decision LowCardinality(String),
      final_level LowCardinality(String),
      requisition_id String,
      decided_at DateTime64(3, 'UTC'),
      version UInt64
    ) ENGINE = ReplacingMergeTree(version) ORDER BY candidate_id`,
    // Every rubric version, with its scale and signals flattened for joins.
    `CREATE TABLE IF NOT EXISTS ${t.rubrics} (
      rubric_id LowCardinality(String),
      version UInt32,
      name String,
      scale_values Array(Int16),
      scale_labels Array(String),
      signal_keys Array(String),
      level_keys Array(String),
      level_ranks Array(Int16),
      definition String,
      published_at DateTime64(3, 'UTC')
    ) ENGINE = ReplacingMergeTree ORDER BY (rubric_id, version)`,
    // Messages that could not be projected, with why and where they were.
    `CREATE TABLE IF NOT EXISTS ${t.deadLetters} (
      partition UInt32,
      offset UInt64,
      reason LowCardinality(String),
      error String,
      raw String CODEC(ZSTD(3)),
      logged_at DateTime64(3, 'UTC')
    ) ENGINE = ReplacingMergeTree ORDER BY (partition, offset)`,
    // How far each partition is projected (next offset to read), written after the batch's data.
    `CREATE TABLE IF NOT EXISTS ${t.offsets} (
      partition UInt32,
      next_offset UInt64,
      last_logged_at DateTime64(3, 'UTC'),
      projected_at DateTime64(3, 'UTC') DEFAULT now64(3)
    ) ENGINE = ReplacingMergeTree(next_offset) ORDER BY partition`,
  ];
  // Each view reads the tables and the views before it.
  const views = [
    // Live scorecards that count: those whose every rating fits their rubric, as the projector
    // checked them (a scorecard projected before its rubric is checked when the rubric is).
    `CREATE OR REPLACE VIEW ${t.validScorecards} AS
      SELECT * EXCEPT (rubric_check, amendments, version, deleted) FROM ${t.scorecards} FINAL WHERE rubric_check = 'valid'`,
    // The facts the analytics read: the valid scorecards, one row each, with the candidate's
    // current decision.
    `CREATE OR REPLACE VIEW ${t.scorecardFacts} AS
      SELECT s.*, d.decision AS decision, d.final_level AS final_level
      FROM ${t.validScorecards} AS s
      LEFT JOIN (SELECT candidate_id, decision, final_level FROM ${t.decisions} FINAL) AS d
        ON d.candidate_id = s.candidate_id`,
    // The same, one row per rating.
    `CREATE OR REPLACE VIEW ${t.ratingFacts} AS
      SELECT * EXCEPT (signals, ratings), signal, rating
      FROM ${t.scorecardFacts} ARRAY JOIN signals AS signal, ratings AS rating`,
  ];
  return { tables, views };
}
