import { z } from 'zod';

/**
 * The audit trail (issue 7): who exported a report, imported scorecards or started a replay, and
 * when. Entries go to their own topic (`<topic>.audit`), kept forever, apart from the event log
 * the projections read: they describe use of the system, not hiring.
 */
export const auditEntryTypes = ['ReportExported', 'ScorecardsImported', 'ReplayStarted'] as const;
export type AuditEntryType = (typeof auditEntryTypes)[number];

export const auditEntrySchema = z.strictObject({
  eventId: z.uuid(),
  type: z.enum(auditEntryTypes),
  occurredAt: z.iso.datetime({ offset: true }),
  actor: z.strictObject({ sub: z.string().min(1), role: z.string().min(1) }),
  data: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export function auditEntry(type: AuditEntryType, actor: { sub: string; role: string }, data: Record<string, unknown>): AuditEntry {
  return { eventId: globalThis.crypto.randomUUID(), type, occurredAt: new Date().toISOString(), actor: { sub: actor.sub, role: actor.role }, data };
}
