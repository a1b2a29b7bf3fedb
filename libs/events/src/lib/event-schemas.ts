import { z } from 'zod';

/**
 * The event log's contract (SPEC §2): an envelope around one of five event types.
 * Objects are strict — an unknown field is an error, not silently dropped — because a typo
 * in a producer (`ratting`) should be caught at the door rather than lose data quietly.
 */

/** What a bounded string field accepts: 1 to `max` characters matching `pattern`. */
export interface StringRule {
  max: number;
  pattern: RegExp;
  patternMessage: string;
}

export const fitsRule = (value: string, { max, pattern }: StringRule) => value.length > 0 && value.length <= max && pattern.test(value);

/**
 * A string field of `rule`, checked in one pass: every event is validated several times (at
 * ingestion and by each projection), and zod's separate min, max and regex checks cost three
 * times one. The JSON Schema in /docs still shows all three.
 */
function boundedString(rule: StringRule) {
  return z
    .string()
    .check((ctx) => {
      const value = ctx.value;
      if (fitsRule(value, rule)) return;
      const message = value.length === 0 ? 'must not be empty' : value.length > rule.max ? `must be at most ${rule.max} characters` : rule.patternMessage;
      ctx.issues.push({ code: 'custom', message, input: value });
    })
    .meta({ minLength: 1, maxLength: rule.max, pattern: rule.pattern.source });
}

/** External identifiers (candidates, interviewers, scorecards): no spaces, quotes or SQL. */
export const externalIdRule: StringRule = { max: 128, pattern: /^[A-Za-z0-9][A-Za-z0-9._:@+-]*$/, patternMessage: 'must start with a letter or digit and contain only letters, digits and . _ : @ + -' };
export const externalId = boundedString(externalIdRule);

/** Keys chosen by rubric authors (rubric ids, signal and level keys, scale labels). */
export const keyRule: StringRule = { max: 64, pattern: /^[a-z][a-z0-9_-]*$/, patternMessage: 'must be lowercase letters, digits, _ or -, starting with a letter' };
export const key = boundedString(keyRule);

/** Free text: anything printable (tabs and line breaks too), but no other control characters. */
export const textRule = (max: number): StringRule => ({
  max,
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  pattern: /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/,
  patternMessage: 'must not contain control characters',
});
const text = (max: number) => boundedString(textRule(max));

/** An ISO-8601 timestamp with a time zone; zod's pattern also refuses impossible dates (30 February). */
export const isoDateTime = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time with a time zone, e.g. 2026-03-01T10:00:00Z' });

export const overallRecommendations = ['strong_no_hire', 'no_hire', 'hire', 'strong_hire'] as const;
export const overallRecommendation = z.enum(overallRecommendations);
export type OverallRecommendation = z.infer<typeof overallRecommendation>;

const rating = z.strictObject({
  signal: key,
  rating: z.number().int('must be a whole number'),
});

/** Ratings of one scorecard: at least one, each signal at most once. */
export const ratings = z
  .array(rating)
  .min(1, 'must rate at least one signal')
  .max(100, 'must rate at most 100 signals')
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((r, i) => {
      if (seen.has(r.signal)) ctx.addIssue({ code: 'custom', path: [i, 'signal'], message: `signal "${r.signal}" is rated twice` });
      seen.add(r.signal);
    });
  });

function uniqueBy<T>(field: keyof T & string, what: string) {
  return (list: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<unknown>();
    list.forEach((item, i) => {
      if (seen.has(item[field])) ctx.addIssue({ code: 'custom', path: [i, field], message: `${what} "${String(item[field])}" appears twice` });
      seen.add(item[field]);
    });
  };
}

const scalePoint = z.strictObject({ value: z.number().int('must be a whole number'), label: key });
const signalDefinition = z.strictObject({
  key,
  name: text(200),
  description: text(2000).optional(),
  /** What each scale label means for this signal (label → descriptor). */
  descriptors: z.record(key, text(2000)).optional(),
  /** Optional signals are rated only where the role calls for them. */
  optional: z.boolean().optional(),
});
const levelDefinition = z.strictObject({ key, name: text(200), rank: z.number().int('must be a whole number') });

/** How an overall rating on the scale reads as a hire recommendation, with any leveling hint. */
const overallGuidance = z.strictObject({
  label: key,
  overall: overallRecommendation,
  leveling: z.enum(['up', 'down']).optional(),
  guidance: text(2000).optional(),
});

export const rubricPublishedData = z
  .strictObject({
    rubricId: key,
    version: z.number().int('must be a whole number').min(1, 'must be at least 1'),
    name: text(200),
    scale: z
      .array(scalePoint)
      .min(2, 'must have at least 2 points')
      .max(10, 'must have at most 10 points')
      .superRefine((points, ctx) => {
        points.forEach((p, i) => {
          if (i > 0 && p.value <= points[i - 1].value) ctx.addIssue({ code: 'custom', path: [i, 'value'], message: 'scale values must be strictly ascending' });
        });
      })
      .superRefine(uniqueBy('label', 'scale label')),
    signals: z.array(signalDefinition).min(1, 'must define at least one signal').max(100).superRefine(uniqueBy('key', 'signal key')),
    levels: z
      .array(levelDefinition)
      .min(1, 'must define at least one level')
      .max(50)
      .superRefine(uniqueBy('key', 'level key'))
      .superRefine(uniqueBy('rank', 'level rank')),
    overallGuidance: z.array(overallGuidance).optional(),
  })
  .superRefine((rubric, ctx) => {
    const labels = new Set(rubric.scale.map((p) => p.label));
    rubric.signals.forEach((signal, i) => {
      for (const label of Object.keys(signal.descriptors ?? {})) {
        if (!labels.has(label)) ctx.addIssue({ code: 'custom', path: ['signals', i, 'descriptors', label], message: `"${label}" is not a label of the scale` });
      }
    });
    rubric.overallGuidance?.forEach((g, i) => {
      if (!labels.has(g.label)) ctx.addIssue({ code: 'custom', path: ['overallGuidance', i, 'label'], message: `"${g.label}" is not a label of the scale` });
    });
  });

export const scorecardSubmittedData = z.strictObject({
  scorecardId: externalId,
  candidateId: externalId,
  interviewerId: externalId,
  rubricId: key,
  rubricVersion: z.number().int('must be a whole number').min(1, 'must be at least 1'),
  targetLevel: key,
  jobFamily: text(100).optional(),
  interviewType: text(100).optional(),
  ratings,
  overall: overallRecommendation,
  recommendedLevel: key.optional(),
  interviewedAt: isoDateTime,
});

export const scorecardAmendedData = z.strictObject({
  scorecardId: externalId,
  ratings,
  overall: overallRecommendation,
  recommendedLevel: key.optional(),
  reason: text(2000).optional(),
});

export const scorecardWithdrawnData = z.strictObject({
  scorecardId: externalId,
  reason: text(2000).optional(),
});

export const decisionRecordedData = z
  .strictObject({
    candidateId: externalId,
    decision: z.enum(['hire', 'no_hire']),
    finalLevel: key.optional(),
    requisitionId: externalId.optional(),
  })
  .superRefine((d, ctx) => {
    if (d.decision === 'hire' && !d.finalLevel) ctx.addIssue({ code: 'custom', path: ['finalLevel'], message: 'is required when the decision is hire' });
  });

/** Fields every event carries, whatever its type. */
const envelopeFields = {
  eventId: z.uuid('must be a UUID'),
  schemaVersion: z.number().int('must be a whole number').min(1, 'must be at least 1'),
  occurredAt: isoDateTime,
};

/** Whether `value` is an eventId as the envelope accepts it (the pattern alone, for checks on the hot path). */
const eventIdPattern = envelopeFields.eventId._zod.pattern;
export const isEventId = (value: string): boolean => eventIdPattern.test(value);

const envelopeOf = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.strictObject({ ...envelopeFields, type: z.literal(type), data });

export const eventSchemas = {
  RubricPublished: envelopeOf('RubricPublished', rubricPublishedData),
  ScorecardSubmitted: envelopeOf('ScorecardSubmitted', scorecardSubmittedData),
  ScorecardAmended: envelopeOf('ScorecardAmended', scorecardAmendedData),
  ScorecardWithdrawn: envelopeOf('ScorecardWithdrawn', scorecardWithdrawnData),
  DecisionRecorded: envelopeOf('DecisionRecorded', decisionRecordedData),
};

export type EventType = keyof typeof eventSchemas;
export const eventTypes = Object.keys(eventSchemas) as EventType[];

export const plumblineEvent = z.discriminatedUnion('type', [
  eventSchemas.RubricPublished,
  eventSchemas.ScorecardSubmitted,
  eventSchemas.ScorecardAmended,
  eventSchemas.ScorecardWithdrawn,
  eventSchemas.DecisionRecorded,
]);

export type PlumblineEvent = z.infer<typeof plumblineEvent>;
export type RubricPublished = z.infer<typeof eventSchemas.RubricPublished>;
export type ScorecardSubmitted = z.infer<typeof eventSchemas.ScorecardSubmitted>;
export type ScorecardAmended = z.infer<typeof eventSchemas.ScorecardAmended>;
export type ScorecardWithdrawn = z.infer<typeof eventSchemas.ScorecardWithdrawn>;
export type DecisionRecorded = z.infer<typeof eventSchemas.DecisionRecorded>;
export type Rubric = z.infer<typeof rubricPublishedData>;
export type Rating = z.infer<typeof rating>;
