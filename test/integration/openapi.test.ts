/**
 * /api/v1/openapi.json as a generated client sees it: every operation named, summarised, tagged with a
 * declared tag, secured as its access rule says and with its problem responses; redocly's recommended
 * rules and spectral's spectral:oas find nothing; and a client typed by openapi-typescript from it
 * compiles against real calls and runs them against the server.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import createClient from 'openapi-fetch';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agency } from '../../src/areas/organisation/organisation.schema.ts';
import { SAFE_METHODS } from '../../src/server/access.ts';
import { API_PREFIX, apiTags } from '../../src/server/openapi.ts';
import { ApiClient } from '../support/api-client.ts';
import { type CreatedStaff, createTestApp, firstUnitId, type TestApp } from '../support/server.ts';

interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }>; headers?: Record<string, unknown> }>;
}
interface Document {
  servers: { url: string }[];
  info: { license?: { identifier?: string } };
  tags: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
}

const run = promisify(execFile);
const bin = (name: string) => path.resolve('node_modules/.bin', name);
const packageJson = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { license: string };

let t: TestApp;
let doc: Document;
let dir: string;
let docFile: string;
let supervisor: CreatedStaff;
let unitId: string;

beforeAll(async () => {
  t = await createTestApp();
  unitId = await firstUnitId(t.db);
  supervisor = await t.createStaff({ roles: ['supervisor'], unitId, displayName: 'Quentin Marsh-Oyelaran' });
  doc = (await new ApiClient(t.app).get('/api/v1/openapi.json')).json();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tillit-openapi-'));
  docFile = path.join(dir, 'openapi.json');
  fs.writeFileSync(docFile, JSON.stringify(doc));
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const operations = () =>
  Object.entries(doc.paths).flatMap(([p, item]) =>
    Object.entries(item).map(([method, op]) => ({ name: `${method.toUpperCase()} ${p}`, method, op })),
  );

describe('every operation', () => {
  it('has an operationId and a summary, declared on its route', () => {
    const lacking = operations()
      .filter(({ op }) => !op.operationId || !op.summary)
      .map(({ name, op }) => `${name}: ${[!op.operationId && 'operationId', !op.summary && 'summary'].filter(Boolean).join(' and ')}`);
    expect(lacking, "Add the missing keys to the route's schema in src/areas/*/*.routes.ts").toEqual([]);
  });

  it('has an operationId no other operation has', () => {
    const byId = new Map<string, string[]>();
    for (const { name, op } of operations()) if (op.operationId) byId.set(op.operationId, [...(byId.get(op.operationId) ?? []), name]);
    const shared = [...byId].filter(([, names]) => names.length > 1).map(([id, names]) => `${id}: ${names.join(', ')}`);
    expect(shared, 'Each operationId names one operation; rename one of them').toEqual([]);
  });

  it('is tagged, with tags declared (and described) in src/server/openapi.ts', () => {
    const declared = new Set(apiTags.map((tag) => tag.name));
    const undeclared = operations()
      .filter(({ op }) => !op.tags?.length || op.tags.some((tag) => !declared.has(tag)))
      .map(({ name, op }) => `${name}: ${op.tags?.join(', ') || 'no tag'}`);
    expect(undeclared, 'Tag the route with a tag of apiTags, or declare the new tag there').toEqual([]);
    expect(doc.tags.every((tag) => tag.description)).toBe(true);
  });

  it("asks for the session cookie, and on state-changing methods the CSRF header, exactly as its route's access rule says", () => {
    const routes = t.app.routeTable.filter((r) => r.url.startsWith(`${API_PREFIX}/`) && r.url !== `${API_PREFIX}/openapi.json`);
    expect(routes.length).toBe(operations().length);
    const wrong: string[] = [];
    for (const route of routes) {
      const docPath = route.url.slice(API_PREFIX.length).replaceAll(/:(\w+)/g, '{$1}');
      const security = doc.paths[docPath]?.[route.method.toLowerCase()]?.security;
      const expected =
        route.access === 'public' ? [] : SAFE_METHODS.has(route.method) ? [{ sessionCookie: [] }] : [{ sessionCookie: [], csrfToken: [] }];
      if (JSON.stringify(security) !== JSON.stringify(expected)) wrong.push(`${route.method} ${route.url}: ${JSON.stringify(security)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers its problems as application/problem+json with the shared Problem schema', () => {
    const other = operations().flatMap(({ name, op }) =>
      Object.entries(op.responses)
        .filter(([status]) => Number(status) >= 400)
        .filter(
          ([, r]) =>
            JSON.stringify(r.content) !==
            JSON.stringify({ 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } }),
        )
        .map(([status]) => `${name} ${status}`),
    );
    expect(other).toEqual([]);
  });
});

describe('the problem responses', () => {
  const statuses = (p: string, method: string) => Object.keys(doc.paths[p]![method]!.responses);

  it('give sign-in a 401 for wrong credentials and a 429 with Retry-After, but no 403', () => {
    expect(statuses('/auth/login', 'post')).toEqual(['200', '400', '401', '413', '415', '429']);
    expect(doc.paths['/auth/login']!.post!.responses['401']!.description).toContain('`invalid_credentials`');
    expect(doc.paths['/auth/login']!.post!.responses['429']!.headers).toHaveProperty('Retry-After');
  });

  it('give reading a person 401, 403 and 404, and nothing for a body it does not take', () => {
    expect(statuses('/persons/{id}', 'get')).toEqual(['200', '400', '401', '403', '404']);
  });

  it('give changing a person a 409 for a stale version, and 413 and 415 for its body', () => {
    expect(statuses('/persons/{id}', 'patch')).toEqual(expect.arrayContaining(['409', '413', '415']));
    expect(doc.paths['/persons/{id}']!.patch!.responses['409']!.description).toContain('`version_conflict`');
  });

  it('give registering a person a 409 for a probable duplicate, as its route declares', () => {
    expect(doc.paths['/persons']!.post!.responses['409']!.description).toContain('`possible_duplicate`');
  });
});

describe('the document', () => {
  it('declares the relative server /api/v1, under which its paths are the routes', async () => {
    expect(doc.servers.map((s) => s.url)).toEqual([API_PREFIX]);
    const response = await new ApiClient(t.app).get(`${doc.servers[0]!.url}/auth/session`);
    expect(response.statusCode).toBe(401);
  });

  it("declares the project's licence", () => {
    expect(doc.info.license?.identifier).toBe(packageJson.license);
  });

  it('passes redocly lint with the recommended rules, without an error or a warning', async () => {
    const { stdout } = await run(
      bin('redocly'),
      ['lint', docFile, '--extends', 'recommended', '--format', 'json', '--max-problems', '1000'],
      {
        cwd: dir,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_NOTIFICATIONS: 'true', NO_COLOR: '1' },
        maxBuffer: 64 * 1024 * 1024,
      },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(stdout) as {
      problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
    };
    expect(report.problems.map((p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`)).toEqual([]);
  });

  it('passes spectral lint with the spectral:oas ruleset, without an error or a warning', async () => {
    const ruleset = path.join(dir, 'spectral.yaml');
    fs.writeFileSync(ruleset, 'extends: ["spectral:oas"]\n');
    const { stdout } = await run(
      bin('spectral'),
      ['lint', docFile, '--ruleset', ruleset, '--format', 'json', '--fail-severity', 'warn', '--quiet'],
      {
        cwd: dir,
        maxBuffer: 64 * 1024 * 1024,
      },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const results = JSON.parse(stdout || '[]') as { code: string; severity: number; message: string; path: string[] }[];
    // severity 0 is an error, 1 a warning
    expect(results.filter((r) => r.severity <= 1).map((r) => `${r.code} at ${r.path.join('.')}: ${r.message}`)).toEqual([]);
  });
});

/**
 * A client as another team would write it: openapi-fetch typed by the generated `paths`. Types are
 * imported only, so the compiled module has no imports and gets `createClient` passed in.
 */
const clientSource = `
import type createClient from 'openapi-fetch';
import type { paths } from './openapi.ts';

type PlanStatus = 'draft' | 'awaiting_signature' | 'active' | 'superseded';

export async function walkThrough(
  create: typeof createClient,
  baseUrl: string,
  who: { email: string; password: string; unitId: string },
) {
  let cookie = '';
  let csrfToken = '';
  const api = create<paths>({ baseUrl });
  api.use({
    onRequest({ request }) {
      if (cookie) request.headers.set('cookie', cookie);
      if (csrfToken) request.headers.set('x-csrf-token', csrfToken);
      return request;
    },
    onResponse({ response }) {
      const set = response.headers.get('set-cookie');
      if (set) cookie = set.split(';')[0] ?? '';
      return response;
    },
  });

  const signIn = await api.POST('/auth/login', { body: { email: who.email, password: who.password } });
  const signInStatus: 'signed_in' | 'mfa_required' | 'password_change_required' | 'mfa_enrolment_required' | undefined = signIn.data?.status;
  const session = await api.GET('/auth/session');
  if (!session.data) throw new Error('no session');
  csrfToken = session.data.csrfToken;
  const me: string = session.data.user.id;

  const created = await api.POST('/persons', { body: { givenName: 'Ottoline', familyName: 'Quillfeather' } });
  if (!created.data) throw new Error('person not created');
  const person = await api.GET('/persons/{id}', { params: { path: { id: created.data.id } } });
  const familyName: string | undefined = person.data?.familyName;

  const theCase = await api.POST('/cases', { body: { personId: created.data.id, unitId: who.unitId, responsibleStaffId: me } });
  if (!theCase.data) throw new Error('case not opened');
  const caseNumber: string = theCase.data.caseNumber;
  await api.POST('/cases/{id}/plans', { params: { path: { id: theCase.data.id } }, body: {} });
  const plans = await api.GET('/cases/{id}/plans', { params: { path: { id: theCase.data.id } } });
  const planStatuses: PlanStatus[] = plans.data?.items.map((plan) => plan.status) ?? [];

  const missing = await api.GET('/persons/{id}', { params: { path: { id: '00000000-0000-4000-8000-000000000000' } } });
  const problemCode: string | undefined = missing.error?.code;

  return { signInStatus, familyName, caseNumber, planStatuses, problemCode, missingStatus: missing.response.status };
}
`;

let generated: Promise<void> | undefined;
let lastProgram: ts.Program | undefined; // reused, so a second check does not parse the libraries again

/** Type-checks `source` as client.ts beside the types generated from the document; returns the diagnostics. */
async function typecheckClient(source: string): Promise<string[]> {
  await (generated ??= openapiTS(doc as never, { silent: true }).then((ast) => {
    fs.writeFileSync(path.join(dir, 'openapi.ts'), astToString(ast));
    fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  }));
  fs.writeFileSync(path.join(dir, 'client.ts'), source);
  const options: ts.CompilerOptions = {
    strict: true,
    noUncheckedIndexedAccess: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    types: [],
    skipLibCheck: true,
    allowImportingTsExtensions: true,
    verbatimModuleSyntax: true,
    // the temporary directory has no node_modules of its own
    paths: { 'openapi-fetch': [path.resolve('node_modules/openapi-fetch/dist/index.d.mts')] },
  };
  const program = ts.createProgram([path.join(dir, 'client.ts')], options, undefined, lastProgram);
  lastProgram = program;
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file ? path.basename(d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

describe('a client typed by openapi-typescript', () => {
  it('compiles against sign-in, registering and reading a person, opening a case and listing its plans', async () => {
    expect(await typecheckClient(clientSource)).toEqual([]);
  });

  it('does not compile a call whose body or parameters the document does not allow', async () => {
    const wrong = clientSource
      .replace("{ givenName: 'Ottoline', familyName: 'Quillfeather' }", "{ givenName: 'Ottoline', surname: 'Quillfeather' }")
      .replace("api.GET('/cases/{id}/plans', { params: { path: { id: theCase.data.id } } })", "api.GET('/cases/{id}/plans', {})");
    const diagnostics = (await typecheckClient(wrong)).join('\n');
    expect(diagnostics).toContain("'surname'");
    expect(diagnostics).toContain("'params'");
  });

  it('runs those calls against the server and gets what the types promise', async () => {
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const address = t.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const js = ts.transpileModule(clientSource, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
    }).outputText;
    const file = path.join(dir, 'client.mjs');
    fs.writeFileSync(file, js);
    const { walkThrough } = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as {
      walkThrough: (create: typeof createClient, baseUrl: string, who: object) => Promise<Record<string, unknown>>;
    };
    // The walk-through signs in with the password alone: this agency has relaxed two-step verification.
    await t.db.update(agency).set({ mfaRequiredRoles: [] });
    const result = await walkThrough(createClient, `http://127.0.0.1:${port}${doc.servers[0]!.url}`, { ...supervisor, unitId });
    expect(result).toMatchObject({
      signInStatus: 'signed_in',
      familyName: 'Quillfeather',
      planStatuses: ['draft'],
      problemCode: 'not_found',
      missingStatus: 404,
    });
    expect(result.caseNumber).toEqual(expect.any(String));
  });
});
