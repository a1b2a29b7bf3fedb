import { z } from 'zod';

const day = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { message: 'must be a date (2026-03-01) or an ISO-8601 date-time' });
const text = z.string().min(1).max(100);

/** The filters every figure accepts (SPEC §5), from the query string. Unknown parameters are errors. */
export const filtersSchema = z.strictObject({
  from: day.optional(),
  to: day.optional(),
  jobFamily: text.optional(),
  targetLevel: text.optional(),
  rubricId: text.optional(),
  interviewType: text.optional(),
  period: z.enum(['week', 'month']).default('month'),
});

export type Filters = z.infer<typeof filtersSchema>;

/**
 * A parameterized WHERE clause over the fact view for the filters, and any further conditions of
 * the caller's: values travel as query parameters, never inside the SQL text. `to` is inclusive
 * of its whole day when given as a date.
 */
export function whereClause(filters: Filters, ...also: string[]): { sql: string; params: Record<string, string> } {
  const conditions: string[] = [...also];
  const params: Record<string, string> = {};
  const iso = (value: string, endOfDay: boolean) => (value.length === 10 ? `${value}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}Z` : value);
  if (filters.from) {
    conditions.push('interviewed_at >= parseDateTime64BestEffort({from:String}, 3)');
    params.from = iso(filters.from, false);
  }
  if (filters.to) {
    conditions.push('interviewed_at <= parseDateTime64BestEffort({to:String}, 3)');
    params.to = iso(filters.to, true);
  }
  for (const [field, column] of [
    ['jobFamily', 'job_family'],
    ['targetLevel', 'target_level'],
    ['rubricId', 'rubric_id'],
    ['interviewType', 'interview_type'],
  ] as const) {
    const value = filters[field];
    if (value !== undefined) {
      conditions.push(`${column} = {${field}:String}`);
      params[field] = value;
    }
  }
  return { sql: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}
