import type { z } from 'zod';
import type { addRelationBody, personLink, personRelation, personVersion } from '../../../areas/person/person.contract.ts';
import { request } from '../../api.ts';

export type PersonVersion = z.infer<typeof personVersion>;
export type PersonLink = z.infer<typeof personLink>;
export type PersonRelation = z.infer<typeof personRelation>;
export type AddRelationBody = z.input<typeof addRelationBody>;

const enc = encodeURIComponent;
const persons = '/api/v1/persons';

/** A person's edit history, linked records (never merged) and relatives. */
export const peopleApi = {
  history: (id: string) => request<{ items: PersonVersion[] }>('GET', `${persons}/${enc(id)}/history`),
  links: (id: string) => request<{ items: PersonLink[] }>('GET', `${persons}/${enc(id)}/links`),
  link: (id: string, body: { otherPersonId: string; reason: string }) =>
    request<PersonLink>('POST', `${persons}/${enc(id)}/links`, { body }),
  unlink: (linkId: string, reason: string) =>
    request<PersonLink>('POST', `/api/v1/person-links/${enc(linkId)}/unlink`, { body: { reason } }),
  relations: (id: string) => request<{ items: PersonRelation[] }>('GET', `${persons}/${enc(id)}/relations`),
  addRelation: (id: string, body: AddRelationBody) => request<PersonRelation>('POST', `${persons}/${enc(id)}/relations`, { body }),
};
