import { describe, expect, it } from 'vitest';
import { filtersSchema, whereClause } from './filters';

describe('filters', () => {
  it('turns filters into a parameterized WHERE clause, values never in the SQL', () => {
    const filters = filtersSchema.parse({ from: '2026-01-01', to: '2026-03-31', rubricId: "x' OR 1=1 --", jobFamily: 'ml' });
    const { sql, params } = whereClause(filters);
    expect(sql).toBe(
      'WHERE interviewed_at >= parseDateTime64BestEffort({from:String}, 3) AND interviewed_at <= parseDateTime64BestEffort({to:String}, 3) AND job_family = {jobFamily:String} AND rubric_id = {rubricId:String}',
    );
    expect(sql).not.toContain('OR 1=1');
    expect(params).toEqual({ from: '2026-01-01T00:00:00.000Z', to: '2026-03-31T23:59:59.999Z', jobFamily: 'ml', rubricId: "x' OR 1=1 --" });
  });

  it('puts the caller\'s own conditions first', () => {
    expect(whereClause(filtersSchema.parse({ rubricId: 'r' }), 'interviewer_id = {id:String}').sql).toBe('WHERE interviewer_id = {id:String} AND rubric_id = {rubricId:String}');
    expect(whereClause(filtersSchema.parse({}), 'a = 1', 'b = 2').sql).toBe('WHERE a = 1 AND b = 2');
  });

  it('refuses unknown parameters and bad dates by name', () => {
    const result = filtersSchema.safeParse({ form: '2026-01-01', to: 'yesterday' });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.') || (i as any).keys?.join(','))).toEqual(expect.arrayContaining(['to', 'form']));
  });

  it('has no WHERE without filters and defaults the period to month', () => {
    const filters = filtersSchema.parse({});
    expect(whereClause(filters).sql).toBe('');
    expect(filters.period).toBe('month');
  });
});
