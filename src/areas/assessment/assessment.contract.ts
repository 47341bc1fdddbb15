import { z } from 'zod';
import { editOf, pastDate, uuid, version, withDefaults } from '../../core/common.contract.ts';

export const assessmentKind = z.enum(['initial', 'reassessment']);
export const assessmentStatus = z.enum(['draft', 'completed']);
/** The person's answer to the assessment: they confirm it, or ask for corrections. */
export const personResponse = z.enum(['confirmed', 'corrected']);

/** The life domains of a needs assessment (seed 002 §2, DOMAIN.md). */
export const lifeDomain = z.enum(['psychosocial', 'health', 'finances', 'legal', 'housing', 'work_education', 'family_social', 'safety']);
export type LifeDomain = z.infer<typeof lifeDomain>;
export const lifeDomains = lifeDomain.options;

export const informationSource = z.enum(['interview', 'observation', 'scales', 'other_agency_records']);
export const needSeverity = z.enum(['low', 'moderate', 'high', 'critical']);
export const needStatus = z.enum(['open', 'met', 'no_longer_relevant']);

/** What was found in one domain: findings, strengths and resources, and a 1–5 self-sufficiency score (0 = not applicable). */
export const domainFinding = z.strictObject({
  findings: z.string().trim().max(20_000).default(''),
  strengths: z.string().trim().max(20_000).default(''),
  score: z.int().min(0).max(5).nullable().default(null),
});
export type DomainFinding = z.infer<typeof domainFinding>;

const assessmentShape = {
  kind: assessmentKind,
  assessedOn: pastDate,
  sources: z
    .array(informationSource)
    .max(informationSource.options.length)
    .refine((s) => new Set(s).size === s.length, 'Name each source once'),
  otherSources: z.string().trim().max(2000),
  domains: z.partialRecord(lifeDomain, domainFinding),
  analysisCauses: z.string().trim().max(20_000),
  analysisNature: z.string().trim().max(20_000),
  analysisDegree: z.string().trim().max(20_000),
  personView: z.string().trim().max(20_000),
};
export const createAssessmentBody = z.strictObject(
  withDefaults(assessmentShape, {
    kind: 'initial',
    sources: [],
    otherSources: '',
    domains: {},
    analysisCauses: '',
    analysisNature: '',
    analysisDegree: '',
    personView: '',
  }),
);
export const updateAssessmentBody = editOf(assessmentShape);

export const completeAssessmentBody = z.strictObject({ version });
/** The person confirms the assessment or says what should be corrected (seed 002 §2.3). */
export const personResponseBody = z
  .strictObject({
    response: personResponse,
    corrections: z.string().trim().max(20_000).default(''),
    version,
  })
  .refine((b) => b.response === 'confirmed' || b.corrections.length > 0, {
    path: ['corrections'],
    message: 'Write down what the person wants corrected',
  });

const needShape = {
  domain: lifeDomain,
  description: z.string().trim().min(3).max(2000),
  severity: needSeverity,
  identifiedOn: pastDate,
};
export const createNeedBody = z.strictObject(needShape);
export const updateNeedBody = editOf({ ...needShape, status: needStatus });

export const need = z.object({
  id: uuid,
  caseId: uuid,
  assessmentId: uuid.nullable(),
  domain: lifeDomain,
  description: z.string(),
  severity: needSeverity,
  identifiedOn: z.iso.date(),
  status: needStatus,
  version: z.int(),
});

export const assessment = z.object({
  id: uuid,
  caseId: uuid,
  kind: assessmentKind,
  status: assessmentStatus,
  assessedOn: z.iso.date(),
  sources: z.array(informationSource),
  otherSources: z.string(),
  domains: z.partialRecord(lifeDomain, z.object({ findings: z.string(), strengths: z.string(), score: z.int().nullable() })),
  analysisCauses: z.string(),
  analysisNature: z.string(),
  analysisDegree: z.string(),
  personView: z.string(),
  personResponse: personResponse.nullable(),
  personCorrections: z.string(),
  personRespondedAt: z.iso.datetime().nullable(),
  completedAt: z.iso.datetime().nullable(),
  createdBy: uuid,
  needs: z.array(need),
  version: z.int(),
});

/** The latest assessment as the case page shows it: when it was made and the needs it found; the findings are on its own page. */
export const assessmentSummary = assessment.pick({
  id: true,
  kind: true,
  status: true,
  assessedOn: true,
  completedAt: true,
  needs: true,
  version: true,
});
