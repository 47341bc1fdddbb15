/**
 * Administrators cannot become case workers: a password reset gives a one-time temporary password
 * that must be replaced at sign-in and leaves the second factor in place; removing a second factor
 * takes two people.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staff } from '../../src/areas/staff/staff.schema.ts';
import { ApiClient, signedInClient } from '../support/api-client.ts';
import { createTestApp, type TestApp } from '../support/server.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const TEMPORARY = /^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}$/;

/** Signs in by hand, without the helpers' authenticator. */
async function signInByHand(email: string, password: string) {
  const client = new ApiClient(t.app);
  const login = await client.post('/auth/login', { email, password });
  await client.refreshSession();
  return { client, login };
}

async function auditEvents(action: string, entityId: string) {
  return (
    await t.db.execute<{ actor_id: string | null; outcome: string; details: Record<string, unknown> | null }>(
      sql`SELECT actor_id, outcome, details FROM audit_events WHERE action = ${action} AND entity_id = ${entityId} ORDER BY seq`,
    )
  ).rows;
}

async function alertKinds(client: ApiClient): Promise<string[]> {
  return ((await client.get('/alerts')).json().items as { kind: string }[]).map((a) => a.kind);
}

async function mfaEnabled(id: string): Promise<boolean> {
  const [row] = await t.db.select({ secret: staff.totpSecret }).from(staff).where(eq(staff.id, id));
  return row!.secret !== null;
}

describe('a password reset by an administrator', () => {
  /** An administrator, and a case worker who has signed in once (and so set up a second factor). */
  async function arrange() {
    const admin = await t.createStaff({ roles: ['administrator'], displayName: 'Ada Administrator' });
    const worker = await t.createStaff({ roles: ['case_worker'], displayName: 'Wilma Worker' });
    const adminClient = await signedInClient(t.app, admin);
    const workerClient = await signedInClient(t.app, worker);
    return { admin, worker, adminClient, workerClient };
  }

  async function reset(adminClient: ApiClient, id: string, headers?: Record<string, string>) {
    const response = await adminClient.post(`/staff/${id}/password`, {}, headers);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { temporaryPassword: string; expiresAt: string };
  }

  it('gives a strong temporary password once, valid for 72 hours, and keeps only its hash', async () => {
    const { worker, adminClient } = await arrange();
    t.logLines.length = 0;
    const { temporaryPassword, expiresAt } = await reset(adminClient, worker.id);
    expect(temporaryPassword).toMatch(TEMPORARY);
    expect(new Date(expiresAt).getTime() - Date.now()).toBeGreaterThan(71.9 * 3600_000);
    expect(new Date(expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(72 * 3600_000);
    const [row] = await t.db.select().from(staff).where(eq(staff.id, worker.id));
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(row)).not.toContain(temporaryPassword);
    const audited = await t.db.execute(sql`SELECT 1 FROM audit_events WHERE details::text LIKE ${`%${temporaryPassword}%`}`);
    expect(audited.rows).toEqual([]);
    expect(t.logLines.join('\n')).not.toContain(temporaryPassword);
    expect((await adminClient.get(`/staff/${worker.id}`)).json()).not.toHaveProperty('temporaryPassword');
  });

  it('sent with an Idempotency-Key, leaves no copy of the temporary password in the database', async () => {
    const { worker, adminClient } = await arrange();
    const { temporaryPassword } = await reset(adminClient, worker.id, { 'idempotency-key': 'reset-once-0001' });
    const stored = await t.db.execute(sql`SELECT 1 FROM idempotency_keys WHERE response_body::text LIKE ${`%${temporaryPassword}%`}`);
    expect(stored.rows).toEqual([]);
  });

  it('ends every session of the staff member, and the old password stops working', async () => {
    const { worker, adminClient, workerClient } = await arrange();
    await reset(adminClient, worker.id);
    expect((await workerClient.get('/auth/session')).statusCode).toBe(401);
    expect((await signInByHand(worker.email, worker.password)).login.statusCode).toBe(401);
  });

  it('leaves the second factor in place, so the temporary password alone opens nothing', async () => {
    const { worker, adminClient } = await arrange();
    const { temporaryPassword } = await reset(adminClient, worker.id);
    const { client, login } = await signInByHand(worker.email, temporaryPassword);
    expect(login.json()).toEqual({ status: 'mfa_required' });
    const early = await client.post('/auth/password', { newPassword: 'a password chosen too early' });
    expect(early.statusCode).toBe(403);
    expect((await client.get('/persons')).json().code).toBe('mfa_required');
  });

  it('signing in with it allows nothing but choosing a new password, after the second factor', async () => {
    const { worker, adminClient } = await arrange();
    const { temporaryPassword } = await reset(adminClient, worker.id);
    const client = new ApiClient(t.app);
    expect((await client.signIn(worker.email, temporaryPassword)).json()).toEqual({ status: 'password_change_required' });
    expect((await client.get('/auth/session')).json().state).toBe('password_change_required');
    for (const refused of [await client.get('/persons'), await client.get('/me/security'), await client.get('/alerts')]) {
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('password_change_required');
    }
    const own = await client.post('/me/password', { currentPassword: temporaryPassword, newPassword: 'a sunny harbour morning' });
    expect(own.json().code).toBe('password_change_required');
    const chosen = await client.post('/auth/password', { newPassword: 'a sunny harbour morning' });
    expect(chosen.json()).toEqual({ status: 'signed_in' });
    await client.refreshSession();
    expect((await client.get('/persons')).statusCode).toBe(200);
    expect((await new ApiClient(t.app).signIn(worker.email, 'a sunny harbour morning')).json()).toEqual({ status: 'signed_in' });
  });

  it('works only once', async () => {
    const { worker, adminClient } = await arrange();
    const { temporaryPassword } = await reset(adminClient, worker.id);
    expect((await signInByHand(worker.email, temporaryPassword)).login.statusCode).toBe(200);
    const again = (await signInByHand(worker.email, temporaryPassword)).login;
    expect(again.statusCode).toBe(401);
    expect(again.json().code).toBe('temporary_password_expired');
  });

  it('is refused once it has expired', async () => {
    const { worker, adminClient } = await arrange();
    const { temporaryPassword } = await reset(adminClient, worker.id);
    await t.db.execute(sql`UPDATE staff SET temporary_password_expires_at = now() - interval '1 second' WHERE id = ${worker.id}`);
    const late = (await signInByHand(worker.email, temporaryPassword)).login;
    expect(late.statusCode).toBe(401);
    expect(late.json().code).toBe('temporary_password_expired');
    const [event] = (await auditEvents('auth.login', worker.id)).filter((e) => e.outcome === 'failure');
    expect(event!.details).toEqual({ reason: 'temporary_password_expired' });
  });

  it('may not be kept as the new password, and the new one follows the password rules', async () => {
    const { worker, adminClient } = await arrange();
    const { temporaryPassword } = await reset(adminClient, worker.id);
    const client = new ApiClient(t.app);
    await client.signIn(worker.email, temporaryPassword);
    const same = await client.post('/auth/password', { newPassword: temporaryPassword });
    expect(same.statusCode).toBe(400);
    expect(same.json().errors).toEqual([
      { field: 'newPassword', code: 'same_as_temporary', message: 'Choose a password of your own, not the temporary one' },
    ]);
    const common = await client.post('/auth/password', { newPassword: 'password123' });
    expect(common.json().errors[0]).toMatchObject({ field: 'newPassword', code: 'too_common' });
  });

  it('leads an account without a second factor to set its new password first and then enrol', async () => {
    const admin = await t.createStaff({ roles: ['administrator'] });
    const newcomer = await t.createStaff({ roles: ['intake_worker'] });
    const { temporaryPassword } = await reset(await signedInClient(t.app, admin), newcomer.id);
    const { client, login } = await signInByHand(newcomer.email, temporaryPassword);
    expect(login.json()).toEqual({ status: 'password_change_required' });
    expect((await client.post('/auth/mfa/enrol', {})).statusCode).toBe(403);
    expect((await client.post('/auth/password', { newPassword: 'lanterns along the quay' })).json()).toEqual({
      status: 'mfa_enrolment_required',
    });
  });

  it('alerts the staff member, whose account page says who reset the password and when', async () => {
    const { worker, adminClient } = await arrange();
    const before = Date.now();
    const { temporaryPassword } = await reset(adminClient, worker.id);
    const client = new ApiClient(t.app);
    await client.signIn(worker.email, temporaryPassword);
    await client.post('/auth/password', { newPassword: 'gulls over the breakwater' });
    await client.refreshSession();
    expect(await alertKinds(client)).toContain('password_reset');
    const security = (await client.get('/me/security')).json();
    expect(security.passwordReset.byName).toBe('Ada Administrator');
    expect(new Date(security.passwordReset.at).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(security.mfaReset).toBeNull();
  });

  it('is audited: the reset by the administrator, the new password by the staff member', async () => {
    const { admin, worker, adminClient } = await arrange();
    const { temporaryPassword, expiresAt } = await reset(adminClient, worker.id);
    const client = new ApiClient(t.app);
    await client.signIn(worker.email, temporaryPassword);
    await client.post('/auth/password', { newPassword: 'a ferry leaves at nine' });
    expect(await auditEvents('staff.password_reset', worker.id)).toEqual([
      { actor_id: admin.id, outcome: 'success', details: { expiresAt } },
    ]);
    expect(await auditEvents('auth.password_changed', worker.id)).toEqual([
      { actor_id: worker.id, outcome: 'success', details: { replaced: 'temporary' } },
    ]);
  });

  it('is not for one’s own password, which is changed in the account settings', async () => {
    const { admin, adminClient } = await arrange();
    const own = await adminClient.post(`/staff/${admin.id}/password`, {});
    expect(own.statusCode).toBe(403);
  });

  it('answers 404 for a staff member who does not exist', async () => {
    const { adminClient } = await arrange();
    expect((await adminClient.post('/staff/00000000-0000-4000-8000-000000000000/password', {})).statusCode).toBe(404);
  });
});

describe("a new staff member's initial password", () => {
  it('must be replaced at the first sign-in, and works only that once', async () => {
    const adminClient = await signedInClient(t.app, await t.createStaff({ roles: ['administrator'] }));
    const created = await adminClient.post('/staff', {
      email: 'nora.newcomer@example.org',
      displayName: 'Nora Newcomer',
      roles: ['case_worker'],
      initialPassword: 'a kettle on the stove',
    });
    expect(created.statusCode).toBe(201);
    const { client, login } = await signInByHand('nora.newcomer@example.org', 'a kettle on the stove');
    expect(login.json()).toEqual({ status: 'password_change_required' });
    expect((await client.get('/persons')).json().code).toBe('password_change_required');
    expect((await client.post('/auth/password', { newPassword: 'a kettle on the stove' })).json().errors[0].code).toBe('same_as_temporary');
    expect((await client.post('/auth/password', { newPassword: 'gulls over the breakwater' })).json()).toEqual({
      status: 'mfa_enrolment_required',
    });
    const again = (await signInByHand('nora.newcomer@example.org', 'a kettle on the stove')).login;
    expect(again.statusCode).toBe(401);
  });
});

describe('a second-factor reset', () => {
  /** Two administrators, the agency head, and a case worker with a second factor. */
  async function arrange() {
    const first = await t.createStaff({ roles: ['administrator'], displayName: 'Aino First' });
    const second = await t.createStaff({ roles: ['administrator'], displayName: 'Bruno Second' });
    const head = await t.createStaff({ roles: ['agency_head'], displayName: 'Hedda Head' });
    const worker = await t.createStaff({ roles: ['case_worker'] });
    const workerClient = await signedInClient(t.app, worker);
    return {
      first,
      second,
      head,
      worker,
      workerClient,
      firstClient: await signedInClient(t.app, first),
      secondClient: await signedInClient(t.app, second),
      headClient: await signedInClient(t.app, head),
    };
  }

  async function requestReset(client: ApiClient, staffId: string) {
    const response = await client.post(`/staff/${staffId}/mfa-reset-requests`, { reason: 'Phone lost on the ferry' });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; status: string };
  }

  it('needs a second person: the requester cannot approve their own request', async () => {
    const { worker, firstClient } = await arrange();
    const request = await requestReset(firstClient, worker.id);
    expect(request).toMatchObject({ status: 'pending', reason: 'Phone lost on the ferry', requestedBy: { displayName: 'Aino First' } });
    const own = await firstClient.post(`/mfa-reset-requests/${request.id}/approve`, {});
    expect(own.statusCode).toBe(403);
    expect(own.json().detail).toBe('A second person must approve a reset you requested');
    expect(await mfaEnabled(worker.id)).toBe(true);
  });

  it('removes the factor once another administrator approves; the staff member enrols again at the next sign-in', async () => {
    const { worker, workerClient, firstClient, secondClient } = await arrange();
    const request = await requestReset(firstClient, worker.id);
    const approved = await secondClient.post(`/mfa-reset-requests/${request.id}/approve`, {});
    expect(approved.json()).toMatchObject({ status: 'approved', decidedBy: { displayName: 'Bruno Second' } });
    expect(await mfaEnabled(worker.id)).toBe(false);
    expect((await workerClient.get('/auth/session')).statusCode).toBe(401);
    expect((await signInByHand(worker.email, worker.password)).login.json()).toEqual({ status: 'mfa_enrolment_required' });
  });

  it('may be approved by the agency head', async () => {
    const { worker, firstClient, headClient } = await arrange();
    const request = await requestReset(firstClient, worker.id);
    expect((await headClient.post(`/mfa-reset-requests/${request.id}/approve`, {})).json().status).toBe('approved');
  });

  it('may be requested by the agency head and approved by an administrator', async () => {
    const { worker, headClient, firstClient } = await arrange();
    const request = await requestReset(headClient, worker.id);
    expect((await firstClient.post(`/mfa-reset-requests/${request.id}/approve`, {})).json().status).toBe('approved');
  });

  it('may not be decided by the staff member it is about', async () => {
    const { first, firstClient, secondClient } = await arrange();
    const request = await requestReset(secondClient, first.id);
    expect((await firstClient.post(`/mfa-reset-requests/${request.id}/approve`, {})).statusCode).toBe(403);
    expect((await firstClient.post(`/mfa-reset-requests/${request.id}/decline`, {})).statusCode).toBe(403);
    expect(await mfaEnabled(first.id)).toBe(true);
  });

  it('is refused for an account without a second factor, and for oneself', async () => {
    const { first, firstClient } = await arrange();
    const newcomer = await t.createStaff({ roles: ['case_worker'] });
    const none = await firstClient.post(`/staff/${newcomer.id}/mfa-reset-requests`, { reason: 'Just in case' });
    expect(none.statusCode).toBe(409);
    expect(none.json().code).toBe('transition_not_allowed');
    expect((await firstClient.post(`/staff/${first.id}/mfa-reset-requests`, { reason: 'My own' })).statusCode).toBe(403);
  });

  it('waits one request per account at a time', async () => {
    const { worker, firstClient, secondClient } = await arrange();
    await requestReset(firstClient, worker.id);
    const twice = await secondClient.post(`/staff/${worker.id}/mfa-reset-requests`, { reason: 'Phone lost' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('already_exists');
  });

  it('expires: it can no longer be approved, leaves the list, and a new request may be made', async () => {
    const { worker, firstClient, secondClient } = await arrange();
    const request = await requestReset(firstClient, worker.id);
    expect(new Date((request as unknown as { expiresAt: string }).expiresAt).getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    await t.db.execute(sql`UPDATE mfa_reset_requests SET expires_at = now() - interval '1 second' WHERE id = ${request.id}`);
    const late = await secondClient.post(`/mfa-reset-requests/${request.id}/approve`, {});
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('transition_not_allowed');
    const pending = (await secondClient.get('/mfa-reset-requests')).json().items as { id: string }[];
    expect(pending.map((r) => r.id)).not.toContain(request.id);
    await requestReset(firstClient, worker.id);
    expect(await mfaEnabled(worker.id)).toBe(true);
  });

  it('may be declined, or withdrawn by its requester, and then nothing changes', async () => {
    const { worker, firstClient, secondClient } = await arrange();
    const declined = await requestReset(firstClient, worker.id);
    expect((await secondClient.post(`/mfa-reset-requests/${declined.id}/decline`, {})).json().status).toBe('declined');
    expect((await secondClient.post(`/mfa-reset-requests/${declined.id}/approve`, {})).statusCode).toBe(409);
    const withdrawn = await requestReset(firstClient, worker.id);
    expect((await firstClient.post(`/mfa-reset-requests/${withdrawn.id}/decline`, {})).json().status).toBe('declined');
    expect(await mfaEnabled(worker.id)).toBe(true);
  });

  it('lists the requests waiting for a decision to those who may decide', async () => {
    const { worker, firstClient, headClient } = await arrange();
    const request = await requestReset(firstClient, worker.id);
    const items = (await headClient.get('/mfa-reset-requests')).json().items as { id: string; staff: { id: string } }[];
    expect(items.find((r) => r.id === request.id)).toMatchObject({ staff: { id: worker.id } });
  });

  it('audits both steps, and a refused approval too', async () => {
    const { first, second, worker, firstClient, secondClient } = await arrange();
    const request = await requestReset(firstClient, worker.id);
    await firstClient.post(`/mfa-reset-requests/${request.id}/approve`, {});
    await secondClient.post(`/mfa-reset-requests/${request.id}/approve`, {});
    expect(await auditEvents('staff.mfa_reset_requested', worker.id)).toEqual([
      { actor_id: first.id, outcome: 'success', details: { requestId: request.id } },
    ]);
    expect(await auditEvents('staff.mfa_reset_approved', worker.id)).toEqual([
      { actor_id: first.id, outcome: 'denied', details: { requestId: request.id, reason: 'own_request' } },
      { actor_id: second.id, outcome: 'success', details: { requestId: request.id, requestedBy: first.id } },
    ]);
  });

  it('alerts the others who may approve, and then the staff member, whose account page names the approver', async () => {
    const { worker, firstClient, secondClient, headClient } = await arrange();
    const request = await requestReset(firstClient, worker.id);
    expect(await alertKinds(secondClient)).toContain('mfa_reset_requested');
    expect(await alertKinds(headClient)).toContain('mfa_reset_requested');
    expect(await alertKinds(firstClient)).not.toContain('mfa_reset_requested');
    await secondClient.post(`/mfa-reset-requests/${request.id}/approve`, {});
    const client = new ApiClient(t.app);
    await client.signIn(worker.email, worker.password); // enrols afresh
    expect(await alertKinds(client)).toContain('mfa_reset');
    expect((await client.get('/me/security')).json().mfaReset.byName).toBe('Bruno Second');
  });

  it('is refused by the database itself when the requester approves', async () => {
    const { first, worker, firstClient } = await arrange();
    const request = await requestReset(firstClient, worker.id);
    await expect(
      t.db.execute(
        sql`UPDATE mfa_reset_requests SET outcome = 'approved', decided_by = ${first.id}, decided_at = now() WHERE id = ${request.id}`,
      ),
    ).rejects.toThrow();
  });

  it('needs a reason', async () => {
    const { worker, firstClient } = await arrange();
    const missing = await firstClient.post(`/staff/${worker.id}/mfa-reset-requests`, { reason: '  ' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].field).toBe('reason');
  });
});

describe('roles', () => {
  it('an administrator cannot give themselves another role, such as one that reads case content', async () => {
    const admin = await t.createStaff({ roles: ['administrator'] });
    const client = await signedInClient(t.app, admin);
    const me = (await client.get(`/staff/${admin.id}`)).json();
    const refused = await client.patch(`/staff/${admin.id}`, { roles: ['administrator', 'agency_head'], version: me.version });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toBe('Another administrator must give you a new role');
    const [row] = await t.db.select({ roles: staff.roles }).from(staff).where(eq(staff.id, admin.id));
    expect(row!.roles).toEqual(['administrator']);
  });

  it('another administrator can give them one', async () => {
    const admin = await t.createStaff({ roles: ['administrator'] });
    const other = await signedInClient(t.app, await t.createStaff({ roles: ['administrator'] }));
    const current = (await other.get(`/staff/${admin.id}`)).json();
    const granted = await other.patch(`/staff/${admin.id}`, { roles: ['administrator', 'supervisor'], version: current.version });
    expect(granted.json().roles).toEqual(['administrator', 'supervisor']);
  });
});
