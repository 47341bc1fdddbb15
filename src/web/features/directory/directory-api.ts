import type {
  createServiceBody,
  directoryQuery,
  directoryService,
  importResult,
  updateServiceBody,
} from '../../../areas/service-directory/service-directory.contract.ts';
import { type Answer, type Body, type PageAnswer, type Query, request } from '../../api.ts';

export type DirectoryService = Answer<typeof directoryService>;
/** A search as the page sends it (`verificationDue` goes as the words true or false). */
export type DirectorySearch = Omit<Query<typeof directoryQuery>, 'verificationDue'> & { verificationDue?: 'true' | 'false' };
export type ImportResult = Answer<typeof importResult>;

const enc = encodeURIComponent;

/** The service directory: search, add, change, verify, and HSDS import (exports are links). */
export const directoryApi = {
  search: (query: DirectorySearch) => request<PageAnswer<typeof directoryService>>('GET', '/api/v1/directory/services', { query }),
  create: (body: Body<typeof createServiceBody>) =>
    request<Answer<typeof directoryService>>('POST', '/api/v1/directory/services', { body }),
  update: (id: string, body: Body<typeof updateServiceBody>) =>
    request<Answer<typeof directoryService>>('PUT', `/api/v1/directory/services/${enc(id)}`, { body }),
  verify: (id: string, version: number) =>
    request<Answer<typeof directoryService>>('POST', `/api/v1/directory/services/${enc(id)}/verify`, { body: { version } }),
  import: (body: unknown) => request<Answer<typeof importResult>>('POST', '/api/v1/directory/import', { body }),
};

/** Where the whole directory downloads, in HSDS 3.0 JSON or as the tabular data package. */
export const exportAddress = (format: 'json' | 'tabular') => `/api/v1/directory/export?format=${format}`;
