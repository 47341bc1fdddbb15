import type { accessLog } from '../../../areas/audit/audit.contract.ts';
import type { personCase } from '../../../areas/case/case.contract.ts';
import type {
  addRelationBody,
  createPersonBody,
  duplicateCandidate,
  duplicateCheckBody,
  duplicateCheckResult,
  linkPersonBody,
  person,
  personLink,
  personRelation,
  personVersion,
  restrictionBody,
  unlinkPersonBody,
  updatePersonBody,
} from '../../../areas/person/person.contract.ts';
import type {
  subjectAccessExport,
  subjectAccessExports,
  subjectAccessRequest,
} from '../../../areas/subject-access/subject-access.contract.ts';
import { type Answer, type Body, type ListAnswer, request } from '../../api.ts';

export type Person = Answer<typeof person>;
export type PersonBody = Body<typeof createPersonBody>;
export type PersonUpdateBody = Body<typeof updatePersonBody>;
export type DuplicateCandidate = Answer<typeof duplicateCandidate>;
export type DuplicateCheck = Body<typeof duplicateCheckBody>;
export type PersonCase = Answer<typeof personCase>;
export type PersonVersion = Answer<typeof personVersion>;
export type PersonLink = Answer<typeof personLink>;
export type PersonRelation = Answer<typeof personRelation>;
export type AddRelationBody = Body<typeof addRelationBody>;

const enc = encodeURIComponent;
const persons = '/api/v1/persons';

/** The person registry: registering and editing, the duplicate check, and the person's cases. */
export const personApi = {
  create: (body: Body<typeof createPersonBody>) => request<Answer<typeof person>>('POST', persons, { body }),
  get: (id: string) => request<Answer<typeof person>>('GET', `${persons}/${enc(id)}`),
  update: (id: string, body: Body<typeof updatePersonBody>) => request<Answer<typeof person>>('PATCH', `${persons}/${enc(id)}`, { body }),
  cases: (id: string) => request<ListAnswer<typeof personCase>>('GET', `${persons}/${enc(id)}/cases`),
  duplicates: (body: Body<typeof duplicateCheckBody>, signal?: AbortSignal) =>
    request<Answer<typeof duplicateCheckResult>>('POST', `${persons}/duplicates`, { body, ...(signal ? { signal } : {}) }),
};

/** A person's edit history, linked records (never merged) and relatives. */
export const peopleApi = {
  accessLog: (id: string) => request<Answer<typeof accessLog>>('GET', `${persons}/${enc(id)}/access-log`),
  accessLogPrintUrl: (id: string) => `${persons}/${enc(id)}/access-log/print`,
  subjectAccessCopies: (id: string) => request<Answer<typeof subjectAccessExports>>('GET', `${persons}/${enc(id)}/subject-access-exports`),
  askForSubjectAccessCopy: (id: string, body: Body<typeof subjectAccessRequest>) =>
    request<Answer<typeof subjectAccessExport>>('POST', `${persons}/${enc(id)}/subject-access-exports`, { body }),
  subjectAccessFileUrl: (exportId: string) => `/api/v1/subject-access-exports/${enc(exportId)}/file`,
  restrict: (id: string, body: Body<typeof restrictionBody>) =>
    request<Answer<typeof person>>('POST', `${persons}/${enc(id)}/restriction`, { body }),
  liftRestriction: (id: string, body: Body<typeof restrictionBody>) =>
    request<Answer<typeof person>>('POST', `${persons}/${enc(id)}/restriction/lift`, { body }),
  history: (id: string) => request<ListAnswer<typeof personVersion>>('GET', `${persons}/${enc(id)}/history`),
  links: (id: string) => request<ListAnswer<typeof personLink>>('GET', `${persons}/${enc(id)}/links`),
  link: (id: string, body: Body<typeof linkPersonBody>) =>
    request<Answer<typeof personLink>>('POST', `${persons}/${enc(id)}/links`, { body }),
  unlink: (linkId: string, reason: Body<typeof unlinkPersonBody>['reason']) =>
    request<Answer<typeof personLink>>('POST', `/api/v1/person-links/${enc(linkId)}/unlink`, { body: { reason } }),
  relations: (id: string) => request<ListAnswer<typeof personRelation>>('GET', `${persons}/${enc(id)}/relations`),
  addRelation: (id: string, body: Body<typeof addRelationBody>) =>
    request<Answer<typeof personRelation>>('POST', `${persons}/${enc(id)}/relations`, { body }),
};
