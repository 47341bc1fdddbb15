import { z } from 'zod';
import { pastDate, personalText, uuid, version } from './common.ts';

export const person = z.object({
  id: uuid,
  givenName: z.string(),
  familyName: z.string(),
  birthDate: z.iso.date().nullable(),
  version: z.int(),
  createdAt: z.iso.datetime(),
});
export type Person = z.infer<typeof person>;

export const createPersonBody = z.strictObject({
  givenName: personalText(200),
  familyName: personalText(200),
  birthDate: pastDate.nullable().default(null),
});
export const updatePersonBody = z.strictObject({
  givenName: personalText(200).optional(),
  familyName: personalText(200).optional(),
  birthDate: pastDate.nullable().optional(),
  version,
});

export const caseStage = z.enum(['intake', 'assessment', 'planning', 'implementation', 'evaluation', 'closed']);
export const caseRecord = z.object({
  id: uuid,
  caseNumber: z.string(),
  personId: uuid,
  unitId: uuid,
  responsibleStaffId: uuid,
  stage: caseStage,
  version: z.int(),
  openedAt: z.iso.datetime(),
});
export const openCaseBody = z.strictObject({
  personId: uuid,
  unitId: uuid,
  responsibleStaffId: uuid,
  teamStaffIds: z.array(uuid).max(20).default([]),
});
