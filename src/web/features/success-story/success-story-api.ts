import type {
  anonymiseBody,
  approveAnonymisedBody,
  createStoryBody,
  recordConsentBody,
  recordUseBody,
  storyUseRecord,
  successStory,
  updateAnonymisedBody,
  updateStoryBody,
} from '../../../areas/success-story/success-story.contract.ts';
import { type Answer, type Body, type ListAnswer, request } from '../../api.ts';

export type SuccessStory = Answer<typeof successStory>;
export type StoryUseRecord = Answer<typeof storyUseRecord>;

const enc = encodeURIComponent;
const story = (id: string, part = '') => `/api/v1/success-stories/${enc(id)}${part}`;

/** A case's success stories: writing them, the person's consent to each use, the anonymised copy and its review, the uses made. */
export const successStoryApi = {
  list: (caseId: string) => request<ListAnswer<typeof successStory>>('GET', `/api/v1/cases/${enc(caseId)}/success-stories`),
  create: (caseId: string, body: Body<typeof createStoryBody>) =>
    request<Answer<typeof successStory>>('POST', `/api/v1/cases/${enc(caseId)}/success-stories`, { body }),
  get: (id: string) => request<Answer<typeof successStory>>('GET', story(id)),
  update: (id: string, body: Body<typeof updateStoryBody>) => request<Answer<typeof successStory>>('PATCH', story(id), { body }),
  recordConsent: (id: string, body: Body<typeof recordConsentBody>) =>
    request<Answer<typeof successStory>>('POST', story(id, '/consents'), { body }),
  anonymise: (id: string, body: Body<typeof anonymiseBody>) =>
    request<Answer<typeof successStory>>('POST', story(id, '/anonymise'), { body }),
  editCopy: (id: string, body: Body<typeof updateAnonymisedBody>) =>
    request<Answer<typeof successStory>>('PATCH', story(id, '/anonymised'), { body }),
  approve: (id: string, body: Body<typeof approveAnonymisedBody>) =>
    request<Answer<typeof successStory>>('POST', story(id, '/approval'), { body }),
  recordUse: (id: string, body: Body<typeof recordUseBody>) => request<Answer<typeof storyUseRecord>>('POST', story(id, '/uses'), { body }),
};
