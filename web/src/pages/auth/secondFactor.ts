export type SecondFactorMethod = 'totp' | 'recovery_code';

/** What the API takes as a second factor: a code of the authenticator app, or one of the recovery codes. */
export type SecondFactorProof = { code: string } | { recovery_code: string };

export function proofOf(method: SecondFactorMethod, value: string): SecondFactorProof {
  return method === 'totp' ? { code: value.replace(/\s/g, '') } : { recovery_code: value.trim() };
}
