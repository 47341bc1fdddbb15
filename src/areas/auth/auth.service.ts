import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import type { RequestContext } from '../../core/context.ts';
import type { Database } from '../../core/db/pool.ts';
import { DomainError, invalidField } from '../../core/errors.ts';
import type { Role } from '../../core/roles.contract.ts';
import { INSTALLATION_AGENCY, inTransaction, type UnitOfWork } from '../../core/unit-of-work.ts';
import { agencySettings } from '../organisation/agency-settings.ts';
import { agency } from '../organisation/organisation.schema.ts';
import { staff } from '../staff/staff.schema.ts';
import type { AccountSecurity } from './auth.contract.ts';
import { setupTokens } from './auth.schema.ts';
import { type ActiveSession, createSession, endAllSessionsOf, endSession, rotateSession, type SessionState } from './auth.store.ts';
import {
  accountRule,
  addressRule,
  clearFailures,
  loginKeys,
  loginVerdict,
  mfaRule,
  noFailures,
  pairRule,
  recordFailure,
  recordLoginFailure,
  secondsBlocked,
  throttleCounts,
} from './login-throttle.ts';
import { assessNewPassword, passwordMessage } from './password.rules.ts';
import { decoyPasswordHash, hashPassword, needsRehash, verifyPassword } from './password-hashing.ts';
import { nextSessionState, temporaryPasswordRefusal } from './sign-in.rules.ts';

const INVALID_CREDENTIALS = 'The e-mail address or password is incorrect';
const TEMPORARY_PASSWORD_SPENT = 'This temporary password has been used or has expired; ask an administrator for a new one';
const TOTP_PERIOD = 30;

function tooManyAttempts(wait: number): DomainError {
  return new DomainError('too_many_attempts', `Too many attempts. Try again in ${wait} seconds.`, undefined, wait);
}

function totpFor(secretBase32: string, label: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: 'Tillit',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

/** The time step a code belongs to (±1 step of drift), or null when it matches none. */
export function matchingTotpStep(secretBase32: string, code: string, now = Date.now()): number | null {
  const delta = totpFor(secretBase32, 'x').validate({ token: code, window: 1, timestamp: now });
  return delta === null ? null : Math.floor(now / 1000 / TOTP_PERIOD) + delta;
}

/** Every place a password is set (setup, own change, administrator create and reset, CLI) goes through this. */
export async function assertAcceptablePassword(field: string, candidate: string, email?: string): Promise<void> {
  const verdict = await assessNewPassword(candidate, email);
  if (!verdict) return;
  throw new DomainError('validation_failed', 'The input is not valid', [
    {
      field,
      code: verdict.problem,
      message: await passwordMessage(verdict),
      ...(verdict.hints.length > 0 ? { hints: verdict.hints } : {}),
    },
  ]);
}

/** Enrolment belongs to a complete session (account settings) or to the enrolment step of signing in. */
function assertMayEnrol(session: ActiveSession): void {
  if (session.state === 'mfa_required') throw new DomainError('mfa_required', 'Enter your code first');
  if (session.state === 'password_change_required') throw new DomainError('password_change_required', 'Choose a new password first');
}

/** The roles the agency of the transaction requires two-step verification of; platform administrators always. */
async function mfaRequiredRoles(tx: UnitOfWork['tx']): Promise<Role[]> {
  return [...((await agencySettings(tx)).mfaRequiredRoles as Role[]), 'platform_administrator'];
}

export class AuthService {
  constructor(private readonly db: Database) {}

  /**
   * Returns the new session token and its state. Throttled per account and address, per account
   * and per address (src/areas/auth/login-throttle.ts), so nobody can lock a known account out.
   */
  async login(ctx: RequestContext, email: string, password: string): Promise<{ token: string; state: SessionState }> {
    const keys = loginKeys(createHash('sha256').update(email).digest('hex'), ctx.clientIp);
    const counts = await throttleCounts(this.db, [
      { key: keys.pair, rule: pairRule },
      { key: keys.account, rule: accountRule },
      { key: keys.address, rule: addressRule },
    ]);
    const verdict = loginVerdict({
      pair: counts.get(keys.pair) ?? noFailures,
      account: counts.get(keys.account) ?? noFailures,
      address: counts.get(keys.address) ?? noFailures,
    });
    if (!verdict.allowed) {
      await inTransaction(this.db, ctx, async (uow) =>
        uow.audit({ action: 'auth.login', entityType: 'session', outcome: 'denied', details: { reason: 'throttled', rule: verdict.rule } }),
      );
      throw tooManyAttempts(verdict.waitSeconds);
    }
    const [found] = await this.db
      .select({ account: staff, agencyActive: agency.active })
      .from(staff)
      .innerJoin(agency, eq(agency.id, staff.agencyId))
      .where(eq(staff.email, email));
    const account = found?.account;
    const passwordMatches = await verifyPassword(account?.passwordHash ?? (await decoyPasswordHash()), password);
    // From here on the work belongs to the account's agency (its settings, its audit chain).
    const inAgency: RequestContext = account ? { ...ctx, agencyId: account.agencyId } : ctx;
    if (!account || !passwordMatches || account.status !== 'active' || !found.agencyActive) {
      await inTransaction(this.db, inAgency, async (uow) => {
        await recordLoginFailure(uow.tx, keys);
        uow.audit({
          action: 'auth.login',
          entityType: 'session',
          outcome: 'failure',
          actorId: account?.id ?? null,
          entityId: account?.id ?? null,
          details: {
            reason: !account
              ? 'unknown_account'
              : !passwordMatches
                ? 'wrong_password'
                : !found.agencyActive
                  ? 'agency_inactive'
                  : 'account_disabled',
          },
        });
      });
      throw new DomainError('invalid_credentials', INVALID_CREDENTIALS);
    }
    const temporary = account.temporaryPasswordExpiresAt
      ? { expiresAt: account.temporaryPasswordExpiresAt, usedAt: account.temporaryPasswordUsedAt }
      : null;
    const refusal = temporary && temporaryPasswordRefusal(temporary, new Date());
    if (refusal) {
      await inTransaction(this.db, inAgency, async (uow) =>
        uow.audit({
          action: 'auth.login',
          entityType: 'session',
          outcome: 'failure',
          actorId: account.id,
          entityId: account.id,
          details: { reason: refusal },
        }),
      );
      throw new DomainError('temporary_password_expired', TEMPORARY_PASSWORD_SPENT);
    }
    const rehashed = needsRehash(account.passwordHash) ? await hashPassword(password) : null;
    return inTransaction(this.db, inAgency, async (uow) => {
      // Only this address's count: the account's and the address's keep counting down, or a
      // sign-in between guesses would give an attacker fresh attempts.
      await clearFailures(uow.tx, keys.pair);
      if (rehashed) await uow.tx.update(staff).set({ passwordHash: rehashed }).where(eq(staff.id, account.id));
      if (temporary) {
        // It works once: of two sign-ins racing with it, only one claims it.
        const claimed = await uow.tx
          .update(staff)
          .set({ temporaryPasswordUsedAt: new Date() })
          .where(and(eq(staff.id, account.id), isNull(staff.temporaryPasswordUsedAt), sql`${staff.temporaryPasswordExpiresAt} > now()`))
          .returning({ id: staff.id });
        if (claimed.length === 0) throw new DomainError('temporary_password_expired', TEMPORARY_PASSWORD_SPENT);
      }
      const required = await mfaRequiredRoles(uow.tx);
      const state = nextSessionState({
        mfaEnrolled: account.totpSecret !== null,
        mfaVerified: false,
        mfaRequiredForRole: (account.roles as Role[]).some((r) => required.includes(r)),
        temporaryPassword: temporary !== null,
      });
      if (state === 'complete') await uow.tx.update(staff).set({ lastLoginAt: new Date() }).where(eq(staff.id, account.id));
      const token = await createSession(uow.tx, account.id, state, inAgency.clientIp);
      uow.audit({
        action: 'auth.login',
        entityType: 'session',
        actorId: account.id,
        entityId: account.id,
        details: temporary ? { state, temporaryPassword: true } : { state },
      });
      return { token, state };
    });
  }

  /** The session's next sign-in step, from the account as it is now; `complete` records the sign-in. */
  private async advance(uow: UnitOfWork, session: ActiveSession, mfaVerified: boolean): Promise<{ token: string; state: SessionState }> {
    const [row] = await uow.tx
      .select({ totpSecret: staff.totpSecret, roles: staff.roles, temporaryPasswordExpiresAt: staff.temporaryPasswordExpiresAt })
      .from(staff)
      .where(eq(staff.id, session.actor.id));
    const required = await mfaRequiredRoles(uow.tx);
    const state = nextSessionState({
      mfaEnrolled: row?.totpSecret != null,
      mfaVerified,
      mfaRequiredForRole: ((row?.roles ?? []) as Role[]).some((r) => required.includes(r)),
      temporaryPassword: row?.temporaryPasswordExpiresAt != null,
    });
    if (state === 'complete') await uow.tx.update(staff).set({ lastLoginAt: new Date() }).where(eq(staff.id, session.actor.id));
    return { token: await rotateSession(uow.tx, session.tokenHash, state), state };
  }

  /** Second factor at sign-in. Each code works once; codes are throttled like passwords. */
  async verifyMfa(ctx: RequestContext, session: ActiveSession, code: string): Promise<{ token: string; state: SessionState }> {
    if (session.state !== 'mfa_required') throw new DomainError('forbidden', 'This session is not waiting for a code');
    const key = `mfa:${session.actor.id}`;
    const wait = await secondsBlocked(this.db, [key]);
    if (wait > 0) throw tooManyAttempts(wait);
    return inTransaction(this.db, ctx, async (uow) => {
      const accepted = await this.consumeTotp(uow, session.actor.id, code, 'active');
      if (!accepted) {
        await recordFailure(this.db, key, mfaRule);
        uow.auditDenied({ action: 'auth.mfa_verify', entityType: 'session', entityId: session.actor.id, outcome: 'failure' });
        throw new DomainError('invalid_mfa_code', 'The code is not valid', [
          { field: 'code', code: 'wrong_code', message: 'The code is wrong, expired or already used' },
        ]);
      }
      await clearFailures(uow.tx, key);
      uow.audit({ action: 'auth.mfa_verify', entityType: 'session', entityId: session.actor.id });
      return this.advance(uow, session, true);
    });
  }

  /** Checks a code against the active or pending secret and records its time step so it cannot be replayed. */
  private async consumeTotp(uow: UnitOfWork, staffId: string, code: string, which: 'active' | 'pending'): Promise<boolean> {
    const [row] = await uow.tx
      .select({ active: staff.totpSecret, pending: staff.totpPendingSecret, lastStep: staff.totpLastStep })
      .from(staff)
      .where(eq(staff.id, staffId))
      .for('update');
    const secret = which === 'active' ? row?.active : row?.pending;
    if (!row || !secret) return false;
    const step = matchingTotpStep(secret, code);
    if (step === null || (row.lastStep !== null && step <= row.lastStep)) return false;
    await uow.tx.update(staff).set({ totpLastStep: step }).where(eq(staff.id, staffId));
    return true;
  }

  /** Starts MFA enrolment: a new 160-bit secret, kept pending until a code from it is confirmed. */
  async startMfaEnrolment(
    ctx: RequestContext,
    session: ActiveSession,
    currentPassword: string | null,
  ): Promise<{ secret: string; otpauthUri: string; qrSvg: string }> {
    assertMayEnrol(session);
    if (session.state === 'complete') await this.assertCurrentPassword(session.actor.id, currentPassword);
    const secret = new OTPAuth.Secret({ size: 20 }).base32;
    await inTransaction(this.db, ctx, async (uow) => {
      await uow.tx.update(staff).set({ totpPendingSecret: secret }).where(eq(staff.id, session.actor.id));
      uow.audit({ action: 'auth.mfa_enrolment_started', entityType: 'staff', entityId: session.actor.id });
    });
    const otpauthUri = totpFor(secret, session.email).toString();
    const qrSvg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { secret, otpauthUri, qrSvg };
  }

  /** Confirms enrolment with a code from the pending secret. Returns a new token when the session was waiting for enrolment. */
  async confirmMfaEnrolment(
    ctx: RequestContext,
    session: ActiveSession,
    code: string,
  ): Promise<{ token: string; state: SessionState } | null> {
    assertMayEnrol(session);
    return inTransaction(this.db, ctx, async (uow) => {
      const accepted = await this.consumeTotp(uow, session.actor.id, code, 'pending');
      if (!accepted)
        throw new DomainError('invalid_mfa_code', 'The code is not valid', [
          { field: 'code', code: 'wrong_code', message: 'The code is wrong or expired' },
        ]);
      await uow.tx
        .update(staff)
        .set({
          totpSecret: sql`${staff.totpPendingSecret}`,
          totpPendingSecret: null,
          version: sql`${staff.version} + 1`,
          updatedAt: new Date(),
        })
        .where(eq(staff.id, session.actor.id));
      uow.audit({ action: 'auth.mfa_enabled', entityType: 'staff', entityId: session.actor.id });
      await endAllSessionsOf(uow.tx, session.actor.id, session.tokenHash);
      return session.state === 'mfa_enrolment_required' ? this.advance(uow, session, true) : null;
    });
  }

  async disableMfa(ctx: RequestContext, session: ActiveSession, currentPassword: string): Promise<void> {
    await this.assertCurrentPassword(session.actor.id, currentPassword);
    await inTransaction(this.db, ctx, async (uow) => {
      const required = await mfaRequiredRoles(uow.tx);
      if (session.actor.roles.some((r) => required.includes(r))) {
        throw new DomainError('mfa_required_for_role', 'Your role requires two-step verification; it cannot be turned off');
      }
      await uow.tx
        .update(staff)
        .set({ totpSecret: null, totpPendingSecret: null, version: sql`${staff.version} + 1`, updatedAt: new Date() })
        .where(eq(staff.id, session.actor.id));
      uow.audit({ action: 'auth.mfa_disabled', entityType: 'staff', entityId: session.actor.id });
    });
  }

  /** Changes the password and ends every other session of the account. */
  async changePassword(ctx: RequestContext, session: ActiveSession, currentPassword: string, newPassword: string): Promise<void> {
    await this.assertCurrentPassword(session.actor.id, currentPassword);
    await assertAcceptablePassword('newPassword', newPassword, session.email);
    const phc = await hashPassword(newPassword);
    await inTransaction(this.db, ctx, async (uow) => {
      await uow.tx
        .update(staff)
        .set({ passwordHash: phc, version: sql`${staff.version} + 1`, updatedAt: new Date() })
        .where(eq(staff.id, session.actor.id));
      await endAllSessionsOf(uow.tx, session.actor.id, session.tokenHash);
      uow.audit({ action: 'auth.password_changed', entityType: 'staff', entityId: session.actor.id });
    });
  }

  /**
   * The step after signing in with a temporary password: a password of one's own replaces it, the
   * account's other sessions end, and signing in goes on (to enrolment, where the role requires it).
   */
  async setNewPassword(ctx: RequestContext, session: ActiveSession, newPassword: string): Promise<{ token: string; state: SessionState }> {
    if (session.state !== 'password_change_required') throw new DomainError('forbidden', 'This session is not waiting for a new password');
    await assertAcceptablePassword('newPassword', newPassword, session.email);
    const [row] = await this.db.select({ hash: staff.passwordHash }).from(staff).where(eq(staff.id, session.actor.id));
    if (row && (await verifyPassword(row.hash, newPassword))) {
      throw invalidField('newPassword', 'same_as_temporary', 'Choose a password of your own, not the temporary one');
    }
    const phc = await hashPassword(newPassword);
    return inTransaction(this.db, ctx, async (uow) => {
      await uow.tx
        .update(staff)
        .set({
          passwordHash: phc,
          temporaryPasswordExpiresAt: null,
          temporaryPasswordUsedAt: null,
          version: sql`${staff.version} + 1`,
          updatedAt: new Date(),
        })
        .where(eq(staff.id, session.actor.id));
      await endAllSessionsOf(uow.tx, session.actor.id, session.tokenHash);
      uow.audit({ action: 'auth.password_changed', entityType: 'staff', entityId: session.actor.id, details: { replaced: 'temporary' } });
      // A session in this state has answered its second factor already, if the account has one.
      return this.advance(uow, session, true);
    });
  }

  /** When and by whom the account's password and second factor were last reset. */
  async accountSecurity(session: ActiveSession): Promise<AccountSecurity> {
    const passwordResetter = alias(staff, 'password_resetter');
    const mfaResetter = alias(staff, 'mfa_resetter');
    const [row] = await this.db
      .select({
        passwordResetAt: staff.passwordResetAt,
        passwordResetBy: passwordResetter.displayName,
        mfaResetAt: staff.mfaResetAt,
        mfaResetBy: mfaResetter.displayName,
      })
      .from(staff)
      .leftJoin(passwordResetter, eq(passwordResetter.id, staff.passwordResetBy))
      .leftJoin(mfaResetter, eq(mfaResetter.id, staff.mfaResetBy))
      .where(eq(staff.id, session.actor.id));
    const notice = (at: Date | null | undefined, byName: string | null | undefined) =>
      at ? { at: at.toISOString(), byName: byName ?? '' } : null;
    return { passwordReset: notice(row?.passwordResetAt, row?.passwordResetBy), mfaReset: notice(row?.mfaResetAt, row?.mfaResetBy) };
  }

  async logout(ctx: RequestContext, session: ActiveSession): Promise<void> {
    await inTransaction(this.db, ctx, async (uow) => {
      await endSession(uow.tx, session.tokenHash);
      uow.audit({ action: 'auth.logout', entityType: 'session', entityId: session.actor.id });
    });
  }

  private async assertCurrentPassword(staffId: string, currentPassword: string | null): Promise<void> {
    const [row] = await this.db.select({ hash: staff.passwordHash }).from(staff).where(eq(staff.id, staffId));
    if (!row || currentPassword === null || !(await verifyPassword(row.hash, currentPassword))) {
      throw new DomainError('invalid_credentials', 'The current password is incorrect', [
        { field: 'currentPassword', code: 'wrong_password', message: 'The current password is incorrect' },
      ]);
    }
  }

  // ---- first administrator -------------------------------------------------------------------

  async hasAdministrator(): Promise<boolean> {
    const result = await this.db.execute(sql`SELECT 1 FROM staff WHERE 'administrator' = ANY(roles) AND status = 'active' LIMIT 1`);
    return result.rows.length > 0;
  }

  /** A one-time setup token valid for an hour, while no administrator exists. */
  async issueSetupToken(): Promise<string | null> {
    if (await this.hasAdministrator()) return null;
    const token = randomBytes(32).toString('base64url');
    await this.db
      .insert(setupTokens)
      .values({ tokenHash: createHash('sha256').update(token).digest('hex'), expiresAt: new Date(Date.now() + 60 * 60 * 1000) });
    return token;
  }

  async completeSetup(
    ctx: RequestContext,
    token: string,
    input: { email: string; displayName: string; password: string },
  ): Promise<string> {
    await assertAcceptablePassword('password', input.password, input.email);
    const phc = await hashPassword(input.password);
    return inTransaction(this.db, { ...ctx, agencyId: INSTALLATION_AGENCY }, async (uow) => {
      const hash = createHash('sha256').update(token).digest('hex');
      const used = await uow.tx
        .update(setupTokens)
        .set({ usedAt: new Date() })
        .where(and(eq(setupTokens.tokenHash, hash), isNull(setupTokens.usedAt), sql`${setupTokens.expiresAt} > now()`))
        .returning({ hash: setupTokens.tokenHash });
      if (used.length === 0) throw new DomainError('setup_token_invalid', 'This setup link is invalid, used or expired');
      await uow.tx.execute(sql`LOCK TABLE staff IN SHARE ROW EXCLUSIVE MODE`);
      if ((await uow.tx.execute(sql`SELECT 1 FROM staff WHERE 'administrator' = ANY(roles) LIMIT 1`)).rows.length > 0) {
        throw new DomainError('setup_already_done', 'An administrator already exists');
      }
      return this.insertAdministrator(uow, input.email, input.displayName, phc, ['administrator', 'platform_administrator']);
    });
  }

  /** For `tillit admin create`: the first (or a further) administrator of the installation's own agency, from the command line. */
  async createAdministrator(ctx: RequestContext, input: { email: string; displayName: string; password: string }): Promise<string> {
    await assertAcceptablePassword('password', input.password, input.email);
    const phc = await hashPassword(input.password);
    return inTransaction(this.db, { ...ctx, agencyId: INSTALLATION_AGENCY }, (uow) =>
      this.insertAdministrator(uow, input.email, input.displayName, phc, ['administrator']),
    );
  }

  private async insertAdministrator(uow: UnitOfWork, email: string, displayName: string, phc: string, roles: Role[]): Promise<string> {
    const [row] = await uow.tx
      .insert(staff)
      .values({ email, displayName, passwordHash: phc, roles })
      .onConflictDoNothing()
      .returning({ id: staff.id });
    if (!row)
      throw new DomainError('already_exists', 'A staff member with this e-mail address already exists', [
        { field: 'email', code: 'already_in_use', message: 'Already in use' },
      ]);
    uow.audit({ action: 'staff.create', entityType: 'staff', entityId: row.id, details: { roles } });
    return row.id;
  }
}
