import type {
  attachment,
  correctEntryBody,
  createEntryBody,
  journalEntry,
  journalPage,
  journalQuery,
  updateEntryBody,
} from '../../../areas/journal/journal.contract.ts';
import type { ok } from '../../../core/common.contract.ts';
import { type Answer, type Body, type Query, request, sendOnExit } from '../../api.ts';

export type JournalEntry = Answer<typeof journalEntry>;
export type EntryContent = Body<typeof createEntryBody>;
export type JournalFilter = Query<typeof journalQuery>;

const enc = encodeURIComponent;

/** The case's social journal: drafts autosaved by their author, signed entries final, corrections as new entries. */
export const journalApi = {
  list: (caseId: string, query: JournalFilter) =>
    request<Answer<typeof journalPage>>('GET', `/api/v1/cases/${enc(caseId)}/journal`, { query: query as Record<string, string> }),
  get: (id: string) => request<Answer<typeof journalEntry>>('GET', `/api/v1/journal-entries/${enc(id)}`),
  create: (caseId: string, body: EntryContent) =>
    request<Answer<typeof journalEntry>>('POST', `/api/v1/cases/${enc(caseId)}/journal`, { body }),
  update: (id: string, body: Body<typeof updateEntryBody>) =>
    request<Answer<typeof journalEntry>>('PATCH', `/api/v1/journal-entries/${enc(id)}`, { body }),
  updateOnExit: (id: string, body: Body<typeof updateEntryBody>) => sendOnExit('PATCH', `/api/v1/journal-entries/${enc(id)}`, body),
  sign: (id: string, version: number) =>
    request<Answer<typeof journalEntry>>('POST', `/api/v1/journal-entries/${enc(id)}/sign`, { body: { version } }),
  discard: (id: string, version: number) =>
    request<Answer<typeof ok>>('POST', `/api/v1/journal-entries/${enc(id)}/discard`, { body: { version } }),
  correct: (id: string, body: Body<typeof correctEntryBody>) =>
    request<Answer<typeof journalEntry>>('POST', `/api/v1/journal-entries/${enc(id)}/corrections`, { body }),
  attach: (id: string, file: File) =>
    request<Answer<typeof attachment>>('POST', `/api/v1/journal-entries/${enc(id)}/attachments`, { query: { name: file.name }, file }),
  detach: (id: string) => request<Answer<typeof ok>>('DELETE', `/api/v1/journal-attachments/${enc(id)}`),
  fileUrl: (id: string) => `/api/v1/journal-attachments/${enc(id)}`,
  printUrl: (caseId: string, query: JournalFilter) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value) params.set(key, String(value));
    const search = params.toString();
    return `/api/v1/cases/${enc(caseId)}/journal/print${search ? `?${search}` : ''}`;
  },
};
