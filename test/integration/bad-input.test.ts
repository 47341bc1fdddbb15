/**
 * Malformed, wrongly typed, oversized and unknown-field input sent to every route with a body,
 * query or path parameter: always a 4xx problem document naming the field, never a 500.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { allRoles } from '../../src/core/roles.contract.ts';
import { ApiClient } from '../support/api-client.ts';
import { createTestApp, type TestApp } from '../support/server.ts';

let t: TestApp;
let client: ApiClient;
let everyone: { email: string; password: string };
beforeAll(async () => {
  t = await createTestApp({ TILLIT_BODY_LIMIT_BYTES: String(64 * 1024) });
  // every role at once (a partner's staff member of an organisation the helper makes), so permission never hides a validation path
  everyone = await t.createStaff({ roles: [...allRoles] });
});
beforeEach(async () => {
  client = new ApiClient(t.app);
  await client.signIn(everyone.email, everyone.password);
});
afterAll(async () => {
  await t.close();
});

const routes = () => t.app.routeTable.filter((r) => r.url.startsWith('/api/v1/') && r.url !== '/api/v1/openapi.json');
const concrete = (url: string) => url.replaceAll(/:[a-zA-Z]+/g, '00000000-0000-4000-8000-000000000000');

function expectProblem(response: Awaited<ReturnType<ApiClient['get']>>, label: string) {
  expect(response.statusCode, `${label}: ${response.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
  expect(response.statusCode, label).toBeLessThan(500);
  expect(response.headers['content-type'], label).toContain('application/problem+json');
  expect(typeof response.json().code, label).toBe('string');
}

describe('bad input on every route', () => {
  it('malformed JSON', async () => {
    for (const r of routes().filter((r) => r.hasBody)) {
      const res = await client.request(r.method as 'POST', concrete(r.url), '{"unterminated": ');
      expectProblem(res, `${r.method} ${r.url}`);
      expect(res.statusCode).toBe(400);
    }
  });

  it('a body of the wrong type', async () => {
    // An empty body (null) is accepted only where a route needs nothing: sign-out and the chain check.
    const needsNothing = ['/api/v1/auth/logout', '/api/v1/audit/verify'];
    for (const r of routes().filter((r) => r.hasBody && r.url !== '/api/v1/auth/logout')) {
      for (const body of ['[1,2,3]', '"text"', '42', ...(needsNothing.includes(r.url) ? [] : ['null'])]) {
        const res = await client.request(r.method as 'POST', concrete(r.url), body);
        expectProblem(res, `${r.method} ${r.url} ${body}`);
      }
    }
  });

  it('fields of the wrong type and unknown fields, named in the errors', async () => {
    for (const r of routes().filter((r) => r.hasBody)) {
      const res = await client.request(r.method as 'POST', concrete(r.url), {
        unexpectedField: true,
        version: 'one',
        name: 42,
        email: ['x'],
      });
      expectProblem(res, `${r.method} ${r.url}`);
      expect(res.statusCode).toBe(400);
      const fields = (res.json().errors ?? []).map((e: { field: string }) => e.field);
      expect(fields.length, `${r.method} ${r.url} names the fields`).toBeGreaterThan(0);
    }
    const unknown = await client.post('/units', { name: 'Outreach', colour: 'blue' });
    expect(unknown.json().errors).toContainEqual({ field: 'colour', code: 'unknown_field', message: 'Unknown field' });
  });

  it('an oversized body', async () => {
    const huge = JSON.stringify({ name: 'x'.repeat(70 * 1024) });
    for (const r of routes().filter((r) => r.hasBody)) {
      const res = await client.request(r.method as 'POST', concrete(r.url), huge);
      expectProblem(res, `${r.method} ${r.url}`);
      expect(res.statusCode).toBe(413);
    }
  });

  it('a body that is not JSON', async () => {
    for (const r of routes().filter((r) => r.hasBody)) {
      const res = await client.request(r.method as 'POST', concrete(r.url), 'name=x', {
        'content-type': 'application/x-www-form-urlencoded',
      });
      expectProblem(res, `${r.method} ${r.url}`);
      expect(res.statusCode).toBe(415);
    }
  });

  it('path parameters that are not ids', async () => {
    for (const r of routes().filter((r) => r.hasParams)) {
      const res = await client.request(
        r.method as 'POST',
        r.url.replaceAll(/:[a-zA-Z]+/g, "1';DROP TABLE staff;--"),
        r.method === 'GET' ? undefined : {},
      );
      expectProblem(res, `${r.method} ${r.url}`);
      expect(res.json().errors?.[0]?.field ?? '', `${r.method} ${r.url}`).toMatch(/^params\./);
    }
  });

  it('query parameters of the wrong type or unknown', async () => {
    for (const r of routes().filter((r) => r.hasQuery)) {
      for (const qs of ['limit=abc', 'limit=-1', 'limit=100000', 'unknownParam=1']) {
        const res = await client.request(r.method as 'GET', `${concrete(r.url)}?${qs}`, r.method === 'GET' ? undefined : {});
        expectProblem(res, `${r.url}?${qs}`);
        expect(res.json().errors?.[0]?.field ?? JSON.stringify(res.json()), `${r.url}?${qs}`).toMatch(/^query\./);
      }
    }
  });

  it('an unknown route or method gets a problem document too', async () => {
    expectProblem(await client.get('/no-such-thing'), 'unknown route');
    expectProblem(await client.request('DELETE', '/units'), 'unknown method');
  });
});

describe('bad input on the account-reset routes', () => {
  const someone = '00000000-0000-4000-8000-000000000000';
  const fields = (res: Awaited<ReturnType<ApiClient['get']>>) =>
    (res.json().errors as { field: string; code: string }[]).map((e) => e.field);

  it('a second-factor reset request without a reason, or with one too long, names the reason', async () => {
    for (const body of [{}, { reason: '' }, { reason: 'x'.repeat(1001) }, { reason: 7 }]) {
      const res = await client.post(`/staff/${someone}/mfa-reset-requests`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(fields(res)).toEqual(['reason']);
    }
  });

  it('a password reset takes no input: an administrator cannot choose the password', async () => {
    const res = await client.post(`/staff/${someone}/password`, { newPassword: 'chosen by the administrator' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'newPassword', code: 'unknown_field', message: 'Unknown field' }]);
  });

  it('a new password after a temporary one that is missing, not text or too long names newPassword', async () => {
    for (const body of [{}, { newPassword: 12345678 }, { newPassword: 'x'.repeat(257) }]) {
      const res = await client.post('/auth/password', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(fields(res)).toEqual(['newPassword']);
    }
  });

  it('deciding a reset request takes no input', async () => {
    for (const action of ['approve', 'decline']) {
      const res = await client.post(`/mfa-reset-requests/${someone}/${action}`, { outcome: 'approved' });
      expect(res.statusCode).toBe(400);
      expect(fields(res)).toEqual(['outcome']);
    }
  });
});
