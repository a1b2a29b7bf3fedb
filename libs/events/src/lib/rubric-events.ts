import type { RubricPublished, Rubric } from './event-schemas';

/**
 * The RubricPublished event of a built-in rubric. Its eventId is derived from the rubric id and
 * version, so every instance that bootstraps the topic publishes the same event: a second
 * publication is a duplicate, never a second rubric.
 */
export function rubricPublishedEvent(rubric: Rubric, occurredAt = '2026-01-01T00:00:00Z'): RubricPublished {
  return {
    eventId: nameBasedUuid(`rubric:${rubric.rubricId}@${rubric.version}`),
    type: 'RubricPublished',
    schemaVersion: 1,
    occurredAt,
    data: rubric,
  };
}

/**
 * A deterministic UUID-shaped id (version nibble 8, "custom", RFC 9562) from a name, using
 * FNV-1a so this pure library needs no crypto import.
 */
export function nameBasedUuid(name: string): string {
  let hex = '';
  for (let seed = 0; hex.length < 32; seed++) {
    let hash = 0x811c9dc5 ^ seed;
    for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193);
    hex += (hash >>> 0).toString(16).padStart(8, '0');
  }
  const h = hex.slice(0, 32).split('');
  h[12] = '8';
  h[16] = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
