import { z } from 'zod';
import { RECOVERY_CODE_COUNT } from '../../commands/mfa/recoveryCodes';

/** The six digits an authenticator app shows. */
const totpCode = z.string().regex(/^\d{6}$/, 'expected the 6 digits your authenticator app shows');
/** `xxxxx-xxxxx` as shown, in any case, the dash optional, spaces around or between the groups (as recoveryCodes.ts normalises). */
const recoveryCode = z
  .string()
  .max(64)
  .regex(/^\s*[A-Za-z2-7]{5}\s*-?\s*[A-Za-z2-7]{5}\s*$/, 'expected a recovery code: xxxxx-xxxxx');

const EXACTLY_ONE = { message: 'give either code or recovery_code', path: ['code'] };
const exactlyOne = (input: { code?: string; recovery_code?: string }) => (input.code === undefined) !== (input.recovery_code === undefined);

export const totpCodeInput = z.strictObject({ code: totpCode });

export const secondFactorInput = z
  .strictObject({ code: totpCode.optional(), recovery_code: recoveryCode.optional() })
  .refine(exactlyOne, EXACTLY_ONE)
  .meta({ minProperties: 1, maxProperties: 1 });

export const mfaVerifyInput = z
  .strictObject({
    mfa_token: z.string().min(1).max(2048).meta({ description: "The login's answer when a second factor is required" }),
    code: totpCode.optional(),
    recovery_code: recoveryCode.optional(),
  })
  .refine(exactlyOne, EXACTLY_ONE)
  .meta({ minProperties: 2, maxProperties: 2 });

export const VERIFY_METHODS = ['totp', 'email', 'sms'] as const;

export const verifyCodeInput = z.strictObject({
  user_id: z.uuid().optional().meta({ description: 'Your own user id (the default); any other answers 404' }),
  method: z.enum(VERIFY_METHODS),
  code: totpCode,
});

export const totpEnrollmentResponse = z
  .object({
    secret: z.string().meta({ description: 'Base32, for typing into an authenticator app; never shown again' }),
    otpauth_uri: z.string().meta({ description: 'otpauth://totp/Filora:<username>?... for scanning' }),
    qr_svg: z.string().meta({ description: 'The otpauth URI as a QR code, an SVG document' }),
  })
  .meta({ id: 'TotpEnrollment' });

export const recoveryCodesResponse = z
  .object({
    recovery_codes: z
      .array(z.string())
      .length(RECOVERY_CODE_COUNT)
      .meta({ description: 'Single-use codes for when the authenticator is lost; shown this once, stored hashed' }),
  })
  .meta({ id: 'RecoveryCodes' });

export const mfaStatusResponse = z
  .object({
    totp: z.object({
      enabled: z.boolean(),
      pending: z.boolean().meta({ description: 'An enrollment begun and not yet confirmed' }),
      enrolled_at: z
        .string()
        .nullable()
        .meta({ description: 'When TOTP was turned on; null while off (read from the read models: pass after_position after a change)' }),
    }),
    recovery_codes_remaining: z.int().min(0),
  })
  .meta({ id: 'MfaStatus' });

export const mfaRequiredResponse = z
  .object({
    mfa_required: z.literal(true),
    mfa_token: z.string().meta({ description: 'Good only for POST /auth/mfa/verify, for expires_in seconds' }),
    methods: z.array(z.enum(['totp', 'recovery_code'])),
    expires_in: z.int().min(1),
  })
  .meta({ id: 'MfaRequired' });

export const verifiedResponse = z
  .object({ verified: z.literal(true), user_id: z.uuid(), timestamp: z.string() })
  .meta({ id: 'SecondFactorVerified' });
