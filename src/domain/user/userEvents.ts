import { z } from 'zod';
import { planName } from './plans';
import { roleName } from './roles';

export const userRegistered = z.object({
  type: z.literal('UserRegistered'),
  data: z.object({
    userId: z.uuid(),
    username: z.string(),
    email: z.string(),
    displayName: z.string(),
    passwordHash: z.string(),
  }),
});

export const userLoggedIn = z.object({
  type: z.literal('UserLoggedIn'),
  data: z.object({ userId: z.uuid(), sessionId: z.uuid() }),
});

export const userProfileChanged = z.object({
  type: z.literal('UserProfileChanged'),
  data: z.object({ userId: z.uuid(), displayName: z.string() }),
});

export const usernameChanged = z.object({
  type: z.literal('UsernameChanged'),
  data: z.object({ userId: z.uuid(), username: z.string(), previousUsername: z.string() }),
});

export const emailChanged = z.object({
  type: z.literal('EmailChanged'),
  data: z.object({ userId: z.uuid(), email: z.string(), previousEmail: z.string() }),
});

export const passwordChanged = z.object({
  type: z.literal('PasswordChanged'),
  data: z.object({ userId: z.uuid(), passwordHash: z.string() }),
});

/** Internal: DESIGN §4 gives it no public name (it still reaches Kafka's filora.user.v1 without one, as logins do). */
export const userPlanChanged = z.object({
  type: z.literal('UserPlanChanged'),
  data: z.object({ userId: z.uuid(), plan: planName, previousPlan: planName.nullable() }),
});

/** Internal, as plan changes are: an operator's `filora users grant <username> admin|auditor`. */
export const userRoleGranted = z.object({
  type: z.literal('UserRoleGranted'),
  data: z.object({ userId: z.uuid(), role: roleName }),
});

/** Internal: `filora users revoke <username> admin|auditor`. */
export const userRoleRevoked = z.object({
  type: z.literal('UserRoleRevoked'),
  data: z.object({ userId: z.uuid(), role: roleName }),
});

/** How a user proved who they are: a completed login's factors, or a second-factor check of its own (`/auth/verify`). */
export const AUTHENTICATION_METHODS = ['password', 'totp', 'recovery_code', 'email', 'sms'] as const;
export const authenticationMethod = z.enum(AUTHENTICATION_METHODS);
export type AuthenticationMethod = z.infer<typeof authenticationMethod>;

/** Second factors whose codes can be wrong, replayed or expired (every method but the password). */
export const SECOND_FACTOR_METHODS = ['totp', 'recovery_code', 'email', 'sms'] as const;
export const secondFactorMethod = z.enum(SECOND_FACTOR_METHODS);
export type SecondFactorMethod = z.infer<typeof secondFactorMethod>;

/** Channels one-time codes are sent by. */
export const OTP_CHANNELS = ['email', 'sms'] as const;
export const otpChannel = z.enum(OTP_CHANNELS);
export type OtpChannel = z.infer<typeof otpChannel>;

/**
 * Public (`user.authenticated`): a login completed (`sessionId` set; `method` is the strongest factor it
 * used) or a second factor was checked on its own (`sessionId` null). Replaces UserLoggedIn for new logins.
 * `totpStep` is the RFC 6238 time step a TOTP code was accepted for (a code is good once per step);
 * `recoveryCodeIndex` the recovery code spent; `otpId` the one-time code spent.
 */
export const userAuthenticated = z.object({
  type: z.literal('UserAuthenticated'),
  data: z.object({
    userId: z.uuid(),
    method: authenticationMethod,
    sessionId: z.uuid().nullable(),
    totpStep: z.number().int().min(0).nullable().default(null),
    recoveryCodeIndex: z.number().int().min(0).nullable().default(null),
    otpId: z.uuid().nullable().default(null),
  }),
});

/** Public (`user.mfa_failed`): a second-factor code was refused. Failures count toward the lockout (secondFactorLockout.ts). */
export const mfaFailed = z.object({
  type: z.literal('MfaFailed'),
  data: z.object({
    userId: z.uuid(),
    method: secondFactorMethod,
    reason: z.enum(['wrong_code', 'replayed_code', 'expired_code']),
    failedAt: z.iso.datetime(),
  }),
});

/** Internal: TOTP enrollment begun; the secret is sealed (it must be read back to check codes), active only once confirmed. */
export const mfaEnrollmentStarted = z.object({
  type: z.literal('MfaEnrollmentStarted'),
  data: z.object({ userId: z.uuid(), method: z.literal('totp'), encryptedSecret: z.string() }),
});

/** Internal: a confirmed enrollment; the recovery codes are kept only as hashes, in the order they were shown. */
export const mfaEnabled = z.object({
  type: z.literal('MfaEnabled'),
  data: z.object({ userId: z.uuid(), method: z.literal('totp'), recoveryCodeHashes: z.array(z.string()) }),
});

export const mfaDisabled = z.object({
  type: z.literal('MfaDisabled'),
  data: z.object({ userId: z.uuid(), method: z.literal('totp') }),
});

/** Internal: a new set of recovery codes replaces every earlier one, spent or not. */
export const mfaRecoveryCodesRegenerated = z.object({
  type: z.literal('MfaRecoveryCodesRegenerated'),
  data: z.object({ userId: z.uuid(), recoveryCodeHashes: z.array(z.string()) }),
});

/**
 * Internal: a one-time code sent by email or SMS. `codeHash` is a keyed hash (a 6-digit code's plain hash
 * could be reversed by trying all of them); `destination` is masked for display, `destinationHash` keyed too.
 */
export const otpCodeSent = z.object({
  type: z.literal('OtpCodeSent'),
  data: z.object({
    userId: z.uuid(),
    otpId: z.uuid(),
    method: otpChannel,
    destination: z.string(),
    destinationHash: z.string(),
    codeHash: z.string(),
    sentAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
  }),
});

export const userEvent = z.discriminatedUnion('type', [
  userRegistered,
  userLoggedIn,
  userProfileChanged,
  usernameChanged,
  emailChanged,
  passwordChanged,
  userPlanChanged,
  userRoleGranted,
  userRoleRevoked,
  userAuthenticated,
  mfaFailed,
  mfaEnrollmentStarted,
  mfaEnabled,
  mfaDisabled,
  mfaRecoveryCodesRegenerated,
  otpCodeSent,
]);

export type UserEvent = z.infer<typeof userEvent>;
export type UserRegistered = z.infer<typeof userRegistered>;
