/** A call's request as the signature checks read it: its headers by name (case-insensitive) and its raw body. */
export interface SignedRequest {
  header(name: string): string | undefined;
  body: Buffer;
}

/** Whether a call proved it comes from the sender; when not, why, in words for the sender and the call log. */
export type SignatureCheck = { valid: true } | { valid: false; reason: string };

export const VALID: SignatureCheck = { valid: true };
export const invalid = (reason: string): SignatureCheck => ({ valid: false, reason });
