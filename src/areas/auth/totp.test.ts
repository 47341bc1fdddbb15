import * as OTPAuth from 'otpauth';
import { describe, expect, it } from 'vitest';
import { matchingTotpStep } from './auth.service.ts';

const secret = new OTPAuth.Secret({ size: 20 }).base32;
const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 });

describe('TOTP (RFC 6238)', () => {
  const now = Date.UTC(2026, 10, 23, 12, 0, 15);
  const step = Math.floor(now / 30_000);
  it('accepts the current code and one step either side, naming the step used', () => {
    expect(matchingTotpStep(secret, totp.generate({ timestamp: now }), now)).toBe(step);
    expect(matchingTotpStep(secret, totp.generate({ timestamp: now - 30_000 }), now)).toBe(step - 1);
    expect(matchingTotpStep(secret, totp.generate({ timestamp: now + 30_000 }), now)).toBe(step + 1);
  });
  it('refuses codes two steps away', () => {
    expect(matchingTotpStep(secret, totp.generate({ timestamp: now - 60_000 }), now)).toBeNull();
    expect(matchingTotpStep(secret, totp.generate({ timestamp: now + 60_000 }), now)).toBeNull();
  });
  it('matches the RFC 6238 SHA-1 test vector', () => {
    const rfcSecret = OTPAuth.Secret.fromUTF8('12345678901234567890').base32;
    const rfc = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(rfcSecret), digits: 8, period: 30 });
    expect(rfc.generate({ timestamp: 59_000 })).toBe('94287082');
    expect(matchingTotpStep(rfcSecret, '287082', 59_000)).toBe(1);
  });
});
