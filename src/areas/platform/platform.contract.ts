import { z } from 'zod';
import { isTimeZone } from '../../core/calendar-date.ts';
import { localeCode, uuid, version } from '../../core/common.contract.ts';
import { email } from '../auth/auth.contract.ts';
import { updateAgencyBody } from '../organisation/organisation.contract.ts';

/** The installation's own agency (`INSTALLATION_AGENCY` of the unit of work): it cannot be switched off. */
export const installationAgencyId = 1;

/** An agency as the platform administrators see it: its set-up, never its case content. */
export const agencySummary = z.object({
  id: z.int(),
  name: z.string(),
  caseNumberPrefix: z.string(),
  timeZone: z.string(),
  languages: z.array(localeCode),
  active: z.boolean().describe('Switched off: its staff cannot sign in'),
  activeStaff: z.int().describe('Staff accounts of the agency that are active'),
  createdAt: z.iso.datetime(),
  version: z.int(),
});
export type AgencySummary = z.infer<typeof agencySummary>;

export const agencyIdParams = z.strictObject({ id: z.coerce.number().int().positive().max(2_147_483_647) });

export const createAgencyBody = z.strictObject({
  name: updateAgencyBody.shape.name,
  caseNumberPrefix: updateAgencyBody.shape.caseNumberPrefix,
  timeZone: z.string().refine(isTimeZone, 'Use a time zone name such as Europe/Oslo').default('UTC'),
  languages: z.array(localeCode).min(1).max(6).default(['en']),
  /** The agency's first administrator: signs in with the temporary password and chooses their own. */
  administrator: z.strictObject({
    email,
    displayName: z.string().trim().min(1).max(200),
    locale: localeCode.default('en'),
  }),
});

export const createdAgency = z.object({
  agency: agencySummary,
  administrator: z.object({
    id: uuid,
    email: z.string(),
    temporaryPassword: z.string().describe('Shown once: pass it on safely. It works once, until it expires.'),
    expiresAt: z.iso.datetime(),
  }),
});

export const updateAgencyStatusBody = z.strictObject({ active: z.boolean(), version });
