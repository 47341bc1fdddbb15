import type { decideLinkRequestBody, person, personLinkRequest, revealPersonBody } from '../../../areas/person/person.contract.ts';
import { type Answer, type Body, type ListAnswer, request } from '../../api.ts';

export type PersonLinkRequest = Answer<typeof personLinkRequest>;
export type RevealedPerson = Answer<typeof person>;

const enc = encodeURIComponent;

/** Records out of the caller's reach: shown with a reason, and requests to link them. */
export const linkRequestsApi = {
  reveal: (personId: string, body: Body<typeof revealPersonBody>) =>
    request<Answer<typeof person>>('POST', `/api/v1/persons/${enc(personId)}/reveal`, { body }),
  open: () => request<ListAnswer<typeof personLinkRequest>>('GET', '/api/v1/person-link-requests'),
  accept: (id: string, body: Body<typeof decideLinkRequestBody>) =>
    request<Answer<typeof personLinkRequest>>('POST', `/api/v1/person-link-requests/${enc(id)}/accept`, { body }),
  decline: (id: string, body: Body<typeof decideLinkRequestBody>) =>
    request<Answer<typeof personLinkRequest>>('POST', `/api/v1/person-link-requests/${enc(id)}/decline`, { body }),
};
