import { describe, expect, it } from 'vitest';
import { assessNewPassword, checkNewPassword, passwordMessage } from './password.rules.ts';

describe('new passwords', async () => {
  it('need at least 8 characters, counted as characters not bytes', async () => {
    expect(await checkNewPassword('short12')).toBe('too_short');
    expect(await checkNewPassword('日本語のパスワ')).toBe('too_short');
    expect(await checkNewPassword('日本語のパスワード')).toBeNull();
  });
  it('accept long passphrases of 128 characters and more, with no composition rules', async () => {
    expect(await checkNewPassword(`${'a'.repeat(5)} plain lowercase words only`)).toBeNull();
    const phrase = 'quiet otters borrow seven lanterns before the harbour wakes, ';
    expect(await checkNewPassword(phrase.repeat(4).slice(0, 200))).toBeNull();
    expect(await checkNewPassword('x'.repeat(257))).toBe('too_long');
  });
  it('refuse the commonest passwords whatever the case', async () => {
    for (const common of ['password', 'PASSWORD1', '12345678', 'qwertyuiop', 'iloveyou'])
      expect(await checkNewPassword(common)).toBe('too_common');
  });
  it('refuse the e-mail address as password', async () => {
    expect(await checkNewPassword('kari.nordmann@example.org', 'Kari.Nordmann@example.org')).toBe('same_as_email');
  });
  it('refuse a password that is easy to guess although long enough and not on the list', async () => {
    for (const weak of ['aaaaaaaaaaaaaaa', 'iloveyou1234', 'x'.repeat(200), 'qwertyqwertyqwerty', 'abcdefghijklmnop'])
      expect(await checkNewPassword(weak), weak).toBe('too_weak');
  });
  it('say why a password is weak, with zxcvbn’s warning and suggestions as stable codes', async () => {
    const verdict = await assessNewPassword('aaaaaaaaaaaaaaa');
    expect(verdict).toEqual({ problem: 'too_weak', hints: ['warning.simpleRepeat', 'suggestion.anotherWord', 'suggestion.repeated'] });
    expect(await passwordMessage(verdict!)).toBe(
      'This password is too easy to guess. Repeated characters like "aaa" are easy to guess. Add more words that are less common. Avoid repeated words and characters.',
    );
    expect((await assessNewPassword('iloveyou1234'))?.hints).toContain('warning.similarToCommon');
  });
  it('count the e-mail address and its parts against a password', async () => {
    expect(await checkNewPassword('nordmann2026', 'kari.nordmann@example.org')).toBe('too_weak');
    expect((await assessNewPassword('nordmann2026', 'kari.nordmann@example.org'))?.hints).toContain('warning.userInputs');
  });
  it('accept the passphrases people choose well', async () => {
    for (const good of [
      'correct horse battery staple',
      'a sturdy administrator passphrase',
      'Fjordhest på tur i regnet',
      'Пётр любит зелёный чай',
    ])
      expect(await checkNewPassword(good), good).toBeNull();
  });
});
