import { z } from 'zod';

/** The roles of SPEC §7. */
export const roles = ['ingest', 'admin', 'hiring_lead', 'recruiting_ops', 'interviewer'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/** Who is calling: the token's subject (an interviewer's `interviewerId`) and role. */
export interface Principal {
  sub: string;
  role: Role;
}
