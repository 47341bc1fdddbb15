import { z } from 'zod';
import { uuid, version } from '../../core/common.contract.ts';

export const caseStage = z.enum(['intake', 'assessment', 'planning', 'implementation', 'evaluation', 'closed']);
export const priority = z.enum(['urgent', 'high', 'normal', 'low']);
export const caseRecord = z.object({
  id: uuid,
  caseNumber: z.string(),
  personId: uuid,
  unitId: uuid,
  responsibleStaffId: uuid,
  teamStaffIds: z.array(uuid),
  stage: caseStage,
  priority,
  version: z.int(),
  openedAt: z.iso.datetime(),
  closedAt: z.iso.datetime().nullable(),
  crisisRaisedAt: z.iso.datetime().nullable().describe('Set when an answer calls for same-day safety follow-up (PHQ-9 item 9)'),
  stages: z
    .array(z.object({ stage: caseStage, enteredAt: z.iso.datetime(), byName: z.string().nullable(), reason: z.string() }))
    .describe('The stages the case has passed through, oldest first'),
  may: z
    .object({
      changeStageTo: z.array(caseStage).describe('The stages the caller may move the case to now'),
      reassign: z.boolean(),
      endCrisis: z.boolean(),
      work: z.boolean().describe('Assessments, questionnaires, decisions, plans and progress'),
    })
    .describe('What the caller may do with this case'),
});
/** A case of a person, as listed on the person page. */
export const personCase = caseRecord.pick({ id: true, caseNumber: true, stage: true, priority: true, openedAt: true, closedAt: true });
export const openCaseBody = z.strictObject({
  personId: uuid,
  unitId: uuid,
  responsibleStaffId: uuid,
  teamStaffIds: z.array(uuid).max(20).default([]),
  priority: priority.default('normal'),
});
export const changeStageBody = z.strictObject({ stage: caseStage, reason: z.string().trim().max(2000).default(''), version });
/** Supervision ends the crisis flag once the same-day safety follow-up is done, saying what was done. */
export const clearCrisisBody = z.strictObject({
  followUp: z.string().trim().min(3).max(5000),
  followUpOn: z.iso
    .date()
    .optional()
    .describe('When the person is followed up; required while the case has an open crisis, which this closes'),
  version,
});
export const reassignCaseBody = z.strictObject({
  responsibleStaffId: uuid,
  teamStaffIds: z.array(uuid).max(20).optional(),
  reason: z.string().trim().min(3).max(2000),
  version,
});

/** Break-the-glass: why the case must be opened now by someone outside it. */
export const emergencyAccessBody = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(10)
    .max(1000)
    .describe('The emergency: kept in the audit trail and told to the case worker and supervision'),
});
export const emergencyAccess = z.object({
  id: uuid,
  caseId: uuid,
  expiresAt: z.iso.datetime().describe('Until when the case is open to the caller'),
});
export const emergencyAccessList = z.object({
  items: z.array(
    z.object({
      id: uuid,
      caseId: uuid,
      caseNumber: z.string(),
      staffId: uuid,
      staffName: z.string(),
      reason: z.string(),
      grantedAt: z.iso.datetime(),
      expiresAt: z.iso.datetime(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
