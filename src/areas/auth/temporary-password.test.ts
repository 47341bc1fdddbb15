import { describe, expect, it } from 'vitest';
import { generateTemporaryPassword, TEMPORARY_PASSWORD_ALPHABET } from './temporary-password.ts';

describe('a temporary password', () => {
  it('is four groups of four unambiguous letters and digits', () => {
    expect(generateTemporaryPassword()).toMatch(/^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}$/);
  });

  it('carries at least 78 bits of randomness', () => {
    expect(16 * Math.log2(TEMPORARY_PASSWORD_ALPHABET.length)).toBeGreaterThan(78);
  });

  it('comes out different every time', () => {
    const drawn = new Set(Array.from({ length: 1000 }, generateTemporaryPassword));
    expect(drawn.size).toBe(1000);
  });

  it('uses every character of the alphabet over many draws, so none is stuck or missing', () => {
    const seen = new Set(Array.from({ length: 200 }, generateTemporaryPassword).join('').replaceAll('-', ''));
    expect([...seen].sort().join('')).toBe([...TEMPORARY_PASSWORD_ALPHABET].sort().join(''));
  });
});
