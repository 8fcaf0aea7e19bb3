import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as authenticator apps expect it: SHA-1, 6 digits, 30 s steps. */
const PERIOD_SECONDS = 30;
const DIGITS = 6;
const ALGORITHM = 'SHA1';
/** One step either side of now: clocks of phones and servers drift. */
const SKEW_STEPS = 1;
const SECRET_BYTES = 20;
const ISSUER = 'Filora';

const totpOf = (secret: string, label = '') =>
  new TOTP({ issuer: ISSUER, label, secret: Secret.fromBase32(secret), algorithm: ALGORITHM, digits: DIGITS, period: PERIOD_SECONDS });

/** A new TOTP secret, base32 (160 bits, RFC 4226's recommended length). */
export const newTotpSecret = (): string => new Secret({ size: SECRET_BYTES }).base32;

/** The `otpauth://totp/...` URI an authenticator app scans: issuer Filora, the username as the account. */
export const totpUri = (secret: string, username: string): string => totpOf(secret, username).toString();

/** The time step `code` is valid for at `now` (within one step of skew), or null when it matches none. */
export function matchingStep(secret: string, code: string, now: Date): number | null {
  const delta = totpOf(secret).validate({ token: code, timestamp: now.getTime(), window: SKEW_STEPS });
  return delta === null ? null : Math.floor(now.getTime() / 1000 / PERIOD_SECONDS) + delta;
}

/** The code for `at` (tests and the README's examples act as the authenticator app). */
export const totpCodeAt = (secret: string, at: Date): string => totpOf(secret).generate({ timestamp: at.getTime() });
