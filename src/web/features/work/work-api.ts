import type {
  alert,
  caseload,
  caseloadQuery,
  draft,
  keyFigures,
  saveDraftBody,
  savedDraft,
  searchResults,
  today,
  unitOverview,
} from '../../../areas/work/work.contract.ts';
import type { ok } from '../../../core/common.contract.ts';
import { type Answer, type Body, type ListAnswer, type Query, request, sendOnExit } from '../../api.ts';

export type Alert = Answer<typeof alert>;
export type TodayWork = Answer<typeof today>;
export type CaseloadItem = Answer<typeof caseload>['items'][number];
export type UnitOverview = Answer<typeof unitOverview>;
export type KeyFigures = Answer<typeof keyFigures>;
export type SearchHit = Answer<typeof searchResults>['items'][number];

const enc = encodeURIComponent;

/** The worker's day: alerts, today's deadlines, caseload, the unit's overview, the agency's key figures, search. */
export const workApi = {
  alerts: () => request<ListAnswer<typeof alert>>('GET', '/api/v1/alerts'),
  dismissAlert: (id: string) => request<Answer<typeof ok>>('POST', `/api/v1/alerts/${enc(id)}/dismiss`, { body: {} }),
  today: () => request<Answer<typeof today>>('GET', '/api/v1/work/today'),
  caseload: (query: Query<typeof caseloadQuery> = {}) => request<Answer<typeof caseload>>('GET', '/api/v1/work/caseload', { query }),
  unit: () => request<Answer<typeof unitOverview>>('GET', '/api/v1/work/unit'),
  keyFigures: () => request<Answer<typeof keyFigures>>('GET', '/api/v1/work/key-figures'),
  search: (q: string, cursor?: string | null) => request<Answer<typeof searchResults>>('GET', '/api/v1/search', { query: { q, cursor } }),
};

/** Autosaved form drafts; `saveOnExit` survives the page going away (keepalive). */
export const draftApi = {
  get: (key: string) => request<Answer<typeof draft>>('GET', `/api/v1/drafts/${enc(key)}`),
  save: (key: string, data: Body<typeof saveDraftBody>['data']) =>
    request<Answer<typeof savedDraft>>('PUT', `/api/v1/drafts/${enc(key)}`, { body: { data } }),
  remove: (key: string) => request<Answer<typeof ok>>('DELETE', `/api/v1/drafts/${enc(key)}`),
  saveOnExit: (key: string, data: Body<typeof saveDraftBody>['data']) => sendOnExit('PUT', `/api/v1/drafts/${enc(key)}`, { data }),
};
