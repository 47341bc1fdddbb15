/**
 * The transport to the server and nothing else: `fetch`, the CSRF header, problem+json → `ApiError`,
 * the session-ended and activity signals. Each feature's `<feature>-api.ts` names its endpoints, with
 * request and answer types inferred from the shared contracts (`Answer<typeof caseRecord>`), so a
 * contract change the web does not follow fails the typecheck.
 */
import type { z } from 'zod';
import type { listOf, Problem, page } from '../core/common.contract.ts';

/** What a route answers, as its contract schema describes it: `Answer<typeof caseRecord>`. */
export type Answer<S extends z.ZodType> = z.output<S>;
/** A whole list (`listOf(item)` in the contract). */
export type ListAnswer<Item extends z.ZodType> = z.output<ReturnType<typeof listOf<Item>>>;
/** One page of a list (`page(item)` in the contract). */
export type PageAnswer<Item extends z.ZodType> = z.output<ReturnType<typeof page<Item>>>;
/** What a request sends: the input side of the contract schema (defaults may be left out). */
export type Body<S extends z.ZodType> = z.input<S>;
/** Query parameters, as the contract's query schema reads them; any may be left out (or null, the same). */
export type Query<S extends z.ZodType> = { [K in keyof z.output<S>]?: z.output<S>[K] | null };

/** One field's problem, as the problem document's `errors` give it (`code` is a stable reason such as too_common or wrong_code). */
export type FieldError = NonNullable<Problem['errors']>[number];

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
type QueryParams = Record<string, string | number | undefined | null>;

interface RequestOptions {
  body?: unknown;
  /** A file sent as its own bytes instead of a JSON body. */
  file?: Blob;
  query?: QueryParams;
  signal?: AbortSignal;
  /** A 401 here is an expected answer (signing in, checking the session), not the end of a session. */
  expectUnauthenticated?: boolean;
}

function buildUrl(path: string, query?: QueryParams): string {
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
  if (options.file) headers['Content-Type'] = 'application/octet-stream';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  try {
    return await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.file ? { body: options.file } : {}),
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
  const info = (await response.json()) as { csrfToken?: unknown };
  if (typeof info.csrfToken !== 'string') return false;
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

/** A change sent as the page goes away (keepalive): nothing waits for the answer, and a failure is ignored. */
export function sendOnExit(method: 'PUT' | 'POST' | 'PATCH', path: string, body: unknown): void {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  void fetch(path, { method, headers, credentials: 'same-origin', keepalive: true, body: JSON.stringify(body) }).catch(() => undefined);
}
