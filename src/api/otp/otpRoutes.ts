import { notFound } from '../../domain/shared/domainError';
import type { ApiServices } from '../apiServices';
import type { Route } from '../http/route';
import { route } from '../http/route';
import { sendOtpInput, sentOtpResponse } from './otpSchemas';

export function otpRoutes({ otpCodes }: ApiServices): Route[] {
  return [
    route({
      method: 'post',
      path: '/otp/send',
      tag: 'auth',
      // A token must not be able to text any number or mail the user in their name: login sessions only.
      access: 'session',
      summary: 'Send yourself a six-digit code by email or SMS, to check with POST /auth/verify',
      body: sendOtpInput,
      responses: {
        202: { description: 'The code is on its way', schema: sentOtpResponse },
        400: { description: 'Bad input, or the channel is not configured on this server' },
        403: { description: 'Called with an API or OAuth token: one-time codes need a login session' },
        404: { description: 'Another user' },
        429: { description: 'Too many codes for this user (5 per 15 minutes) or for this destination (5 per hour)' },
        503: { description: 'The mail server or SMS gateway did not take the message; no code was issued' },
      },
      async handler({ body, principal, metadata }) {
        if (body.user_id !== undefined && body.user_id !== principal.userId) throw notFound('user not found');
        const phone = body.method === 'sms' ? body.phone : undefined;
        const sent = await otpCodes.send(principal.userId, { method: body.method, phone }, metadata);
        const answer = { otp_id: sent.otpId, method: sent.method, destination: sent.destination, expires_at: sent.expiresAt.toISOString() };
        return { status: 202, body: answer, position: sent.position };
      },
    }),
  ];
}
