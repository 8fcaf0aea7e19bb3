import { z } from 'zod';
import { E164_PHONE } from '../../domain/user/otp/otpRules';
import { otpChannel } from '../../domain/user/userEvents';

const userIdField = z.uuid().optional().meta({ description: "The caller's own user id (the seed's field); another user's is a 404." });

/** `POST /otp/send`: by email to the registered address, or by SMS to the number given. */
export const sendOtpInput = z.discriminatedUnion('method', [
  z.strictObject({ user_id: userIdField, method: z.literal('email') }),
  z.strictObject({
    user_id: userIdField,
    method: z.literal('sms'),
    phone: z.string().regex(E164_PHONE, 'expected a phone number in E.164 form, such as +14155550123'),
  }),
]);

export const sentOtpResponse = z
  .object({
    otp_id: z.uuid(),
    method: otpChannel,
    destination: z.string().meta({ description: 'Where the code went, masked: `a***@example.com`, `+1********23`.' }),
    expires_at: z.string().meta({ description: 'The code works until then (10 minutes), once.' }),
  })
  .meta({ id: 'SentOtp' });
