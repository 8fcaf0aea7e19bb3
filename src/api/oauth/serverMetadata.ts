import { SCOPES } from '../../domain/access/scopes';
import { originOf } from '../http/requestOrigin';
import { route } from '../http/route';
import type { Route } from '../http/route';
import { OAUTH_GRANT_TYPES } from './oauthModel';
import { servedOAuthPath } from './protocolPaths';
import { PROTOCOL_NO_STORE } from './protocolErrors';
import { serverMetadataResponse } from './protocolSchemas';

export const SERVER_METADATA_PATH = '/.well-known/oauth-authorization-server';

const CLIENT_AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'none'];

/**
 * GET /.well-known/oauth-authorization-server (RFC 8414). The issuer is FILORA_PUBLIC_URL, or else the
 * origin the client reached the server at (as FILORA_TRUST_PROXY lets a proxy tell it); since that one
 * comes from the request's Host, no cache may keep the document and hand it to another client.
 */
export function serverMetadataRoute(): Route {
  return route({
    method: 'get',
    path: SERVER_METADATA_PATH,
    root: true,
    tag: 'oauth',
    access: 'public',
    summary: 'OAuth 2.0 authorization server metadata (RFC 8414): the endpoints, grants, PKCE methods and scopes',
    responses: { 200: { description: 'The metadata (never cached)', schema: serverMetadataResponse } },
    handler: ({ req }) => {
      const issuer = originOf(req);
      return Promise.resolve({
        status: 200,
        headers: { ...PROTOCOL_NO_STORE },
        body: {
          issuer,
          authorization_endpoint: `${issuer}${servedOAuthPath('authorize')}`,
          token_endpoint: `${issuer}${servedOAuthPath('token')}`,
          revocation_endpoint: `${issuer}${servedOAuthPath('revoke')}`,
          response_types_supported: ['code'],
          grant_types_supported: [...OAUTH_GRANT_TYPES],
          code_challenge_methods_supported: ['S256'],
          token_endpoint_auth_methods_supported: CLIENT_AUTH_METHODS,
          revocation_endpoint_auth_methods_supported: CLIENT_AUTH_METHODS,
          scopes_supported: [...SCOPES],
        },
      });
    },
  });
}
