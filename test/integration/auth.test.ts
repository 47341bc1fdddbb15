import { createHash } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { eq, sql } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../../src/areas/auth/auth.schema.ts';
import { staff } from '../../src/areas/staff/staff.schema.ts';
import { agencyRoles, allRoles } from '../../src/core/roles.contract.ts';
import { ApiClient, signedInClient } from '../support/api-client.ts';
import { createTestApp, type TestApp } from '../support/server.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const codeFor = (secret: string, offsetSteps = 0) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
    timestamp: Date.now() + offsetSteps * 30_000,
  });

describe('signing in', () => {
  it('signs in with the right password and reports the session', async () => {
    const worker = await t.createStaff({ roles: ['case_worker'], displayName: 'Ингрид Сольберг' });
    const client = new ApiClient(t.app);
    const response = await client.signIn(worker.email, worker.password);
    expect(response.json()).toEqual({ status: 'signed_in' });
    const session = (await client.get('/auth/session')).json();
    expect(session.user).toMatchObject({ id: worker.id, displayName: 'Ингрид Сольберг', roles: ['case_worker'] });
    expect(session.state).toBe('complete');
    expect(session.idleTimeoutSeconds).toBe(30 * 60);
  });

  it('gives the same answer for a wrong password and an unknown account', async () => {
    const worker = await t.createStaff({ roles: ['case_worker'] });
    const wrong = await new ApiClient(t.app, '10.1.0.1').post('/auth/login', { email: worker.email, password: 'not the password at all' });
    const unknown = await new ApiClient(t.app, '10.1.0.2').post('/auth/login', {
      email: 'nobody-here@example.org',
      password: 'not the password at all',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
    expect(wrong.json().code).toBe('invalid_credentials');
  });

  it('sets an HttpOnly SameSite=Lax cookie, without Secure over plain http', async () => {
    const worker = await t.createStaff({ roles: ['case_worker'] });
    const response = await new ApiClient(t.app).post('/auth/login', { email: worker.email, password: worker.password });
    const cookie = response.cookies.find((c) => c.name === 'tillit_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.secure).toBeFalsy();
    expect(cookie.value.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url
  });

  it('uses a Secure __Host- cookie behind HTTPS', async () => {
    const https = await createTestApp({ TILLIT_PUBLIC_URL: 'https://tillit.example.org' });
    try {
      const worker = await https.createStaff({ roles: ['case_worker'] });
      const response = await new ApiClient(https.app).post('/auth/login', { email: worker.email, password: worker.password });
      const cookie = response.cookies.find((c) => c.name === '__Host-tillit_session')!;
      expect(cookie).toMatchObject({ secure: true, httpOnly: true, path: '/', sameSite: 'Lax' });
      expect(cookie.domain).toBeUndefined();
    } finally {
      await https.close();
    }
  });

  it('stores the password as argon2id with m=19 MiB, t=2, p=1 and re-hashes weaker hashes at login', async () => {
    const worker = await t.createStaff({ roles: ['case_worker'], password: 'a weaker hash for now' });
    const weak = await hash('a weaker hash for now', { algorithm: 2, memoryCost: 8192, timeCost: 1, parallelism: 1 });
    await t.db.update(staff).set({ passwordHash: weak }).where(eq(staff.id, worker.id));
    expect((await new ApiClient(t.app).signIn(worker.email, 'a weaker hash for now')).statusCode).toBe(200);
    const [row] = await t.db.select({ h: staff.passwordHash }).from(staff).where(eq(staff.id, worker.id));
    expect(row!.h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  const tryPassword = (ip: string, email: string, password: string) => new ApiClient(t.app, ip).post('/auth/login', { email, password });

  it('refuses even the right password from an address that failed five times for the account, with a growing back-off', async () => {
    const worker = await t.createStaff({ roles: ['case_worker'] });
    for (let i = 0; i < 5; i++) expect((await tryPassword('10.2.0.1', worker.email, `wrong password ${i}`)).statusCode).toBe(401);
    const blocked = await tryPassword('10.2.0.1', worker.email, worker.password);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(29);
    // a blocked attempt is not a further failure; each failure after the free ones doubles the wait
    const account = createHash('sha256').update(worker.email).digest('hex');
    await t.db.execute(
      sql`UPDATE login_throttle SET blocked_until = now() WHERE key IN (${`pair:${account}:10.2.0.1`}, ${`account:${account}`})`,
    );
    expect((await tryPassword('10.2.0.1', worker.email, 'wrong password 5')).statusCode).toBe(401);
    expect(Number((await tryPassword('10.2.0.1', worker.email, worker.password)).headers['retry-after'])).toBeGreaterThanOrEqual(59);
  });

  it('the right password from another address still signs in while the account is under attack', async () => {
    const worker = await t.createStaff({ roles: ['case_worker'] });
    for (let i = 0; i < 40; i++) await tryPassword(`10.3.${i}.9`, worker.email, `guess number ${i}`);
    const [account] = (
      await t.db.execute<{ failures: number; blocked: boolean }>(
        sql`SELECT failures, blocked_until > now() AS blocked FROM login_throttle WHERE key LIKE 'account:%' ORDER BY last_failure_at DESC LIMIT 1`,
      )
    ).rows;
    expect(account).toEqual({ failures: 40, blocked: true });
    const owner = await tryPassword('10.3.200.1', worker.email, worker.password);
    expect(owner.statusCode).toBe(200);
    // The password is accepted; the next step is the second factor the role requires.
    expect(owner.json()).toEqual({ status: 'mfa_enrolment_required' });
  });

  it('makes an address that failed for an account under attack wait out the account’s back-off', async () => {
    const worker = await t.createStaff({ roles: ['case_worker'] });
    for (let i = 0; i < 6; i++) await tryPassword(`10.4.${i}.9`, worker.email, `guess number ${i}`);
    // one failure only from 10.4.0.9, but the account is in back-off: this address must wait, even with the password
    const again = await tryPassword('10.4.0.9', worker.email, worker.password);
    expect(again.statusCode).toBe(429);
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('throttles an unknown account the same way, so throttling reveals nothing', async () => {
    for (let i = 0; i < 5; i++) await tryPassword('10.5.0.1', 'ghost@example.org', 'whatever it is');
    expect((await tryPassword('10.5.0.1', 'ghost@example.org', 'whatever it is')).statusCode).toBe(429);
    expect((await tryPassword('10.5.0.2', 'ghost@example.org', 'whatever it is')).statusCode).toBe(401);
  });

  it('counts an address by the distinct accounts that failed from it: one person’s many mistakes do not block the others behind it', async () => {
    const forgetful = await t.createStaff({ roles: ['case_worker'] });
    const colleague = await t.createStaff({ roles: ['case_worker'] });
    for (let i = 0; i < 30; i++) await tryPassword('10.6.0.1', forgetful.email, `not my password ${i}`);
    expect((await tryPassword('10.6.0.1', colleague.email, colleague.password)).statusCode).toBe(200);
  });

  it('throttles an address that tries many accounts (password spraying), whichever account comes next', async () => {
    const colleague = await t.createStaff({ roles: ['case_worker'] });
    for (let i = 0; i < 20; i++) expect((await tryPassword('10.7.0.1', `spray-${i}@example.org`, 'Summer2026!')).statusCode).toBe(401);
    expect((await tryPassword('10.7.0.1', 'spray-new@example.org', 'Summer2026!')).statusCode).toBe(429);
    expect((await tryPassword('10.7.0.1', colleague.email, colleague.password)).statusCode).toBe(429);
    // the accounts themselves are not locked: from elsewhere they sign in
    expect((await tryPassword('10.7.0.2', colleague.email, colleague.password)).statusCode).toBe(200);
  });

  it('audits a throttled attempt with the rule that refused it', async () => {
    for (let i = 0; i < 6; i++) await tryPassword('10.8.0.1', 'audited-ghost@example.org', 'whatever it is');
    const [event] = (
      await t.db.execute<{ details: { reason: string; rule: string }; client_ip: string }>(
        sql`SELECT details, client_ip FROM audit_events WHERE action = 'auth.login' AND outcome = 'denied' ORDER BY seq DESC LIMIT 1`,
      )
    ).rows;
    expect(event).toEqual({ details: { reason: 'throttled', rule: 'pair' }, client_ip: '10.8.0.1' });
  });

  it('refuses a disabled account with the same message', async () => {
    const worker = await t.createStaff({ roles: ['case_worker'] });
    await t.db.update(staff).set({ status: 'disabled' }).where(eq(staff.id, worker.id));
    const r = await new ApiClient(t.app, '10.5.0.1').post('/auth/login', { email: worker.email, password: worker.password });
    expect(r.statusCode).toBe(401);
    expect(r.json().detail).toBe('The e-mail address or password is incorrect');
  });
});

describe('sessions', () => {
  it('ends a session idle for longer than the idle timeout', async () => {
    const worker = await t.createStaff({ roles: ['case_worker'] });
    const client = new ApiClient(t.app);
    await client.signIn(worker.email, worker.password);
    await t.db.update(sessions).set({ lastSeenAt: sql`now() - interval '31 minutes'` }).where(eq(sessions.staffId, worker.id));
    const r = await client.get('/auth/session');
    expect(r.statusCode).toBe(401);
    expect(r.json().code).toBe('session_expired');
  });

  it('ends a session at the absolute timeout even when active', async () => {
    const worker = await t.createStaff({ roles: ['case_worker'] });
    const client = new ApiClient(t.app);
    await client.signIn(worker.email, worker.password);
    const [s] = await t.db.select().from(sessions).where(eq(sessions.staffId, worker.id));
    expect(s!.absoluteExpiresAt.getTime() - s!.createdAt.getTime()).toBeCloseTo(12 * 3600 * 1000, -4);
    await t.db.update(sessions).set({ absoluteExpiresAt: sql`now() - interval '1 second'` }).where(eq(sessions.staffId, worker.id));
    expect((await client.get('/auth/session')).statusCode).toBe(401);
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const worker = await t.createStaff({ roles: ['case_worker'] });
    const client = new ApiClient(t.app);
    await client.signIn(worker.email, worker.password);
    const token = client.csrfToken;
    client.csrfToken = null;
    const missing = await client.patch('/me', { displayName: 'Changed' });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().code).toBe('csrf_token_invalid');
    client.csrfToken = 'wrong';
    expect((await client.patch('/me', { displayName: 'Changed' })).statusCode).toBe(403);
    client.csrfToken = token;
    expect((await client.patch('/me', { displayName: 'Changed' })).statusCode).toBe(200);
  });

  it('changing the password ends the other sessions but keeps this one', async () => {
    const worker = await t.createStaff({ roles: ['case_worker'], password: 'first password of mine' });
    const laptop = new ApiClient(t.app);
    const phone = new ApiClient(t.app);
    await laptop.signIn(worker.email, 'first password of mine');
    await phone.signIn(worker.email, 'first password of mine');
    const r = await laptop.post('/me/password', { currentPassword: 'first password of mine', newPassword: 'second password of mine' });
    expect(r.statusCode).toBe(200);
    expect((await laptop.get('/auth/session')).statusCode).toBe(200);
    expect((await phone.get('/auth/session')).statusCode).toBe(401);
    expect((await new ApiClient(t.app).signIn(worker.email, 'second password of mine')).statusCode).toBe(200);
  });

  it('refuses a new password that is too short or among the commonest', async () => {
    const worker = await t.createStaff({ roles: ['case_worker'] });
    const client = new ApiClient(t.app);
    await client.signIn(worker.email, worker.password);
    const short = await client.post('/me/password', { currentPassword: worker.password, newPassword: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors).toEqual([{ field: 'newPassword', code: 'too_short', message: 'Use at least 8 characters' }]);
    const common = await client.post('/me/password', { currentPassword: worker.password, newPassword: 'password123' });
    expect(common.statusCode).toBe(400);
    expect(common.json().errors[0]).toMatchObject({ field: 'newPassword', code: 'too_common' });
    const long = await client.post('/me/password', {
      currentPassword: worker.password,
      newPassword: 'ärliga ugglor läser långa brev vid fjorden i det blå skymningsljuset '.repeat(2),
    });
    expect(long.statusCode).toBe(200);
  });

  it('refuses an easy-to-guess password wherever a password is set, saying why with stable codes', async () => {
    const admin = await t.createStaff({ roles: ['administrator'] });
    const adminClient = new ApiClient(t.app);
    await adminClient.signIn(admin.email, admin.password);
    const weak = 'aaaaaaaaaaaaaaa';
    const expected = {
      code: 'too_weak',
      message: expect.stringContaining('Repeated characters like "aaa" are easy to guess.'),
      hints: expect.arrayContaining(['warning.simpleRepeat', 'suggestion.repeated']),
    };
    const own = await adminClient.post('/me/password', { currentPassword: admin.password, newPassword: weak });
    expect(own.statusCode).toBe(400);
    expect(own.json().errors).toEqual([{ field: 'newPassword', ...expected }]);
    const created = await adminClient.post('/staff', {
      email: 'weakling@example.org',
      displayName: 'Wendel Weak',
      roles: ['case_worker'],
      initialPassword: 'iloveyou1234',
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().errors[0]).toMatchObject({
      field: 'initialPassword',
      code: 'too_weak',
      hints: expect.arrayContaining(['warning.similarToCommon']),
    });
    // After a reset, the password that replaces the temporary one is checked too.
    const worker = await t.createStaff({ roles: ['case_worker'] });
    const temporary = (await adminClient.post(`/staff/${worker.id}/password`, {})).json().temporaryPassword as string;
    const workerClient = new ApiClient(t.app, '10.9.9.9');
    expect((await workerClient.signIn(worker.email, temporary)).json()).toEqual({ status: 'password_change_required' });
    const replaced = await workerClient.post('/auth/password', { newPassword: weak });
    expect(replaced.statusCode).toBe(400);
    expect(replaced.json().errors).toEqual([{ field: 'newPassword', ...expected }]);
  });

  it('disabling an account ends all of its sessions', async () => {
    const admin = await t.createStaff({ roles: ['administrator'] });
    const worker = await t.createStaff({ roles: ['case_worker'] });
    const adminClient = new ApiClient(t.app);
    await adminClient.signIn(admin.email, admin.password);
    const workerClient = new ApiClient(t.app);
    await workerClient.signIn(worker.email, worker.password);
    const current = (await adminClient.get(`/staff/${worker.id}`)).json();
    const r = await adminClient.patch(`/staff/${worker.id}`, { status: 'disabled', version: current.version });
    expect(r.statusCode).toBe(200);
    expect((await workerClient.get('/auth/session')).statusCode).toBe(401);
  });

  it('logging out ends the session', async () => {
    const worker = await t.createStaff({ roles: ['case_worker'] });
    const client = new ApiClient(t.app);
    await client.signIn(worker.email, worker.password);
    const cookie = client.sessionCookie;
    const logout = await client.request('POST', '/auth/logout'); // no body at all
    expect(logout.statusCode).toBe(200);
    client.sessionCookie = cookie;
    expect((await client.get('/auth/session')).statusCode).toBe(401);
  });
});

describe('two-step verification (TOTP)', () => {
  /** Signs in by hand, without the helpers' authenticator, and returns the login answer. */
  async function signInByHand(client: ApiClient, who: { email: string; password: string }) {
    const login = await client.post('/auth/login', { email: who.email, password: who.password });
    await client.refreshSession();
    return login;
  }

  /** A case worker who set up two-step verification at the enrolment step of signing in. */
  async function enrolled() {
    const worker = await t.createStaff({ roles: ['case_worker'] });
    const client = new ApiClient(t.app);
    expect((await signInByHand(client, worker)).json()).toEqual({ status: 'mfa_enrolment_required' });
    const enrolment = (await client.post('/auth/mfa/enrol', {})).json();
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/); // 160 bits
    expect(enrolment.otpauthUri).toContain('otpauth://totp/');
    expect(enrolment.qrSvg).toContain('<svg');
    const confirm = await client.post('/auth/mfa/confirm', { code: codeFor(enrolment.secret, -1) });
    expect(confirm.json()).toEqual({ status: 'signed_in' });
    return { worker, secret: enrolment.secret as string };
  }

  it('asks for a code after the password once enrolled, and accepts it', async () => {
    const { worker, secret } = await enrolled();
    const client = new ApiClient(t.app);
    expect((await signInByHand(client, worker)).json()).toEqual({ status: 'mfa_required' });
    expect((await client.get('/persons')).json().code).toBe('mfa_required');
    const before = client.sessionCookie;
    expect((await client.post('/auth/mfa/verify', { code: codeFor(secret) })).statusCode).toBe(200);
    expect(client.sessionCookie).not.toBe(before); // a new token after the second factor
    await client.refreshSession();
    expect((await client.get('/auth/session')).json().state).toBe('complete');
  });

  it('refuses a code used before (replay) and a code two steps away', async () => {
    const { worker, secret } = await enrolled();
    const first = new ApiClient(t.app);
    await signInByHand(first, worker);
    const code = codeFor(secret);
    expect((await first.post('/auth/mfa/verify', { code })).statusCode).toBe(200);
    const second = new ApiClient(t.app);
    await signInByHand(second, worker);
    const replay = await second.post('/auth/mfa/verify', { code });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().code).toBe('invalid_mfa_code');
    const stale = await second.post('/auth/mfa/verify', { code: codeFor(secret, -3) });
    expect(stale.statusCode).toBe(400);
  });

  it('requires every role to set up two-step verification by default', async () => {
    const head = await t.createStaff({ roles: ['agency_head'] });
    const agency = (await (await signedInClient(t.app, head)).get('/agency')).json();
    expect([...agency.mfaRequiredRoles].sort()).toEqual([...agencyRoles].sort());
    for (const role of allRoles) {
      const member = await t.createStaff({ roles: [role] });
      expect((await signInByHand(new ApiClient(t.app), member)).json(), role).toEqual({ status: 'mfa_enrolment_required' });
    }
  });

  it('refuses every other route while enrolment is pending', async () => {
    const supervisor = await t.createStaff({ roles: ['supervisor'] });
    const client = new ApiClient(t.app);
    await signInByHand(client, supervisor);
    const persons = await client.get('/persons');
    expect(persons.statusCode).toBe(403);
    expect(persons.json().code).toBe('mfa_required');
    expect((await client.patch('/me', { displayName: 'Sneaky' })).statusCode).toBe(403);
  });

  it('refuses to turn it off while the role requires it', async () => {
    const supervisor = await t.createStaff({ roles: ['supervisor'] });
    const client = await signedInClient(t.app, supervisor);
    const disable = await client.post('/me/mfa/disable', { currentPassword: supervisor.password });
    expect(disable.statusCode).toBe(409);
    expect(disable.json().code).toBe('mfa_required_for_role');
  });

  it('lets staff of a role the agency relieved of it sign in with the password alone', async () => {
    const admin = await t.createStaff({ roles: ['administrator'] });
    const adminClient = await signedInClient(t.app, admin);
    const agency = (await adminClient.get('/agency')).json();
    const { version: _v, ...rest } = agency;
    const relaxed = allRoles.filter((r) => r !== 'intake_worker');
    expect((await adminClient.put('/agency', { ...rest, mfaRequiredRoles: relaxed, version: agency.version })).statusCode).toBe(200);
    try {
      const intake = await t.createStaff({ roles: ['intake_worker'] });
      expect((await signInByHand(new ApiClient(t.app), intake)).json()).toEqual({ status: 'signed_in' });
      // A second role that still requires it decides.
      const both = await t.createStaff({ roles: ['intake_worker', 'case_worker'] });
      expect((await signInByHand(new ApiClient(t.app), both)).json()).toEqual({ status: 'mfa_enrolment_required' });
    } finally {
      const latest = (await adminClient.get('/agency')).json();
      await adminClient.put('/agency', { ...rest, mfaRequiredRoles: allRoles, version: latest.version });
    }
  });
});
