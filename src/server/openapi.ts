/**
 * The OpenAPI description served at /api/v1/openapi.json, fit for generated clients.
 *
 * Each route declares what only it knows: `operationId`, `summary`, `tags` and its zod schemas
 * (and `produces` when it answers something other than JSON). What follows from the route's
 * access rule, method and input is added here, for every route, also ones added later:
 * - security: none for public routes, the session cookie otherwise, plus the CSRF header on
 *   state-changing methods;
 * - the problem responses it can give (400/401/403/404/409/413/415/422/429), each naming its
 *   error codes, all with the shared `Problem` schema; codes no rule can derive (a state that
 *   forbids the change, a uniqueness rule, throttling) are declared on the route as
 *   `config.problems`;
 * - the `Idempotency-Key` header on signed-in POSTs, and a sentence on who may call it.
 */
import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import type { FastifySchema, RouteOptions } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { rolePermissions } from '../core/access-policy.ts';
import { problem } from '../core/common.contract.ts';
import { type Config, usesHttps } from '../core/config.ts';
import type { ErrorCode } from '../core/errors.ts';
import { allRoles } from '../core/roles.contract.ts';
import { type RouteAccess, SAFE_METHODS, sessionCookieName } from './access.ts';
import { statusOf, titles } from './problem.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Error codes the route can answer beyond those its access rule, method and input imply
     * (see `derivedProblems`), e.g. `transition_not_allowed` or `too_many_attempts`. Only
     * documented: each becomes a response of the status `statusOf` gives it.
     */
    problems?: readonly ErrorCode[];
  }
}

export const API_PREFIX = '/api/v1';

/** Every tag an operation may use, in the order the browsable docs show them. */
export const apiTags = [
  { name: 'auth', description: 'Signing in and out, the second factor at sign-in, the session and the first administrator' },
  { name: 'account', description: "The signed-in staff member's own profile, password and second factor" },
  { name: 'organisation', description: 'The agency, its units and partner organisations' },
  { name: 'platform', description: "The installation's agencies, for platform administrators" },
  { name: 'staff', description: 'Staff accounts and their roles' },
  { name: 'persons', description: 'The person registry: people, duplicate candidates, edit history, links and relatives' },
  { name: 'public', description: 'The online request form, for anyone (no sign-in)' },
  {
    name: 'intake',
    description: 'First contacts (requests): the intake queue, the intake decision, interviews, referrals out and the referral directory',
  },
  { name: 'cases', description: 'Cases: opening, stages, reassignment, the crisis flag and the case overview' },
  { name: 'agreements', description: 'Service agreements, their signatures and templates' },
  { name: 'assessments', description: 'Needs assessments and the needs they identify' },
  { name: 'decisions', description: 'Formal decisions on requested services, and their letters' },
  {
    name: 'journal',
    description: 'The social journal: typed, signed entries of what happened on a case, their corrections, search and print',
  },
  {
    name: 'consents',
    description:
      "A person's consents – terms, text shown, signatures, withdrawal – and the disclosure gate every disclosure passes: case summaries for a named recipient, and the list of what was disclosed",
  },
  {
    name: 'contacts',
    description:
      "The contact schedule and visit log: planned contacts held (beginning a journal note), missed with a no-show follow-up, or cancelled; a worker's week and calendar feed",
  },
  {
    name: 'crises',
    description: 'Crisis intervention on a case – what happened, the support sought, closing with a follow-up – and the safety plan',
  },
  {
    name: 'life-stories',
    description: "A person's life story, written with them in their language: the draft, the versions kept, their confirmation, print",
  },
  {
    name: 'success-stories',
    description: "Success stories on cases: the person's consent to each use, the anonymised copy and its review, the uses made",
  },
  { name: 'plans', description: 'Service plans: versions, signatures, changes between versions and progress on steps' },
  { name: 'questionnaires', description: 'Questionnaire templates (also as FHIR) and questionnaires filled in for a case' },
  { name: 'work', description: "A staff member's work: today, caseload, the unit's overview, search, alerts and autosaved drafts" },
  { name: 'audit', description: 'The audit trail of every access to personal data, and the check of its hash chain' },
  {
    name: 'subject-access',
    description:
      'Copies of everything held on a person, made in the background on their behalf (GDPR art. 15): a ZIP with a readable PDF and the same as JSON',
  },
  {
    name: 'service-directory',
    description:
      "The partner network's services in Open Referral HSDS 3.0: search by kind, area, language and opening hours, verification dates, import and export (JSON and the tabular data package)",
  },
  {
    name: 'vouchers',
    description:
      "Referral vouchers to partners (seed 004): issued from the plan with what the disclosure gate allows, printed with a QR code, followed until the partner returns them, with the person's own word on the help",
  },
  {
    name: 'cooperation-agreements',
    description:
      "Cooperation agreements with partner organisations (seed 004): drawn up from the agency's template, signed by both parties, in force for their term; referring to a partner without one warns the worker",
  },
  {
    name: 'partner-portal',
    description:
      "What a partner organisation's staff reach: the vouchers addressed to their organisation – accept or decline, register visits, mark the service provided and return it. Nothing else of the application exists for them",
  },
];

export const securitySchemeNames = { session: 'sessionCookie', csrf: 'csrfToken' } as const;

/** What each error code means to a caller, for the descriptions of the problem responses. */
const meaning: Record<ErrorCode, string> = {
  validation_failed: 'the input is not valid; `errors` names each field and why',
  not_authenticated: 'no session: sign in first',
  session_expired: 'the session has ended: sign in again',
  mfa_required: 'the session still waits for the second factor',
  password_change_required: 'signed in with a temporary password: set a new password first',
  forbidden: 'not possible for this account or session in its present state',
  permission_denied: "the caller's roles do not grant the permission this operation needs",
  not_found: 'absent, or out of the caller’s reach (the two are not told apart)',
  version_conflict: 'changed by someone else since the given `version` was read: reload and try again',
  already_exists: 'that record exists already',
  possible_duplicate: 'a person who is very probably the same exists; confirm with `confirmedDistinctFrom`',
  transition_not_allowed: 'the state of the record does not allow this',
  invalid_credentials: 'the e-mail address or password is wrong',
  temporary_password_expired: 'the temporary password has expired: ask an administrator for a new one',
  too_many_attempts: 'too many attempts: wait the seconds given in `Retry-After`',
  invalid_mfa_code: 'the code is wrong or was used already',
  mfa_required_for_role: "the caller's role requires the second factor",
  csrf_token_invalid: '`X-CSRF-Token` is missing or not the session’s token',
  idempotency_key_reused: 'the `Idempotency-Key` was used already for a different request',
  setup_token_invalid: 'the setup link is wrong or has expired',
  setup_already_done: 'an administrator exists already',
  body_too_large: 'the body is larger than this installation accepts',
  unsupported_media_type: 'the body is not JSON',
  route_not_found: 'there is no such operation',
  method_not_allowed: 'the path does not take this method',
  service_unavailable: 'the database cannot be reached just now: try again after the seconds given in `Retry-After`',
  internal_error: 'a fault on the server; it has been logged',
};

export interface RouteFacts {
  method: string;
  access: RouteAccess | undefined;
  hasInput: boolean;
  hasBody: boolean;
  hasPathParams: boolean;
  bodyHasVersion: boolean;
  declared: readonly ErrorCode[];
}

/** The error codes a route can answer, from its access rule, method and input, plus those it declares. */
export function derivedProblems(route: RouteFacts): ErrorCode[] {
  const codes = new Set<ErrorCode>();
  const signedIn = route.access !== undefined && route.access !== 'public';
  const changes = !SAFE_METHODS.has(route.method);
  if (route.hasInput || (signedIn && route.method === 'POST')) codes.add('validation_failed');
  if (signedIn) codes.add('not_authenticated').add('session_expired');
  if (signedIn && route.access !== 'signed_in_partly') codes.add('mfa_required').add('password_change_required').add('permission_denied');
  if (signedIn && changes) codes.add('csrf_token_invalid');
  if (route.hasPathParams) codes.add('not_found');
  if (route.bodyHasVersion) codes.add('version_conflict');
  if (route.hasBody) codes.add('body_too_large').add('unsupported_media_type');
  if (signedIn && route.method === 'POST') codes.add('idempotency_key_reused');
  for (const code of route.declared) codes.add(code);
  return [...codes];
}

function accessSentence(access: RouteAccess | undefined): string {
  if (access === undefined) return 'This operation declares no access rule and is refused.';
  if (access === 'public') return 'No sign-in needed.';
  if (access === 'signed_in_partly') return 'Needs a session, also one still waiting for its second factor.';
  const roles = allRoles.filter((role) => rolePermissions[role].includes(access));
  return `Needs the permission \`${access}\`, which the roles ${roles.map((r) => `\`${r}\``).join(', ')} grant.`;
}

type JsonSchema = { properties?: Record<string, unknown>; anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; allOf?: JsonSchema[] };

function hasProperty(schema: JsonSchema | undefined, name: string): boolean {
  if (!schema) return false;
  if (schema.properties && name in schema.properties) return true;
  return [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])].some((branch) => hasProperty(branch, name));
}

const problemRef = { $ref: '#/components/schemas/Problem' };

function problemResponses(codes: readonly ErrorCode[]): Record<string, unknown> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(statusOf[code], [...(byStatus.get(statusOf[code]) ?? []), code]);
  const responses: Record<string, unknown> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[status] = {
      description: `${titles[status] ?? 'Error'}: ${list.map((code) => `\`${code}\` – ${meaning[code]}`).join('; ')}.`,
      content: { 'application/problem+json': { schema: problemRef } },
      ...(list.includes('too_many_attempts')
        ? { headers: { 'Retry-After': { type: 'integer', minimum: 1, description: 'Seconds to wait before trying again' } } }
        : {}),
    };
  }
  return responses;
}

/** A response for routes that answer a page or document instead of JSON, declared by `produces`. */
function documentResponse(produces: readonly string[]): Record<string, object> {
  const isText = produces.every((type) => type.startsWith('text/'));
  return { 200: { 'x-response-description': `The document (${produces.join(', ')})`, type: isText ? 'string' : 'object' } };
}

const idempotencyHeader = {
  type: 'string',
  minLength: 8,
  maxLength: 200,
  description: 'Optional. A retry with the same key answers the first result instead of doing the work again.',
};

const successTitles: Record<string, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content' };

/** Names each success response by its status where its schema gives no description ("Default Response" otherwise). */
function withSuccessDescriptions(responses: Record<string, object>): Record<string, object> {
  return Object.fromEntries(
    Object.entries(responses).map(([status, response]) =>
      'description' in response || 'x-response-description' in response || !successTitles[status]
        ? [status, response]
        : [status, { ...response, 'x-response-description': successTitles[status] }],
    ),
  );
}

function withProperty(schema: unknown, name: string, property: object): object {
  const base = (schema ?? { type: 'object', properties: {} }) as { properties?: Record<string, unknown> };
  return { ...base, properties: { ...base.properties, [name]: property } };
}

/** Adds to one route's transformed schema what its access rule, method and input imply. */
export function describeOperation(schema: FastifySchema, route: Pick<RouteOptions, 'method' | 'config' | 'schema'>): FastifySchema {
  if (schema.hide) return schema;
  const method = (Array.isArray(route.method) ? route.method[0] : route.method) as string;
  const access = (route.config as { access?: RouteAccess } | undefined)?.access;
  const declared = (route.config as { problems?: readonly ErrorCode[] } | undefined)?.problems ?? [];
  const signedIn = access !== undefined && access !== 'public';
  const facts: RouteFacts = {
    method,
    access,
    hasInput: Boolean(route.schema?.body || route.schema?.querystring || route.schema?.params),
    hasBody: Boolean(route.schema?.body),
    hasPathParams: Boolean(route.schema?.params),
    bodyHasVersion: hasProperty(schema.body as JsonSchema | undefined, 'version'),
    declared,
  };
  const security = !signedIn
    ? []
    : SAFE_METHODS.has(method)
      ? [{ [securitySchemeNames.session]: [] }]
      : [{ [securitySchemeNames.session]: [], [securitySchemeNames.csrf]: [] }];
  const headers = signedIn && method === 'POST' ? withProperty(schema.headers, 'Idempotency-Key', idempotencyHeader) : schema.headers;
  const response = withSuccessDescriptions(
    (schema.response as Record<string, object> | undefined) ?? (schema.produces ? documentResponse(schema.produces) : {}),
  );
  return {
    ...schema,
    description: [schema.description, accessSentence(access)].filter(Boolean).join('\n\n'),
    security,
    ...(headers ? { headers } : {}),
    response: { ...response, ...problemResponses(derivedProblems(facts)) },
  } as FastifySchema;
}

function problemComponent(): Record<string, unknown> {
  const { $schema: _schema, ...json } = z.toJSONSchema(problem, { target: 'draft-2020-12', io: 'output' });
  return { ...json, description: 'An RFC 9457 problem document; `code` is stable, `detail` is for people' };
}

export function openApiOptions(config: Pick<Config, 'publicUrl'>): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tillit API',
        version: '1',
        description: [
          'Case management for social services.',
          'Sign in with `signIn`; the session lives in an HTTP-only cookie. State-changing requests also send the CSRF token that `getSession` returns, in `X-CSRF-Token`.',
          'Errors are RFC 9457 problem documents (`application/problem+json`) with a stable `code` and, for invalid input, `errors` per field. Editable records carry a `version`: send the one you read, a stale one gives 409. Lists are paged with `limit` and `cursor`.',
        ].join('\n\n'),
        license: { name: 'GNU Affero General Public License v3.0 or later', identifier: 'AGPL-3.0-or-later' },
        contact: { name: 'The agency running this installation', url: config.publicUrl },
      },
      servers: [{ url: API_PREFIX, description: 'This installation' }],
      tags: apiTags,
      components: {
        securitySchemes: {
          [securitySchemeNames.session]: {
            type: 'apiKey',
            in: 'cookie',
            name: sessionCookieName(usesHttps(config)),
            description: 'The session cookie that `signIn` sets (HTTP-only)',
          },
          [securitySchemeNames.csrf]: {
            type: 'apiKey',
            in: 'header',
            name: 'X-CSRF-Token',
            description: 'The `csrfToken` of `getSession`, sent on every state-changing request',
          },
        },
        schemas: { Problem: problemComponent() },
      },
    },
    // Named (recursive) schemas become components the operations refer to; only those some operation reaches are kept.
    transformObject: (input) =>
      withReachableSchemasOnly(jsonSchemaTransformObject(input) as OpenApiDocument) as ReturnType<typeof jsonSchemaTransformObject>,
    transform: (input) => {
      const { schema, url } = jsonSchemaTransform(input);
      return { schema: describeOperation(schema, input.route), url };
    },
  };
}

type OpenApiDocument = { paths?: unknown; components?: { schemas?: Record<string, unknown> } };

/** The registry describes each named schema as read and as written; keeps the components the operations reach, directly or through others. */
function withReachableSchemasOnly<T extends OpenApiDocument>(document: T): T {
  const schemas = document.components?.schemas;
  if (!schemas) return document;
  const refsIn = (value: unknown): string[] =>
    [...JSON.stringify(value).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
  const reached = new Set<string>();
  const pending = refsIn(document.paths);
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (reached.has(name) || !(name in schemas)) continue;
    reached.add(name);
    pending.push(...refsIn(schemas[name]));
  }
  return {
    ...document,
    components: { ...document.components, schemas: Object.fromEntries(Object.entries(schemas).filter(([name]) => reached.has(name))) },
  };
}
