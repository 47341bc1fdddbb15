import type { z } from 'zod';
import type * as agreementContracts from '../areas/agreement/agreement.contract.ts';
import type * as assessmentContracts from '../areas/assessment/assessment.contract.ts';
import type { auditEvent, auditVerification } from '../areas/audit/audit.contract.ts';
import type {
  AccountSecurity,
  changePasswordBody,
  loginBody,
  loginResult,
  mfaCodeBody,
  mfaEnrolment,
  newPasswordBody,
  reauthBody,
  SessionInfo,
  setupBody,
  updateMeBody,
} from '../areas/auth/auth.contract.ts';
import type * as caseContracts from '../areas/case/case.contract.ts';
import type * as decisionContracts from '../areas/decision/decision.contract.ts';
import type * as requestContracts from '../areas/intake/intake.contract.ts';
import type {
  Agency,
  createPartnerOrganisationBody,
  createUnitBody,
  partnerOrganisation,
  Unit,
  updateAgencyBody,
  updateUnitBody,
} from '../areas/organisation/organisation.contract.ts';
import type * as personContracts from '../areas/person/person.contract.ts';
import type * as planContracts from '../areas/plan/plan.contract.ts';
import type { createStaffBody, StaffMember, TemporaryPassword, updateStaffBody } from '../areas/staff/staff.contract.ts';
import type { Problem } from '../core/common.contract.ts';

export interface FieldError {
  field: string;
  /** Stable reason from the server (e.g. too_common, already_in_use, wrong_code). */
  code: string;
  message: string;
  /** Further stable reasons (a weak password's `warning.*` and `suggestion.*`). */
  hints?: string[];
}

/** A failed API call, from an RFC 9457 problem document (or a network failure: status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly fieldErrors: FieldError[];
  readonly retryAfterSeconds: number | null;

  constructor(init: {
    status: number;
    code: string;
    title: string;
    detail?: string;
    fieldErrors?: FieldError[];
    retryAfterSeconds?: number | null;
  }) {
    super(init.detail ?? init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.fieldErrors = (init.fieldErrors ?? []).map((e) => ({
      field: normaliseField(e.field),
      code: e.code ?? 'invalid',
      message: e.message,
      ...(Array.isArray(e.hints) ? { hints: e.hints.filter((h) => typeof h === 'string') } : {}),
    }));
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }

  /** The server's message for one field, if it gave one. */
  messageFor(field: string): string | undefined {
    return this.fieldErrors.find((e) => e.field === field)?.message;
  }
}

/** "body.email", "/email" and "email" all name the same field. */
function normaliseField(field: string): string {
  return field
    .replace(/^\/+/, '')
    .replace(/^body[./]/, '')
    .replaceAll('/', '.');
}

const SESSION_ENDED_CODES = new Set(['not_authenticated', 'session_expired']);

let csrfToken: string | null = null;
let sessionEndedListener: ((error: ApiError) => void) | null = null;
let activityListener: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a call that expected a session gets 401 (idle or absolute timeout, or sign-out elsewhere). */
export function onSessionEnded(listener: ((error: ApiError) => void) | null): void {
  sessionEndedListener = listener;
}

/** Called after every successful call, so the client can follow the server's idle timer. */
export function onActivity(listener: (() => void) | null): void {
  activityListener = listener;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Query = Record<string, string | number | undefined | null>;

interface RequestOptions {
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  /** A 401 here is an expected answer (signing in, checking the session), not the end of a session. */
  expectUnauthenticated?: boolean;
}

function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
  const retryAfterSeconds = Number.isFinite(retryAfter) ? retryAfter : null;
  let problem: Partial<Problem> = {};
  try {
    problem = (await response.json()) as Partial<Problem>;
  } catch {
    // Not JSON (a proxy error page, say): fall back to the status.
  }
  return new ApiError({
    status: response.status,
    code: typeof problem.code === 'string' ? problem.code : response.status >= 500 ? 'internal_error' : 'unknown_error',
    title: typeof problem.title === 'string' ? problem.title : response.statusText,
    ...(typeof problem.detail === 'string' ? { detail: problem.detail } : {}),
    fieldErrors: Array.isArray(problem.errors) ? problem.errors : [],
    retryAfterSeconds,
  });
}

async function send(method: Method, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  try {
    return await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ status: 0, code: 'network_error', title: 'Network error' });
  }
}

async function refreshCsrfToken(): Promise<boolean> {
  const response = await send('GET', '/api/v1/auth/session', {});
  if (!response.ok) return false;
  const info = (await response.json()) as SessionInfo;
  csrfToken = info.csrfToken;
  return true;
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  let response = await send(method, path, options);
  if (!response.ok && method !== 'GET' && response.status === 403) {
    const error = await toApiError(response.clone());
    // The token rotates when the session does (after MFA); fetch the current one and try once more.
    if (error.code === 'csrf_token_invalid' && (await refreshCsrfToken())) response = await send(method, path, options);
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (error.status === 401 && !options.expectUnauthenticated && SESSION_ENDED_CODES.has(error.code)) {
      sessionEndedListener?.(error);
    }
    throw error;
  }
  activityListener?.();
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export type Page<T> = { items: T[]; nextCursor: string | null };

export type LoginResult = z.infer<typeof loginResult>;
export type MfaEnrolment = z.infer<typeof mfaEnrolment>;
export type PartnerOrganisation = z.infer<typeof partnerOrganisation>;
export type AuditEvent = z.infer<typeof auditEvent>;
export type AuditVerification = z.infer<typeof auditVerification>;
export type { AccountSecurity, Agency, SessionInfo, StaffMember, TemporaryPassword, Unit };

export const authApi = {
  session: () => request<SessionInfo>('GET', '/api/v1/auth/session', { expectUnauthenticated: true }),
  login: (body: z.input<typeof loginBody>) => request<LoginResult>('POST', '/api/v1/auth/login', { body, expectUnauthenticated: true }),
  verifyMfa: (body: z.input<typeof mfaCodeBody>) =>
    request<unknown>('POST', '/api/v1/auth/mfa/verify', { body, expectUnauthenticated: true }),
  enrolMfa: () => request<MfaEnrolment>('POST', '/api/v1/auth/mfa/enrol', { body: {} }),
  confirmMfa: (body: z.input<typeof mfaCodeBody>) => request<unknown>('POST', '/api/v1/auth/mfa/confirm', { body }),
  /** After signing in with a temporary password. */
  setNewPassword: (body: z.input<typeof newPasswordBody>) => request<LoginResult>('POST', '/api/v1/auth/password', { body }),
  logout: () => request<unknown>('POST', '/api/v1/auth/logout', { body: {}, expectUnauthenticated: true }),
  setup: (body: z.input<typeof setupBody>) => request<unknown>('POST', '/api/v1/setup', { body, expectUnauthenticated: true }),
};

export const meApi = {
  update: (body: z.input<typeof updateMeBody>) => request<unknown>('PATCH', '/api/v1/me', { body }),
  security: () => request<AccountSecurity>('GET', '/api/v1/me/security'),
  changePassword: (body: z.input<typeof changePasswordBody>) => request<unknown>('POST', '/api/v1/me/password', { body }),
  enrolMfa: (body: z.input<typeof reauthBody>) => request<MfaEnrolment>('POST', '/api/v1/me/mfa/enrol', { body }),
  confirmMfa: (body: z.input<typeof mfaCodeBody>) => request<unknown>('POST', '/api/v1/me/mfa/confirm', { body }),
  disableMfa: (body: z.input<typeof reauthBody>) => request<unknown>('POST', '/api/v1/me/mfa/disable', { body }),
};

export const organisationApi = {
  agency: () => request<Agency>('GET', '/api/v1/agency'),
  updateAgency: (body: z.input<typeof updateAgencyBody>) => request<Agency>('PUT', '/api/v1/agency', { body }),
  units: (query: { limit?: number; cursor?: string | null } = {}) => request<Page<Unit>>('GET', '/api/v1/units', { query }),
  createUnit: (body: z.input<typeof createUnitBody>) => request<Unit>('POST', '/api/v1/units', { body }),
  updateUnit: (id: string, body: z.input<typeof updateUnitBody>) =>
    request<Unit>('PATCH', `/api/v1/units/${encodeURIComponent(id)}`, { body }),
  partners: (query: { limit?: number; cursor?: string | null } = {}) =>
    request<Page<PartnerOrganisation>>('GET', '/api/v1/partner-organisations', { query }),
  createPartner: (body: z.input<typeof createPartnerOrganisationBody>) =>
    request<PartnerOrganisation>('POST', '/api/v1/partner-organisations', { body }),
};

export const staffApi = {
  list: (query: { q?: string; limit?: number; cursor?: string | null } = {}) =>
    request<Page<StaffMember>>('GET', '/api/v1/staff', { query }),
  create: (body: z.input<typeof createStaffBody>) => request<StaffMember>('POST', '/api/v1/staff', { body }),
  update: (id: string, body: z.input<typeof updateStaffBody>) =>
    request<StaffMember>('PATCH', `/api/v1/staff/${encodeURIComponent(id)}`, { body }),
  /** A temporary password, returned this once. */
  resetPassword: (id: string) => request<TemporaryPassword>('POST', `/api/v1/staff/${encodeURIComponent(id)}/password`, { body: {} }),
};

export const auditApi = {
  events: (query: { personId?: string; actorId?: string; limit?: number; cursor?: string | null }) =>
    request<Page<AuditEvent>>('GET', '/api/v1/audit/events', { query }),
  verify: () => request<AuditVerification>('POST', '/api/v1/audit/verify', { body: {} }),
};

// ---- Intake, people, cases and agreements ----

export type Person = z.infer<typeof personContracts.person>;
export type PersonBody = z.input<typeof personContracts.createPersonBody>;
export type PersonUpdateBody = z.input<typeof personContracts.updatePersonBody>;
export type DuplicateCandidate = z.infer<typeof personContracts.duplicateCandidate>;
export type DuplicateCheck = z.input<typeof personContracts.duplicateCheckBody>;
export type CaseRecord = z.infer<typeof caseContracts.caseRecord>;
export type CaseStage = z.infer<typeof caseContracts.caseStage>;
export type IntakeRequest = z.infer<typeof requestContracts.intakeRequest>;
export type RequestStatus = z.infer<typeof requestContracts.requestStatus>;
export type CreateRequestBody = z.input<typeof requestContracts.createRequestBody>;
export type DecisionBody = z.input<typeof requestContracts.decisionBody>;
export type IntakeDecision = z.infer<typeof requestContracts.intakeDecision>;
export type ReferralOut = z.infer<typeof requestContracts.referralOut>;
export type Interview = z.infer<typeof requestContracts.interview>;
export type InterviewBody = z.input<typeof requestContracts.interviewBody>;
export type DirectoryEntry = z.infer<typeof requestContracts.directoryEntry>;
export type ServiceAgreement = z.infer<typeof agreementContracts.serviceAgreement>;
export type SignAgreementBody = z.input<typeof agreementContracts.signAgreementBody>;
export type AgreementTemplate = z.infer<typeof agreementContracts.agreementTemplate>;
export type AgreementTemplateBody = z.input<typeof agreementContracts.putAgreementTemplateBody>;
export type PublicRequestBody = z.input<typeof requestContracts.publicRequestBody>;
export type PublicReceipt = z.infer<typeof requestContracts.publicReceipt>;

export interface Alert {
  id: string;
  kind: string;
  requestId: string | null;
  caseId: string | null;
  receiptNumber: string | null;
  createdAt: string;
}
export interface TodayWork {
  requests: { id: string; dueAt: string; overdue: boolean; receiptNumber: string; priority: string }[];
  referralFollowUps: { id: string; dueAt: string; overdue: boolean; requestId: string; receiptNumber: string; organisationName: string }[];
  urgentCases: { id: string; caseNumber: string; stage: CaseStage; openedAt: string }[];
}
export interface CaseloadItem {
  id: string;
  caseNumber: string;
  personId: string;
  personName: string;
  stage: CaseStage;
  priority: string;
  responsible: boolean;
  openedAt: string;
}
export interface UnitOverview {
  unitId: string | null;
  byWorker: { staffId: string; name: string; openCases: number; urgentCases: number }[];
  byStage: { stage: CaseStage; count: number }[];
  openRequests: number;
  overdueRequests: number;
}
export interface SearchHit {
  personId: string;
  givenName: string;
  familyName: string;
  birthDate: string | null;
  cases: { id: string; caseNumber: string }[];
  caseNumbers: string[];
  score: number;
}
export interface Draft {
  key: string;
  data: Record<string, unknown>;
  updatedAt: string;
}

const enc = encodeURIComponent;

/** A case of the person, as listed on the person page. */
export interface PersonCase {
  id: string;
  caseNumber: string;
  stage: CaseStage;
  priority: string;
  openedAt: string;
  closedAt: string | null;
}

export const personApi = {
  create: (body: PersonBody) => request<Person>('POST', '/api/v1/persons', { body }),
  get: (id: string) => request<Person>('GET', `/api/v1/persons/${enc(id)}`),
  update: (id: string, body: PersonUpdateBody) => request<Person>('PATCH', `/api/v1/persons/${enc(id)}`, { body }),
  cases: (id: string) => request<{ items: PersonCase[] }>('GET', `/api/v1/persons/${enc(id)}/cases`),
  duplicates: (body: DuplicateCheck, signal?: AbortSignal) =>
    request<{ candidates: DuplicateCandidate[] }>('POST', '/api/v1/persons/duplicates', { body, ...(signal ? { signal } : {}) }),
};

export const requestApi = {
  queue: (query: { status?: RequestStatus; limit?: number; cursor?: string | null }) =>
    request<Page<IntakeRequest>>('GET', '/api/v1/requests', { query }),
  create: (body: CreateRequestBody) => request<IntakeRequest>('POST', '/api/v1/requests', { body }),
  get: (id: string) => request<IntakeRequest>('GET', `/api/v1/requests/${enc(id)}`),
  update: (id: string, body: { personId?: string | null; version: number }) =>
    request<IntakeRequest>('PATCH', `/api/v1/requests/${enc(id)}`, { body }),
  decide: (id: string, body: DecisionBody) => request<IntakeRequest>('POST', `/api/v1/requests/${enc(id)}/decision`, { body }),
  decisions: (id: string) => request<{ items: IntakeDecision[] }>('GET', `/api/v1/requests/${enc(id)}/decisions`),
  referrals: (id: string) => request<{ items: ReferralOut[] }>('GET', `/api/v1/requests/${enc(id)}/referrals`),
  confirmArrival: (id: string, body: { arrived: boolean; note: string }) =>
    request<ReferralOut>('POST', `/api/v1/referrals/${enc(id)}/arrival`, { body }),
  interviews: (id: string) => request<{ items: Interview[] }>('GET', `/api/v1/requests/${enc(id)}/interviews`),
  addInterview: (id: string, body: InterviewBody) => request<Interview>('POST', `/api/v1/requests/${enc(id)}/interviews`, { body }),
  updateInterview: (id: string, body: Partial<InterviewBody> & { version: number }) =>
    request<Interview>('PATCH', `/api/v1/interviews/${enc(id)}`, { body }),
  directory: (q: string) => request<Page<DirectoryEntry>>('GET', '/api/v1/referral-directory', { query: { q, limit: 20 } }),
  letterUrl: (referralId: string) => `/api/v1/referrals/${enc(referralId)}/letter`,
};

/** The online request form: no session; a 401 is not expected here, and the answer is only a receipt number. */
export const publicApi = {
  submitRequest: (body: PublicRequestBody) =>
    request<PublicReceipt>('POST', '/api/v1/public/requests', { body, expectUnauthenticated: true }),
};

export const workApi = {
  alerts: () => request<{ items: Alert[] }>('GET', '/api/v1/alerts'),
  dismissAlert: (id: string) => request<unknown>('POST', `/api/v1/alerts/${enc(id)}/dismiss`, { body: {} }),
  today: () => request<TodayWork>('GET', '/api/v1/work/today'),
  caseload: (query: { cursor?: string | null; limit?: number } = {}) =>
    request<Page<CaseloadItem>>('GET', '/api/v1/work/caseload', { query }),
  unit: () => request<UnitOverview>('GET', '/api/v1/work/unit'),
  search: (q: string, cursor?: string | null) => request<Page<SearchHit>>('GET', '/api/v1/search', { query: { q, cursor } }),
};

/** Autosaved form drafts; `saveOnExit` survives the page going away (keepalive). */
export const draftApi = {
  get: (key: string) => request<Draft>('GET', `/api/v1/drafts/${enc(key)}`),
  save: (key: string, data: Record<string, unknown>) => request<unknown>('PUT', `/api/v1/drafts/${enc(key)}`, { body: { data } }),
  remove: (key: string) => request<unknown>('DELETE', `/api/v1/drafts/${enc(key)}`),
  saveOnExit: (key: string, data: Record<string, unknown>) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
    void fetch(`/api/v1/drafts/${enc(key)}`, {
      method: 'PUT',
      headers,
      credentials: 'same-origin',
      keepalive: true,
      body: JSON.stringify({ data }),
    }).catch(() => undefined);
  },
};

/** GET /cases/:id/overview: the case page's casework in one read. */
export interface CaseOverview {
  case: CaseRecord;
  person: { id: string; givenName: string; familyName: string; birthDate: string | null; languages: string[] };
  activePlan: { id: string; planVersion: number; content: { periodFrom: string; periodTo: string; reviewDate: string } } | null;
  steps: { stepId: string; what: string; dueDate: string | null; status: string; overdue: boolean }[];
  planInPreparation: { id: string; planVersion: number; status: 'draft' | 'awaiting_signature'; version: number } | null;
  latestAssessment: { id: string; assessedOn: string; needs: { id: string; description: string; identifiedOn: string }[] } | null;
}

export const caseApi = {
  get: (id: string) => request<CaseRecord>('GET', `/api/v1/cases/${enc(id)}`),
  overview: (id: string) => request<CaseOverview>('GET', `/api/v1/cases/${enc(id)}/overview`),
  changeStage: (id: string, body: { stage: CaseStage; reason: string; version: number }) =>
    request<CaseRecord>('POST', `/api/v1/cases/${enc(id)}/stage`, { body }),
  agreements: (id: string) => request<{ items: ServiceAgreement[] }>('GET', `/api/v1/cases/${enc(id)}/agreements`),
  createAgreement: (id: string, body: { language?: string }) =>
    request<ServiceAgreement>('POST', `/api/v1/cases/${enc(id)}/agreements`, { body }),
  sign: (agreementId: string, body: SignAgreementBody) =>
    request<ServiceAgreement>('POST', `/api/v1/agreements/${enc(agreementId)}/signatures`, { body }),
  documentUrl: (agreementId: string) => `/api/v1/agreements/${enc(agreementId)}/document`,
};

/** The agreement texts, one per language; saving one that exists needs the version last seen. */
export const agreementTemplateApi = {
  list: () => request<{ items: AgreementTemplate[] }>('GET', '/api/v1/agreement-templates'),
  put: (language: string, body: AgreementTemplateBody) =>
    request<AgreementTemplate>('PUT', `/api/v1/agreement-templates/${enc(language)}`, { body }),
};

// ---- Assessment and decisions ----

export type Assessment = z.infer<typeof assessmentContracts.assessment>;
export type AssessmentBody = z.input<typeof assessmentContracts.createAssessmentBody>;
export type Need = z.infer<typeof assessmentContracts.need>;
export type NeedBody = z.input<typeof assessmentContracts.createNeedBody>;
export type PersonResponseBody = z.input<typeof assessmentContracts.personResponseBody>;
export type ServiceDecision = z.infer<typeof decisionContracts.decision>;
export type ServiceDecisionBody = z.input<typeof decisionContracts.createDecisionBody>;

/** Needs assessments and re-assessments of a case, with their needs. */
export const assessmentApi = {
  list: (caseId: string) => request<{ items: Assessment[] }>('GET', `/api/v1/cases/${enc(caseId)}/assessments`),
  create: (caseId: string, body: AssessmentBody) => request<Assessment>('POST', `/api/v1/cases/${enc(caseId)}/assessments`, { body }),
  update: (id: string, body: Partial<AssessmentBody> & { version: number }) =>
    request<Assessment>('PATCH', `/api/v1/assessments/${enc(id)}`, { body }),
  complete: (id: string, version: number) => request<Assessment>('POST', `/api/v1/assessments/${enc(id)}/complete`, { body: { version } }),
  personResponse: (id: string, body: PersonResponseBody) =>
    request<Assessment>('POST', `/api/v1/assessments/${enc(id)}/person-response`, { body }),
  addNeed: (assessmentId: string, body: NeedBody) => request<Need>('POST', `/api/v1/assessments/${enc(assessmentId)}/needs`, { body }),
  updateNeed: (id: string, body: Partial<NeedBody> & { status?: Need['status']; version: number }) =>
    request<Need>('PATCH', `/api/v1/needs/${enc(id)}`, { body }),
  needs: (caseId: string) => request<{ items: Need[] }>('GET', `/api/v1/cases/${enc(caseId)}/needs`),
};

/** Formal decisions on requested services; signing makes one final. */
export const serviceDecisionApi = {
  list: (caseId: string) => request<{ items: ServiceDecision[] }>('GET', `/api/v1/cases/${enc(caseId)}/decisions`),
  create: (caseId: string, body: ServiceDecisionBody) =>
    request<ServiceDecision>('POST', `/api/v1/cases/${enc(caseId)}/decisions`, { body }),
  update: (id: string, body: Omit<ServiceDecisionBody, 'supersedesId'> & { version: number }) =>
    request<ServiceDecision>('PATCH', `/api/v1/decisions/${enc(id)}`, { body }),
  sign: (id: string, version: number) => request<ServiceDecision>('POST', `/api/v1/decisions/${enc(id)}/sign`, { body: { version } }),
  letterUrl: (id: string) => `/api/v1/decisions/${enc(id)}/letter`,
};

// ---- Service plans ----

export type ServicePlan = z.infer<typeof planContracts.servicePlan>;
export type PlanContent = z.input<typeof planContracts.planContent>;
export type PlanDiff = z.infer<typeof planContracts.planDiff>;
export type PlanStepProgress = z.infer<typeof planContracts.planStepProgress>;
export type SignPlanBody = z.input<typeof planContracts.signPlanBody>;
export type UpdateStepBody = z.input<typeof planContracts.updateStepBody>;

/** Versions of the case's service plan: drafted, put to the person, signed, changed as a new version. */
export const planApi = {
  list: (caseId: string) => request<{ items: ServicePlan[] }>('GET', `/api/v1/cases/${enc(caseId)}/plans`),
  create: (caseId: string, body: { content?: PlanContent; changeReason?: string }) =>
    request<ServicePlan>('POST', `/api/v1/cases/${enc(caseId)}/plans`, { body }),
  update: (id: string, body: { content?: PlanContent; changeReason?: string; version: number }) =>
    request<ServicePlan>('PATCH', `/api/v1/plans/${enc(id)}`, { body }),
  submit: (id: string, version: number) => request<ServicePlan>('POST', `/api/v1/plans/${enc(id)}/submit`, { body: { version } }),
  reopen: (id: string, version: number) => request<ServicePlan>('POST', `/api/v1/plans/${enc(id)}/reopen`, { body: { version } }),
  discard: (id: string, version: number) => request<{ ok: true }>('POST', `/api/v1/plans/${enc(id)}/discard`, { body: { version } }),
  sign: (id: string, body: SignPlanBody) => request<ServicePlan>('POST', `/api/v1/plans/${enc(id)}/signatures`, { body }),
  changes: (id: string) => request<PlanDiff>('GET', `/api/v1/plans/${enc(id)}/changes`),
  steps: (caseId: string) => request<{ items: PlanStepProgress[] }>('GET', `/api/v1/cases/${enc(caseId)}/steps`),
  updateStep: (caseId: string, stepId: string, body: UpdateStepBody) =>
    request<PlanStepProgress>('PATCH', `/api/v1/cases/${enc(caseId)}/steps/${enc(stepId)}`, { body }),
  documentUrl: (id: string) => `/api/v1/plans/${enc(id)}/document`,
};
