import type {
  confirmLifeStoryVersionBody,
  keepLifeStoryVersionBody,
  lifeStory,
  lifeStoryVersion,
  saveLifeStoryDraftBody,
} from '../../../areas/life-story/life-story.contract.ts';
import { type Answer, type Body, request, sendOnExit } from '../../api.ts';

export type LifeStory = Answer<typeof lifeStory>;
export type LifeStoryVersion = Answer<typeof lifeStoryVersion>;
export type LifeStoryVersionSummary = LifeStory['versions'][number];
export type LifeStoryDraft = Body<typeof saveLifeStoryDraftBody>;

const enc = encodeURIComponent;

/** A person's life story: the shared draft (autosaved), the versions kept, the person's confirmation of one, print. */
export const lifeStoryApi = {
  get: (personId: string) => request<Answer<typeof lifeStory>>('GET', `/api/v1/persons/${enc(personId)}/life-story`),
  saveDraft: (personId: string, body: LifeStoryDraft) =>
    request<Answer<typeof lifeStory>>('PUT', `/api/v1/persons/${enc(personId)}/life-story/draft`, { body }),
  saveDraftOnExit: (personId: string, body: LifeStoryDraft) => sendOnExit('PUT', `/api/v1/persons/${enc(personId)}/life-story/draft`, body),
  keepVersion: (personId: string, body: Body<typeof keepLifeStoryVersionBody>) =>
    request<Answer<typeof lifeStory>>('POST', `/api/v1/persons/${enc(personId)}/life-story/versions`, { body }),
  version: (id: string) => request<Answer<typeof lifeStoryVersion>>('GET', `/api/v1/life-story-versions/${enc(id)}`),
  confirm: (id: string, body: Body<typeof confirmLifeStoryVersionBody>) =>
    request<Answer<typeof lifeStoryVersion>>('POST', `/api/v1/life-story-versions/${enc(id)}/confirmation`, { body }),
  printUrl: (personId: string, versionId?: string) =>
    `/api/v1/persons/${enc(personId)}/life-story/print${versionId ? `?versionId=${enc(versionId)}` : ''}`,
};
