import type { OtpChannel } from '../userEvents';

/** `a***@example.com` */
function maskedEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** `+4*******89`: enough for its owner to recognise, too little to read off. */
const maskedPhone = (phone: string): string => `${phone.slice(0, 2)}${'*'.repeat(Math.max(0, phone.length - 4))}${phone.slice(-2)}`;

/** Where a code went, as it may be shown back (in answers and in the event log). */
export const maskedDestination = (method: OtpChannel, destination: string): string =>
  method === 'email' ? maskedEmail(destination) : maskedPhone(destination);
