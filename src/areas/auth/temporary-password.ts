import { randomInt } from 'node:crypto';

/** Lower-case letters and digits that are not mistaken for one another when read out or typed (no 0/o, 1/l/i). */
export const TEMPORARY_PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const GROUPS = 4;
const GROUP_LENGTH = 4;

/**
 * A one-time password for an administrator's reset: 16 characters drawn uniformly from the
 * 31-character alphabet by the operating system's CSPRNG (about 79 bits), in groups of four so it
 * can be read out or typed without losing one's place. It works once and expires, and sign-in is
 * throttled, so guessing it is out of reach.
 */
export function generateTemporaryPassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let group = '';
    for (let i = 0; i < GROUP_LENGTH; i++) group += TEMPORARY_PASSWORD_ALPHABET[randomInt(TEMPORARY_PASSWORD_ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}
