import os from 'node:os';
import { hash, parseOptions, verify } from '@node-rs/argon2';
import pLimit from 'p-limit';

/** argon2id with OWASP's parameters (19 MiB, t=2, p=1). Raising them re-hashes passwords at the next login. */
export const argon2Parameters = { algorithm: 2 /* Argon2id */, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

/**
 * Each hash holds its 19 MiB while it runs, on libuv's threads (four by default). More hashes at
 * once than cores would finish none sooner, so they wait their turn instead of all holding memory.
 */
const oneHashPerCore = pLimit(os.availableParallelism());

export function hashPassword(password: string): Promise<string> {
  return oneHashPerCore(() => hash(password, argon2Parameters));
}

export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await oneHashPerCore(() => verify(phc, password));
  } catch {
    return false;
  }
}

export function needsRehash(phc: string): boolean {
  try {
    const options = parseOptions(phc);
    return (
      !phc.startsWith('$argon2id$') ||
      options.memoryCost < argon2Parameters.memoryCost ||
      options.timeCost < argon2Parameters.timeCost ||
      options.parallelism !== argon2Parameters.parallelism
    );
  } catch {
    return true;
  }
}

/** Verified against when the account does not exist, so both paths take the same time. */
let decoyHash: Promise<string> | null = null;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword('decoy password that matches nothing');
  return decoyHash;
}
