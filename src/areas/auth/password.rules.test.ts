import { describe, expect, it } from 'vitest';
import { checkNewPassword } from './password.rules.ts';

describe('new passwords', () => {
  it('need at least 8 characters, counted as characters not bytes', () => {
    expect(checkNewPassword('short12')).toBe('too_short');
    expect(checkNewPassword('日本語のパスワ')).toBe('too_short');
    expect(checkNewPassword('日本語のパスワード')).toBeNull();
  });
  it('accept long passphrases of 128 characters and more, with no composition rules', () => {
    expect(checkNewPassword(`${'a'.repeat(5)} plain lowercase words only`)).toBeNull();
    expect(checkNewPassword('x'.repeat(200))).toBeNull();
    expect(checkNewPassword('x'.repeat(257))).toBe('too_long');
  });
  it('refuse the commonest passwords whatever the case', () => {
    for (const common of ['password', 'PASSWORD1', '12345678', 'qwertyuiop', 'iloveyou'])
      expect(checkNewPassword(common)).toBe('too_common');
  });
  it('refuse the e-mail address as password', () => {
    expect(checkNewPassword('kari.nordmann@example.org', 'Kari.Nordmann@example.org')).toBe('same_as_email');
  });
});
