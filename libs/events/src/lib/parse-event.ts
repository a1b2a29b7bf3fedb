import type { z } from 'zod';
import { eventSchemas, eventTypes, type EventType, type PlumblineEvent } from './event-schemas';
import { passesFastPath } from './fast-path';

/** A problem with one field of an event; `path` is dotted from the envelope (`data.ratings.0.rating`). */
export interface FieldIssue {
  path: string;
  message: string;
}

export type ParseResult = { ok: true; event: PlumblineEvent } | { ok: false; issues: FieldIssue[] };

/**
 * Turns an older `schemaVersion` of one event type into the next one. The log is kept forever,
 * so when a type's data changes shape, old events are read through a chain of upcasters rather
 * than rewritten.
 */
export interface Upcaster {
  type: EventType;
  fromVersion: number;
  upcast(data: Record<string, unknown>): Record<string, unknown>;
}

/** Every event type is at version 1 today; raise a type's entry together with its upcaster. */
export const currentSchemaVersions: Record<EventType, number> = {
  RubricPublished: 1,
  ScorecardSubmitted: 1,
  ScorecardAmended: 1,
  ScorecardWithdrawn: 1,
  DecisionRecorded: 1,
};

export interface EventParserOptions {
  upcasters?: Upcaster[];
  versions?: Record<EventType, number>;
}

export function toFieldIssues(error: z.ZodError, prefix: (string | number)[] = []): FieldIssue[] {
  return error.issues.map((issue) => ({ path: [...prefix, ...issue.path].map(String).join('.'), message: issue.message }));
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Builds a parser that upcasts older schema versions and validates against the current schemas. */
export function createEventParser({ upcasters = [], versions = currentSchemaVersions }: EventParserOptions = {}) {
  const upcasterFor = new Map(upcasters.map((u) => [`${u.type}@${u.fromVersion}`, u]));

  return function parseEvent(raw: unknown): ParseResult {
    if (!isRecord(raw)) return { ok: false, issues: [{ path: '', message: 'must be a JSON object (an event envelope)' }] };
    const type = raw['type'];
    if (typeof type !== 'string' || !eventTypes.includes(type as EventType)) {
      return { ok: false, issues: [{ path: 'type', message: `must be one of ${eventTypes.join(', ')}` }] };
    }
    const eventType = type as EventType;
    let candidate = raw;
    const version = raw['schemaVersion'];
    // An event of the current version (nearly all) is checked as it is, without a copy.
    if (typeof version === 'number' && Number.isInteger(version) && version !== versions[eventType]) {
      if (version > versions[eventType]) {
        return { ok: false, issues: [{ path: 'schemaVersion', message: `${eventType} schemaVersion ${version} is newer than this service understands (${versions[eventType]})` }] };
      }
      let data = raw['data'];
      for (let v = version; v < versions[eventType]; v++) {
        const upcaster = upcasterFor.get(`${eventType}@${v}`);
        if (!upcaster) return { ok: false, issues: [{ path: 'schemaVersion', message: `no upcaster from ${eventType} schemaVersion ${v}` }] };
        if (!isRecord(data)) break; // the schema check below reports the bad data
        data = upcaster.upcast(data);
      }
      candidate = { ...raw, data, schemaVersion: versions[eventType] };
    }
    if (passesFastPath(candidate)) return { ok: true, event: candidate as PlumblineEvent };
    const parsed = eventSchemas[eventType].safeParse(candidate);
    return parsed.success ? { ok: true, event: parsed.data as PlumblineEvent } : { ok: false, issues: toFieldIssues(parsed.error) };
  };
}

/** The parser for today's schema versions. */
export const parseEvent = createEventParser();
