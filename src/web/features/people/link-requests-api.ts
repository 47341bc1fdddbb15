import type { z } from 'zod';
import type { decideLinkRequestBody, person, personLinkRequest, revealPersonBody } from '../../../areas/person/person.contract.ts';
import { request } from '../../api.ts';

export type PersonLinkRequest = z.infer<typeof personLinkRequest>;
export type RevealedPerson = z.infer<typeof person>;

const enc = encodeURIComponent;

/** Records out of the caller's reach: shown with a reason, and requests to link them. */
export const linkRequestsApi = {
  reveal: (personId: string, body: z.input<typeof revealPersonBody>) =>
    request<RevealedPerson>('POST', `/api/v1/persons/${enc(personId)}/reveal`, { body }),
  open: () => request<{ items: PersonLinkRequest[] }>('GET', '/api/v1/person-link-requests'),
  accept: (id: string, body: z.input<typeof decideLinkRequestBody>) =>
    request<PersonLinkRequest>('POST', `/api/v1/person-link-requests/${enc(id)}/accept`, { body }),
  decline: (id: string, body: z.input<typeof decideLinkRequestBody>) =>
    request<PersonLinkRequest>('POST', `/api/v1/person-link-requests/${enc(id)}/decline`, { body }),
};
