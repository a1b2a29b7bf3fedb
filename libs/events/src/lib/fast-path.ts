import { externalIdRule, fitsRule, isEventId, isoDateTime, keyRule, overallRecommendations, textRule, type StringRule } from './event-schemas';

/**
 * A plain-code check of the scorecard and decision events, all but the rare RubricPublished.
 * Every event is validated at ingestion and again by each projection, and zod spends ~9 µs on a
 * scorecard (much of it building its copy of the event), ~40 on an amendment; this takes about one.
 *
 * It answers only "certainly valid" or "ask zod": it says yes only to an event that its zod
 * schema accepts as it is (a property test holds it to that), and anything else — another type,
 * an unknown field, any doubt — goes to zod, which stays the authority and says what is wrong.
 */
export function passesFastPath(event: Record<string, unknown>): boolean {
  const check = dataChecks.get(event['type']);
  return check !== undefined && envelopeFits(event) && isRecord(event['data']) && check(event['data']);
}

const dateTimePattern = isoDateTime._zod.pattern;
const text100 = textRule(100);
const text2000 = textRule(2000);
const MAX_RATINGS = 100;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const fits = (value: unknown, rule: StringRule) => typeof value === 'string' && fitsRule(value, rule);
const isDateTime = (value: unknown) => typeof value === 'string' && dateTimePattern.test(value);
const isVersion = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 1;

const envelopeFields = new Set(['eventId', 'schemaVersion', 'occurredAt', 'type', 'data']);

/** Every envelope field is required, and each is checked here or by the caller. */
function envelopeFits(event: Record<string, unknown>): boolean {
  for (const field in event) if (!envelopeFields.has(field)) return false;
  return typeof event['eventId'] === 'string' && isEventId(event['eventId']) && isVersion(event['schemaVersion']) && isDateTime(event['occurredAt']);
}

/**
 * Whether every field of `data` is one of `fields` and passes its check, with each of `required`
 * present. Walks the object's own keys once, as zod's strict objects refuse any other key.
 */
function fieldsFit(data: Record<string, unknown>, fields: Record<string, (value: unknown) => boolean>, required: number): boolean {
  let requiredSeen = 0;
  for (const field in data) {
    const check = Object.hasOwn(fields, field) ? fields[field] : undefined;
    if (!check?.(data[field])) return false;
    if (!optional.has(field)) requiredSeen++;
  }
  return requiredSeen === required;
}

const optional = new Set(['jobFamily', 'interviewType', 'recommendedLevel', 'finalLevel', 'requisitionId', 'reason']);
const overall = new Set<unknown>(overallRecommendations);

/**
 * Allocates nothing: it runs for every scorecard a projection reads, and a Set and a key array per
 * rating had made it a tenth of the garbage of a replay's decoding.
 */
function ratingsFit(value: unknown): boolean {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_RATINGS) return false;
  for (let i = 0; i < value.length; i++) {
    const rating: unknown = value[i];
    if (!isRecord(rating) || !hasOnlySignalAndRating(rating) || !fits(rating['signal'], keyRule) || !Number.isSafeInteger(rating['rating'])) return false;
    // A scorecard rates ~10 signals: comparing pairs costs less than a Set.
    for (let j = 0; j < i; j++) if ((value[j] as Record<string, unknown>)['signal'] === rating['signal']) return false;
  }
  return true;
}

function hasOnlySignalAndRating(rating: Record<string, unknown>): boolean {
  let fields = 0;
  for (const field in rating) {
    if (field !== 'signal' && field !== 'rating') return false;
    fields++;
  }
  return fields === 2;
}

const scorecardSubmittedFields: Record<string, (value: unknown) => boolean> = {
  scorecardId: (v) => fits(v, externalIdRule),
  candidateId: (v) => fits(v, externalIdRule),
  interviewerId: (v) => fits(v, externalIdRule),
  rubricId: (v) => fits(v, keyRule),
  rubricVersion: isVersion,
  targetLevel: (v) => fits(v, keyRule),
  jobFamily: (v) => fits(v, text100),
  interviewType: (v) => fits(v, text100),
  ratings: ratingsFit,
  overall: (v) => overall.has(v),
  recommendedLevel: (v) => fits(v, keyRule),
  interviewedAt: isDateTime,
};

const scorecardAmendedFields: Record<string, (value: unknown) => boolean> = {
  scorecardId: (v) => fits(v, externalIdRule),
  ratings: ratingsFit,
  overall: (v) => overall.has(v),
  recommendedLevel: (v) => fits(v, keyRule),
  reason: (v) => fits(v, text2000),
};

const scorecardWithdrawnFields: Record<string, (value: unknown) => boolean> = {
  scorecardId: (v) => fits(v, externalIdRule),
  reason: (v) => fits(v, text2000),
};

const decisionRecordedFields: Record<string, (value: unknown) => boolean> = {
  candidateId: (v) => fits(v, externalIdRule),
  decision: (v) => v === 'hire' || v === 'no_hire',
  finalLevel: (v) => fits(v, keyRule),
  requisitionId: (v) => fits(v, externalIdRule),
};

const dataChecks = new Map<unknown, (data: Record<string, unknown>) => boolean>([
  ['ScorecardSubmitted', (data) => fieldsFit(data, scorecardSubmittedFields, 9)],
  ['ScorecardAmended', (data) => fieldsFit(data, scorecardAmendedFields, 3)],
  ['ScorecardWithdrawn', (data) => fieldsFit(data, scorecardWithdrawnFields, 1)],
  // A hire names its final level (the schema's refinement).
  ['DecisionRecorded', (data) => fieldsFit(data, decisionRecordedFields, 2) && (data['decision'] !== 'hire' || data['finalLevel'] !== undefined)],
]);
