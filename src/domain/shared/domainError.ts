/** Why a command was refused; the API maps each kind onto its HTTP status. */
export type DomainErrorKind =
  'conflict' | 'not_found' | 'unauthorized' | 'forbidden' | 'invalid' | 'too_large' | 'unavailable' | 'too_many_attempts';

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    /** Field the error is about, for the error envelope's details. */
    readonly field?: string,
    /** For `too_many_attempts`: when the caller may try again. */
    readonly retryAt?: Date,
  ) {
    super(message);
  }
}

export const conflict = (message: string, field?: string) => new DomainError('conflict', message, field);
export const notFound = (message: string) => new DomainError('not_found', message);
export const unauthorized = (message: string) => new DomainError('unauthorized', message);
/** Not the caller's fault and not lasting: the answer asks them to try again shortly. */
export const unavailable = (message: string) => new DomainError('unavailable', message);
/** The caller tried too often (wrong second-factor codes, too many codes sent): refused until `retryAt`. */
export const tooManyAttempts = (message: string, retryAt: Date) => new DomainError('too_many_attempts', message, undefined, retryAt);
