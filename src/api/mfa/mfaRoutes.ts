import { toString as qrCode } from 'qrcode';
import { notFound, unauthorized } from '../../domain/shared/domainError';
import { sessionBody } from '../users/sessionBody';
import { sessionResponse } from '../users/userViews';
import type { UserView } from '../../projections/users/usersProjection';
import { USERS } from '../../projections/users/usersProjection';
import type { ApiServices } from '../apiServices';
import { NO_STORE } from '../http/secretAnswer';
import type { Route } from '../http/route';
import { route } from '../http/route';
import {
  mfaStatusResponse,
  mfaVerifyInput,
  recoveryCodesResponse,
  secondFactorInput,
  totpCodeInput,
  totpEnrollmentResponse,
  verifiedResponse,
  verifyCodeInput,
} from './mfaSchemas';

const WRONG_CODE = { description: 'Wrong or already used code (recorded as user.mfa_failed)' };
const LOCKED = { description: 'Too many wrong codes: locked for 5 minutes (Retry-After)' };

/** A user's own second factors (a login session only: no API or OAuth token manages them), and the seed's /auth/verify. */
export function mfaRoutes(services: ApiServices): Route[] {
  const { totp, secondFactor, mfaTokens, sessions, accessTokens } = services;

  return [
    route({
      method: 'post',
      path: '/auth/mfa/verify',
      tag: 'auth',
      access: 'public',
      summary: "A login's second step: the mfa_token the password step answered, and a TOTP code or a recovery code",
      body: mfaVerifyInput,
      responses: {
        200: { description: 'A new session', schema: sessionResponse },
        401: {
          description:
            'Wrong or already used code (recorded as user.mfa_failed), or an mfa_token that is invalid, expired, already used or from before a password change',
        },
        409: { description: 'The same mfa_token was used by another request at the same moment' },
        429: LOCKED,
      },
      async handler({ body, metadata }) {
        const pending = await mfaTokens.pendingLoginOf(body.mfa_token);
        if (pending === null) throw unauthorized('the mfa_token is not valid or has expired; log in again');
        const proof = { code: body.code, recoveryCode: body.recovery_code };
        const session = await sessions.completeLogin(
          pending,
          (sessionId) => secondFactor.verify(pending.userId, proof, sessionId, metadata),
          metadata,
        );
        return { status: 200, body: await sessionBody(accessTokens, session), position: session.position, headers: NO_STORE };
      },
    }),
    route({
      method: 'get',
      path: '/auth/mfa',
      tag: 'auth',
      access: 'session',
      summary: 'Your second factors: whether TOTP is on, and how many recovery codes are left',
      responses: { 200: { description: 'Second-factor status', schema: mfaStatusResponse } },
      async handler({ principal }) {
        const status = await totp.status(principal.userId);
        const view = await services.readStore.get<UserView>(USERS, principal.userId);
        const enrolledAt = status.enabled ? (view?.mfa_enabled_at ?? null) : null;
        return {
          status: 200,
          body: {
            totp: { enabled: status.enabled, pending: status.pending, enrolled_at: enrolledAt },
            recovery_codes_remaining: status.recoveryCodesRemaining,
          },
        };
      },
    }),
    route({
      method: 'post',
      path: '/auth/mfa/totp',
      tag: 'auth',
      access: 'session',
      summary: 'Begin TOTP enrollment: a new secret, its otpauth URI and QR code (again before confirming replaces it)',
      responses: {
        201: { description: 'The secret, shown this once', schema: totpEnrollmentResponse },
        409: { description: 'TOTP is already enabled' },
      },
      async handler({ principal, metadata }) {
        const started = await totp.start(principal.userId, metadata);
        const body = { secret: started.secret, otpauth_uri: started.otpauthUri, qr_svg: await qrCode(started.otpauthUri, { type: 'svg' }) };
        return { status: 201, body, position: started.position, headers: NO_STORE };
      },
    }),
    route({
      method: 'post',
      path: '/auth/mfa/totp/confirm',
      tag: 'auth',
      access: 'session',
      summary: 'Turn TOTP on with a code of the new secret; answers 10 single-use recovery codes, shown this once',
      body: totpCodeInput,
      responses: {
        200: { description: 'TOTP is on', schema: recoveryCodesResponse },
        401: WRONG_CODE,
        409: { description: 'No enrollment to confirm, or TOTP already on' },
        429: LOCKED,
      },
      async handler({ principal, body, metadata }) {
        const issued = await totp.confirm(principal.userId, body.code, metadata);
        return { status: 200, body: { recovery_codes: issued.recoveryCodes }, position: issued.position, headers: NO_STORE };
      },
    }),
    route({
      method: 'post',
      path: '/auth/mfa/totp/disable',
      tag: 'auth',
      access: 'session',
      summary: 'Turn TOTP off with a current code or a recovery code (sessions already started stay)',
      body: secondFactorInput,
      responses: { 204: { description: 'TOTP is off' }, 401: WRONG_CODE, 409: { description: 'TOTP is not enabled' }, 429: LOCKED },
      async handler({ principal, body, metadata }) {
        const position = await totp.disable(principal.userId, { code: body.code, recoveryCode: body.recovery_code }, metadata);
        return { status: 204, position };
      },
    }),
    route({
      method: 'post',
      path: '/auth/mfa/recovery-codes',
      tag: 'auth',
      access: 'session',
      summary: 'Replace every recovery code with 10 new ones, for a current TOTP code',
      body: totpCodeInput,
      responses: {
        200: { description: 'The new codes, shown this once', schema: recoveryCodesResponse },
        401: WRONG_CODE,
        409: { description: 'TOTP is not enabled' },
        429: LOCKED,
      },
      async handler({ principal, body, metadata }) {
        const issued = await totp.regenerateRecoveryCodes(principal.userId, body.code, metadata);
        return { status: 200, body: { recovery_codes: issued.recoveryCodes }, position: issued.position, headers: NO_STORE };
      },
    }),
    route({
      method: 'post',
      path: '/auth/verify',
      tag: 'auth',
      // Second factors are the account's own security: an API or OAuth token may neither spend nor guess its codes.
      access: 'session',
      summary: 'Check a second-factor code of your own (TOTP, or a one-time code sent by email or SMS); the code is spent',
      body: verifyCodeInput,
      responses: {
        200: { description: 'The code is right', schema: verifiedResponse },
        400: { description: 'Bad input' },
        401: WRONG_CODE,
        403: { description: 'Called with an API or OAuth token: second factors need a login session' },
        404: { description: 'Another user' },
        429: LOCKED,
      },
      async handler({ principal, body, metadata }) {
        const userId = body.user_id ?? principal.userId;
        if (userId !== principal.userId) throw notFound('user not found');
        const position =
          body.method === 'totp'
            ? await secondFactor.verify(userId, { code: body.code }, null, metadata)
            : await services.otpCodes.verify(userId, body.method, body.code, metadata);
        return { status: 200, body: { verified: true, user_id: userId, timestamp: new Date().toISOString() }, position };
      },
    }),
  ];
}
