import type { AgreementStatus, CaseAgreementStatus } from './agreement.contract.ts';

/** Who must sign a service agreement before it is in force (seed 004; guardians per seed 002 §3.3). */
export type Signer = 'person' | 'guardian' | 'agency_head';
export type SignatureMethod = 'drawn' | 'scan' | 'paper' | 'electronic';

export function guardianRequired(input: {
  birthDate: string | null;
  legalCapacity: string;
  today: Date;
  guardianRequiredUnderAge: number;
}): boolean {
  if (input.legalCapacity !== 'full') return true;
  if (!input.birthDate) return false;
  const birth = new Date(`${input.birthDate}T00:00:00Z`);
  const age =
    input.today.getUTCFullYear() -
    birth.getUTCFullYear() -
    (input.today.getUTCMonth() < birth.getUTCMonth() ||
    (input.today.getUTCMonth() === birth.getUTCMonth() && input.today.getUTCDate() < birth.getUTCDate())
      ? 1
      : 0);
  return age < input.guardianRequiredUnderAge;
}

export function requiredSigners(guardianNeeded: boolean): Signer[] {
  return guardianNeeded ? ['person', 'guardian', 'agency_head'] : ['person', 'agency_head'];
}

export function missingSigners(required: Signer[], signed: Signer[]): Signer[] {
  return required.filter((s) => !signed.includes(s));
}

export type SignatureProblem = 'image_required' | 'witness_required' | 'agency_head_signs_electronically' | 'not_required';

/** The evidence a person's signature needs: drawn and scanned signatures carry an image; paper needs a witness. */
export function signatureEvidenceProblem(input: {
  method: SignatureMethod;
  hasImage: boolean;
  witnessName: string | null;
}): 'image_required' | 'witness_required' | null {
  if ((input.method === 'drawn' || input.method === 'scan' || input.method === 'electronic') && !input.hasImage) return 'image_required';
  if (input.method === 'paper' && !input.witnessName) return 'witness_required';
  return null;
}

/** Checks one agreement signature against the rules (the agency head signs electronically; others as signatureEvidenceProblem). */
export function checkSignature(input: {
  signer: Signer;
  method: SignatureMethod;
  hasImage: boolean;
  witnessName: string | null;
  required: Signer[];
}): SignatureProblem | null {
  if (!input.required.includes(input.signer)) return 'not_required';
  if (input.signer === 'agency_head') return input.method === 'electronic' ? null : 'agency_head_signs_electronically';
  if (input.method === 'electronic') return 'image_required';
  return signatureEvidenceProblem(input);
}

/**
 * Where a case stands with its service agreement: an agreement in force (signed) counts first;
 * otherwise the newest one says it (awaiting signatures, or terminated); none when none was drawn up.
 */
export function caseAgreementStatus(agreements: readonly { status: AgreementStatus; createdAt: Date }[]): CaseAgreementStatus {
  if (agreements.some((a) => a.status === 'signed')) return 'signed';
  const newest = [...agreements].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  return newest?.status ?? 'none';
}
