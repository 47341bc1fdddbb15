import fastifySwagger from '@fastify/swagger';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { version } from '../core/common.contract.ts';
import { API_PREFIX, openApiOptions } from './openapi.ts';

// A route added later declares only its access, operationId, summary, tags and schemas; the rest is derived.
const app = Fastify().withTypeProvider<ZodTypeProvider>();
let doc: {
  paths: Record<string, Record<string, { security: unknown; responses: Record<string, Record<string, unknown>>; parameters?: unknown[] }>>;
};

beforeAll(async () => {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(fastifySwagger, openApiOptions({ publicUrl: 'https://tillit.example' }));
  await app.register(
    async (api) => {
      const item = z.object({ id: z.uuid() });
      const typed = api.withTypeProvider<ZodTypeProvider>();
      typed.post(
        '/leaflets',
        {
          config: { access: 'public', problems: ['too_many_attempts'] },
          schema: {
            operationId: 'orderLeaflet',
            summary: 'Order a leaflet',
            tags: ['public'],
            body: z.strictObject({ address: z.string() }),
          },
        },
        async () => ({}),
      );
      typed.get(
        '/journal/:id',
        {
          config: { access: 'cases.read' },
          schema: {
            operationId: 'getJournalEntry',
            summary: 'One entry',
            tags: ['cases'],
            params: z.strictObject({ id: z.uuid() }),
            response: { 200: item },
          },
        },
        async () => ({ id: '' }),
      );
      typed.patch(
        '/journal/:id',
        {
          config: { access: 'cases.update', problems: ['transition_not_allowed'] },
          schema: {
            operationId: 'updateJournalEntry',
            summary: 'Change an entry',
            tags: ['cases'],
            params: z.strictObject({ id: z.uuid() }),
            body: z.strictObject({ text: z.string(), version }),
            response: { 200: item },
          },
        },
        async () => ({ id: '' }),
      );
      typed.post(
        '/journal',
        {
          config: { access: 'cases.update' },
          schema: {
            operationId: 'createJournalEntry',
            summary: 'Write an entry',
            tags: ['cases'],
            body: z.strictObject({ text: z.string() }),
          },
        },
        async () => ({}),
      );
      typed.get(
        '/journal/:id/print',
        {
          config: { access: 'casework.read' },
          schema: {
            operationId: 'printJournalEntry',
            summary: 'The entry to print',
            tags: ['cases'],
            produces: ['text/html'],
            params: z.strictObject({ id: z.uuid() }),
          },
        },
        async () => '<p></p>',
      );
    },
    { prefix: API_PREFIX },
  );
  await app.ready();
  doc = app.swagger() as unknown as typeof doc;
});
afterAll(() => app.close());

const statuses = (path: string, method: string) => Object.keys(doc.paths[path]![method]!.responses);

describe('the OpenAPI description of a route', () => {
  it('asks a public route for no credentials and gives it no 401 or 403', () => {
    expect(doc.paths['/leaflets']!.post!.security).toEqual([]);
    expect(statuses('/leaflets', 'post')).not.toContain('401');
    expect(statuses('/leaflets', 'post')).not.toContain('403');
  });

  it('asks a signed-in read for the session cookie only, and a change also for the CSRF header', () => {
    expect(doc.paths['/journal/{id}']!.get!.security).toEqual([{ sessionCookie: [] }]);
    expect(doc.paths['/journal/{id}']!.patch!.security).toEqual([{ sessionCookie: [], csrfToken: [] }]);
  });

  it('names the session cookie by the __Host- prefix where the installation is served over HTTPS', () => {
    const schemes = (app.swagger() as { components: { securitySchemes: Record<string, { name: string; in: string }> } }).components
      .securitySchemes;
    expect(schemes.sessionCookie).toMatchObject({ in: 'cookie', name: '__Host-tillit_session' });
    expect(schemes.csrfToken).toMatchObject({ in: 'header', name: 'X-CSRF-Token' });
  });

  it('gives a signed-in read 401, 403 and, with a path parameter, 404 – but no 409 or 413', () => {
    expect(statuses('/journal/{id}', 'get')).toEqual(['200', '400', '401', '403', '404']);
  });

  it('gives a body 413 and 415, and a body with a version 409', () => {
    expect(statuses('/journal/{id}', 'patch')).toEqual(expect.arrayContaining(['409', '413', '415']));
    expect(statuses('/journal', 'post')).not.toContain('409');
  });

  it('adds the codes a route declares in config.problems to the response of their status', () => {
    const conflict = doc.paths['/journal/{id}']!.patch!.responses['409']!;
    expect(conflict.description).toContain('`version_conflict`');
    expect(conflict.description).toContain('`transition_not_allowed`');
    const throttled = doc.paths['/leaflets']!.post!.responses['429']!;
    expect(throttled.headers).toHaveProperty('Retry-After');
  });

  it('answers every problem with the shared Problem schema', () => {
    const response = doc.paths['/journal/{id}']!.get!.responses['404']!;
    expect(response.content).toEqual({ 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } });
  });

  it('offers the Idempotency-Key header on signed-in POSTs only', () => {
    const names = (path: string, method: string) =>
      (doc.paths[path]![method]!.parameters ?? []).map((p) => (p as { in: string; name: string }).name);
    expect(names('/journal', 'post')).toContain('Idempotency-Key');
    expect(names('/leaflets', 'post')).not.toContain('Idempotency-Key');
    expect(names('/journal/{id}', 'patch')).not.toContain('Idempotency-Key');
  });

  it('declares a page a route answers instead of JSON by its produces', () => {
    expect(doc.paths['/journal/{id}/print']!.get!.responses['200']!.content).toEqual({ 'text/html': { schema: { type: 'string' } } });
  });
});
