import { parseEvent, type ParsedEvents, type PlumblineEvent, type Rating, type RubricPublished, type ScorecardAmended, type ScorecardSubmitted } from '@plumbline/events';

/** One Kafka message as the projector sees it. */
export interface LogMessage {
  partition: number;
  offset: number;
  /** Broker timestamp, ms since the epoch. */
  timestamp: number;
  value: Buffer | null;
  /** The eventId header ingestion writes; other producers may leave it out. */
  eventId?: string;
}

export interface ScorecardRow {
  scorecard_id: string;
  candidate_id: string;
  interviewer_id: string;
  rubric_id: string;
  rubric_version: number;
  target_level: string;
  job_family: string;
  interview_type: string;
  overall: string;
  recommended_level: string;
  interviewed_at: string;
  signals: string[];
  ratings: number[];
  rubric_check: RubricCheck;
  amendments: number;
  version: number;
  deleted: 0 | 1;
}

export interface EventRow {
  event_id: string;
  type: string;
  partition: number;
  offset: number;
  occurred_at: string;
  logged_at: string;
}

export interface DecisionRow {
  candidate_id: string;
  decision: string;
  final_level: string;
  requisition_id: string;
  decided_at: string;
  version: number;
}

export interface RubricRow {
  rubric_id: string;
  version: number;
  name: string;
  scale_values: number[];
  scale_labels: string[];
  signal_keys: string[];
  level_keys: string[];
  level_ranks: number[];
  definition: string;
  published_at: string;
}

/** Stable snake_case reasons, countable in metrics and the DLQ. */
export type DeadLetterReason = 'not_json' | 'invalid_event' | 'unknown_scorecard' | 'scorecard_withdrawn';

export interface DeadLetterRow {
  partition: number;
  offset: number;
  reason: DeadLetterReason;
  error: string;
  raw: string;
  logged_at: string;
}

/**
 * Whether a scorecard's ratings fit its rubric, decided when it is projected so that reads need
 * no per-rating check. `pending`: its rubric version had not been projected yet (its partition
 * lagged, or the message bypassed ingestion); it is checked when that rubric is projected.
 */
export type RubricCheck = 'valid' | 'invalid' | 'pending';

/** The parts of a rubric version a scorecard is checked against. */
export interface RubricShape {
  signalKeys: ReadonlySet<string>;
  scaleValues: ReadonlySet<number>;
}

/** A rubric version's key (ProjectionStore's pending check builds the same in SQL). */
export const rubricKey = (rubricId: string, version: number) => `${rubricId}@${version}`;

export function rubricShape(row: Pick<RubricRow, 'signal_keys' | 'scale_values'>): RubricShape {
  return { signalKeys: new Set(row.signal_keys), scaleValues: new Set(row.scale_values) };
}

/** A rating off its rubric makes the whole scorecard invalid, as ingestion would refuse it whole. */
export function rubricCheck(rubric: RubricShape | undefined, signals: string[], ratings: number[]): RubricCheck {
  if (!rubric) return 'pending';
  return signals.every((signal, i) => rubric.signalKeys.has(signal) && rubric.scaleValues.has(ratings[i])) ? 'valid' : 'invalid';
}

/** What the store already holds that a batch's events depend on. */
export interface KnownState {
  /** Where each of the batch's eventIds was first projected, if anywhere. */
  firstSeen: Map<string, { partition: number; offset: number }>;
  /** Latest stored row (deleted or not) of each scorecard the batch amends or withdraws. */
  scorecards: Map<string, ScorecardRow>;
  /** The projected rubric versions, by `rubricKey`: at least those the batch's scorecards name. */
  rubrics: Map<string, RubricShape>;
}

/** The state of an empty store. */
export const nothingKnown = (): KnownState => ({ firstSeen: new Map(), scorecards: new Map(), rubrics: new Map() });

export interface ProjectionWrites {
  events: EventRow[];
  scorecards: ScorecardRow[];
  decisions: DecisionRow[];
  rubrics: RubricRow[];
  deadLetters: DeadLetterRow[];
  duplicates: number;
}

export type Decoded = { message: LogMessage; event: PlumblineEvent } | { message: LogMessage; deadLetter: DeadLetterRow };

/** Broker timestamps as ISO strings; the messages of one produce request share theirs, so the last one is kept. */
let lastIso = { ms: NaN, text: '' };
function iso(ms: number): string {
  if (ms !== lastIso.ms) lastIso = { ms, text: new Date(ms).toISOString() };
  return lastIso.text;
}

/**
 * A decoder of messages into events, or dead letters saying why they are not events.
 * `alreadyParsed`: events this process serialized itself, given back for the same text instead
 * of being parsed again.
 */
export function messageDecoder(alreadyParsed?: ParsedEvents): (message: LogMessage) => Decoded {
  return (message) => {
    const raw = message.value?.toString('utf8') ?? '';
    const known = message.eventId === undefined ? undefined : alreadyParsed?.take(message.eventId, raw);
    if (known) return { message, event: known };
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      return deadLetterOf(message, raw, 'not_json', (error as Error).message);
    }
    const parsed = parseEvent(json);
    if (!parsed.ok) return deadLetterOf(message, raw, 'invalid_event', parsed.issues.map((i) => `${i.path || '(event)'}: ${i.message}`).join('; '));
    return { message, event: parsed.event };
  };
}

function deadLetterOf(message: LogMessage, raw: string, reason: DeadLetterReason, error: string): Decoded {
  return { message, deadLetter: { partition: message.partition, offset: message.offset, reason, error, raw, logged_at: iso(message.timestamp) } };
}

/** Parses a message into an event, or a dead letter saying why it is not one. */
export const decodeMessage = messageDecoder();

/** The batch's eventIds, each once: where they were first projected is looked up before `projectBatch`. */
export function eventIdsOf(decoded: Decoded[]): string[] {
  const eventIds = new Set<string>();
  for (const item of decoded) if ('event' in item) eventIds.add(item.event.eventId);
  return [...eventIds];
}

/** The rubric versions the batch's scorecards name, except those it publishes itself (see projectBatch). */
export function rubricsToLookUp(decoded: Decoded[]): string[] {
  const named = new Set<string>();
  const published = new Set<string>();
  for (const item of decoded) {
    if ('deadLetter' in item) continue;
    if (item.event.type === 'ScorecardSubmitted') named.add(rubricKey(item.event.data.rubricId, item.event.data.rubricVersion));
    if (item.event.type === 'RubricPublished') published.add(rubricKey(item.event.data.rubricId, item.event.data.version));
  }
  return [...named].filter((key) => !published.has(key));
}

/** `firstSeen` with the positions of `events` it does not have yet (changed in place). */
export function withEvents(firstSeen: KnownState['firstSeen'], events: ProjectionWrites['events']): KnownState['firstSeen'] {
  for (const e of events) if (!firstSeen.has(e.event_id)) firstSeen.set(e.event_id, { partition: e.partition, offset: e.offset });
  return firstSeen;
}

/**
 * What is known once a batch's rows are written: `known`, plus the positions of its events, the
 * latest row of each scorecard it changed and the rubrics it published. The next batch may be
 * projected with it before these rows are written.
 */
export function knownAfter(known: KnownState, writes: ProjectionWrites): KnownState {
  const firstSeen = withEvents(new Map(known.firstSeen), writes.events);
  const scorecards = new Map(known.scorecards);
  for (const row of writes.scorecards) scorecards.set(row.scorecard_id, row);
  const rubrics = new Map(known.rubrics);
  for (const r of writes.rubrics) rubrics.set(rubricKey(r.rubric_id, r.version), rubricShape(r));
  return { firstSeen, scorecards, rubrics };
}

/**
 * The scorecards whose stored row a batch needs: those it amends or withdraws before submitting
 * them itself. Most amendments follow their submission closely, in the same batch; reading only
 * the others keeps the lookup from reading most of a large scorecards table on every batch.
 *
 * A submission first projected at another position does not count: it is skipped, so the stored
 * row is the base. A copy of an event met earlier in the batch needs no check (the earlier copy
 * counted already), and a redelivered change may ask for a row needlessly, which costs a row in
 * the lookup: so this pass keeps no set of the batch's eventIds, which `projectBatch` builds anyway.
 */
export function scorecardsToLookUp(decoded: Decoded[], firstSeen: KnownState['firstSeen']): string[] {
  const submitted = new Set<string>();
  const needed = new Set<string>();
  for (const item of decoded) {
    if ('deadLetter' in item) continue;
    const { event } = item;
    if (event.type === 'ScorecardSubmitted') {
      if (!projectedElsewhere(item, firstSeen)) submitted.add(event.data.scorecardId);
    } else if ((event.type === 'ScorecardAmended' || event.type === 'ScorecardWithdrawn') && !submitted.has(event.data.scorecardId)) needed.add(event.data.scorecardId);
  }
  return [...needed];
}

function projectedElsewhere({ event, message }: { event: PlumblineEvent; message: LogMessage }, firstSeen: KnownState['firstSeen']): boolean {
  const first = firstSeen.get(event.eventId);
  return first !== undefined && (first.partition !== message.partition || first.offset !== message.offset);
}

/** An eventId first projected at another position, or already met in this batch; records it as met. */
function isDuplicate(item: { event: PlumblineEvent; message: LogMessage }, firstSeen: KnownState['firstSeen'], seenInBatch: Set<string>): boolean {
  if (projectedElsewhere(item, firstSeen) || seenInBatch.has(item.event.eventId)) return true;
  seenInBatch.add(item.event.eventId);
  return false;
}

/** A scorecard's ratings as stored: parallel signal and rating arrays, checked against its rubric. */
function ratingColumns(ratings: Rating[], rubric: RubricShape | undefined): Pick<ScorecardRow, 'signals' | 'ratings' | 'rubric_check'> {
  const signals = ratings.map((r) => r.signal);
  const values = ratings.map((r) => r.rating);
  return { signals, ratings: values, rubric_check: rubricCheck(rubric, signals, values) };
}

/**
 * A rubric version's shape by id and version. The last answer is kept: a batch's scorecards
 * mostly name the rubric of the one before, which spares a key string and a lookup per scorecard.
 */
type RubricOf = (rubricId: string, version: number) => RubricShape | undefined;

function rubricFinder(rubrics: Map<string, RubricShape>): RubricOf {
  let last: { rubricId: string; version: number; shape: RubricShape | undefined } | undefined;
  return (rubricId, version) => {
    if (last?.rubricId !== rubricId || last.version !== version) last = { rubricId, version, shape: rubrics.get(rubricKey(rubricId, version)) };
    return last.shape;
  };
}

function submittedRow(event: ScorecardSubmitted, version: number, rubricOf: RubricOf): ScorecardRow {
  const d = event.data;
  const { signals, ratings, rubric_check } = ratingColumns(d.ratings, rubricOf(d.rubricId, d.rubricVersion));
  return {
    scorecard_id: d.scorecardId,
    candidate_id: d.candidateId,
    interviewer_id: d.interviewerId,
    rubric_id: d.rubricId,
    rubric_version: d.rubricVersion,
    target_level: d.targetLevel,
    job_family: d.jobFamily ?? '',
    interview_type: d.interviewType ?? '',
    overall: d.overall,
    recommended_level: d.recommendedLevel ?? '',
    interviewed_at: d.interviewedAt,
    signals,
    ratings,
    rubric_check,
    amendments: 0,
    version,
    deleted: 0,
  };
}

function amendedRow(base: ScorecardRow, event: ScorecardAmended, version: number, rubricOf: RubricOf): ScorecardRow {
  return {
    ...base,
    ...ratingColumns(event.data.ratings, rubricOf(base.rubric_id, base.rubric_version)),
    overall: event.data.overall,
    recommended_level: event.data.recommendedLevel ?? '',
    amendments: base.amendments + 1,
    version,
  };
}

/**
 * Turns a batch (of one or more partitions) into rows, exactly as a clean single pass over the log would:
 * an eventId already projected at another position is a duplicate and skipped; each row carries
 * its event's offset as version, so re-projecting a batch after a crash writes rows that are
 * either identical to or superseded by what is stored. Pure: the caller does the I/O.
 *
 * Every event of a scorecard shares the candidate's partition (SPEC §2 keys), so offsets order
 * them; a scorecard's earlier state comes from this batch or from `known`.
 */
export function projectBatch(decoded: Decoded[], known: KnownState): ProjectionWrites {
  const writes: ProjectionWrites = { events: [], scorecards: [], decisions: [], rubrics: [], deadLetters: [], duplicates: 0 };
  const scorecards = new Map(known.scorecards);
  const rubrics = new Map(known.rubrics);
  // A rubric version never changes, so the batch's rubrics count for all its scorecards, also
  // those of partitions that come before the rubric's in the batch.
  for (const item of decoded) {
    if (!('deadLetter' in item) && item.event.type === 'RubricPublished') {
      const r = item.event.data;
      rubrics.set(rubricKey(r.rubricId, r.version), rubricShape({ signal_keys: r.signals.map((s) => s.key), scale_values: r.scale.map((p) => p.value) }));
    }
  }
  const rubricOf = rubricFinder(rubrics);
  const seenInBatch = new Set<string>();

  for (const item of decoded) {
    if ('deadLetter' in item) {
      writes.deadLetters.push(item.deadLetter);
      continue;
    }
    if (isDuplicate(item, known.firstSeen, seenInBatch)) {
      writes.duplicates++;
      continue;
    }
    const { event, message } = item;

    const deadLetter = applyEvent(event, message, scorecards, rubricOf, writes);
    if (deadLetter) {
      writes.deadLetters.push({ partition: message.partition, offset: message.offset, ...deadLetter, raw: message.value?.toString('utf8') ?? '', logged_at: iso(message.timestamp) });
      continue;
    }
    writes.events.push({
      event_id: event.eventId,
      type: event.type,
      partition: message.partition,
      offset: message.offset,
      occurred_at: event.occurredAt,
      logged_at: iso(message.timestamp),
    });
  }
  return writes;
}

/** Adds the rows of one event; returns a dead letter when the event cannot apply. */
function applyEvent(
  event: PlumblineEvent,
  message: LogMessage,
  scorecards: Map<string, ScorecardRow>,
  rubricOf: RubricOf,
  writes: ProjectionWrites,
): { reason: DeadLetterReason; error: string } | null {
  const version = message.offset;
  switch (event.type) {
    case 'ScorecardSubmitted': {
      const row = submittedRow(event, version, rubricOf);
      scorecards.set(row.scorecard_id, row);
      writes.scorecards.push(row);
      return null;
    }
    case 'ScorecardAmended':
    case 'ScorecardWithdrawn': {
      const base = scorecards.get(event.data.scorecardId);
      if (!base) return { reason: 'unknown_scorecard', error: `no scorecard ${event.data.scorecardId} before offset ${version}` };
      // A stored row newer than this event means this is a redelivery: the row written here
      // loses to the stored one, so no verdict on the withdrawn state is needed.
      if (base.deleted && base.version < version) return { reason: 'scorecard_withdrawn', error: `scorecard ${event.data.scorecardId} was withdrawn at offset ${base.version}` };
      const row: ScorecardRow = event.type === 'ScorecardWithdrawn' ? { ...base, version, deleted: 1 } : amendedRow(base, event, version, rubricOf);
      scorecards.set(row.scorecard_id, row);
      writes.scorecards.push(row);
      return null;
    }
    case 'DecisionRecorded': {
      const d = event.data;
      writes.decisions.push({
        candidate_id: d.candidateId,
        decision: d.decision,
        final_level: d.finalLevel ?? '',
        requisition_id: d.requisitionId ?? '',
        decided_at: event.occurredAt,
        version,
      });
      return null;
    }
    case 'RubricPublished': {
      writes.rubrics.push(rubricRow(event));
      return null;
    }
  }
}

function rubricRow({ data: r, occurredAt }: RubricPublished): RubricRow {
  return {
    rubric_id: r.rubricId,
    version: r.version,
    name: r.name,
    scale_values: r.scale.map((p) => p.value),
    scale_labels: r.scale.map((p) => p.label),
    signal_keys: r.signals.map((s) => s.key),
    level_keys: r.levels.map((l) => l.key),
    level_ranks: r.levels.map((l) => l.rank),
    definition: JSON.stringify(r),
    published_at: occurredAt,
  };
}
