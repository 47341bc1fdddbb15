import { z } from 'zod';

export const role = z.enum(['administrator', 'agency_head', 'supervisor', 'case_worker', 'intake_worker', 'partner_provider', 'auditor']);
export type Role = z.infer<typeof role>;
export const allRoles = role.options;
