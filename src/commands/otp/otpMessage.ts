import type { Notification } from '../../ports/notifier';
import { OTP_TTL_MS } from '../../domain/user/otp/otpRules';

/** The message that carries a code, by email or SMS (an SMS gateway ignores the subject). */
export const otpMessage = (to: string, code: string): Notification => ({
  to,
  subject: 'Your Filora code',
  text: `Your Filora code is ${code}. It expires in ${OTP_TTL_MS / 60_000} minutes.`,
});
