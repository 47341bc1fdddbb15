import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/server.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('shutting down', () => {
  it('answers a request that arrives while draining 503, with a retry hint and the connection closed', async () => {
    const drained = t.app.drain();
    const response = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.headers.connection).toBe('close');
    expect(response.json()).toMatchObject({ code: 'service_unavailable' });
    await drained;
  });
});
