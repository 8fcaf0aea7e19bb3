import { z } from 'zod';
import { SCOPES } from '../../domain/access/scopes';

/** Every parameter of the OAuth forms is a single short string: a repeated one is an array, refused. */
const param = (max = 2048) => z.string({ error: 'must be given once, as text' }).max(max, `must be at most ${max} characters`);

/** RFC 6749 §4.1.3 and §6, with RFC 7636's code_verifier; client credentials in the form or in Basic. */
export const tokenRequestForm = z
  .looseObject({
    grant_type: z.enum(['authorization_code', 'refresh_token']),
    code: param().optional(),
    redirect_uri: param().optional(),
    code_verifier: param(128).optional(),
    refresh_token: param().optional(),
    scope: param().optional(),
    client_id: param(128).optional(),
    client_secret: param(256).optional(),
  })
  .meta({ id: 'OAuthTokenRequest' });

/** What the token endpoint reads: the parameters it knows, each one string. */
export const tokenParams = z.record(z.string(), param());

export const tokenResponse = z
  .object({
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int().positive().describe('Seconds the access token lives'),
    refresh_token: z.string(),
    scope: z.string().describe('The granted scopes, space-separated'),
  })
  .meta({ id: 'OAuthTokenResponse' });

/** RFC 7009 §2.1. */
export const revocationForm = z
  .strictObject({
    token: param().min(1),
    token_type_hint: z.enum(['access_token', 'refresh_token']).optional(),
    client_id: param(128).optional(),
    client_secret: param(256).optional(),
  })
  .meta({ id: 'OAuthRevocationRequest' });

/** The consent page's form. Fields a browser sends empty count as left out. */
export const consentForm = z
  .strictObject({
    request_token: param(4096).min(1),
    decision: z.enum(['approve', 'deny']),
    username: param(254).optional(),
    password: param(256).optional(),
    sign_in_token: param(4096).optional(),
    code: param(16).optional(),
    recovery_code: param(64).optional(),
  })
  .meta({ id: 'OAuthConsentForm' });
export type ConsentForm = z.infer<typeof consentForm>;

/** The same decision made by a signed-in client (a session's Bearer token) instead of the form. */
export const consentDecisionInput = z.strictObject({
  request_token: param(4096).min(1),
  decision: z.enum(['approve', 'deny']),
});

export const consentRedirect = z.object({ redirect_to: z.string() }).meta({ id: 'OAuthConsentRedirect' });

/** GET /oauth/authorize asked for JSON (Accept: application/json): what the consent page would show. */
export const consentRequestResponse = z
  .object({
    client_id: z.string(),
    app: z.object({ name: z.string(), owner: z.string().nullable() }),
    scopes: z.array(z.object({ scope: z.enum(SCOPES), description: z.string() })),
    redirect_uri: z.string(),
    state: z.string(),
    request_token: z.string().describe('POST it back to /oauth/authorize with the decision'),
    expires_in: z.number().int().positive().describe('Seconds the request token stays valid'),
  })
  .meta({ id: 'OAuthConsentRequest' });

/** RFC 8414 §2. */
export const serverMetadataResponse = z
  .object({
    issuer: z.string(),
    authorization_endpoint: z.string(),
    token_endpoint: z.string(),
    revocation_endpoint: z.string(),
    response_types_supported: z.array(z.string()),
    grant_types_supported: z.array(z.string()),
    code_challenge_methods_supported: z.array(z.string()),
    token_endpoint_auth_methods_supported: z.array(z.string()),
    revocation_endpoint_auth_methods_supported: z.array(z.string()),
    scopes_supported: z.array(z.string()),
  })
  .meta({ id: 'OAuthServerMetadata' });
