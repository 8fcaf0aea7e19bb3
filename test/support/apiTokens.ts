import { call } from './http';

export interface CreatedToken {
  id: string;
  secret: string;
}

/** Creates an API token through the API with a login session's access token; fails the test unless it is 201. */
export async function createToken(url: string, sessionToken: string, settings: Record<string, unknown> = {}): Promise<CreatedToken> {
  const response = await call<{ secret: string; token: { id: string } }>(url, 'POST', '/api/v1/tokens', {
    token: sessionToken,
    body: { name: 'test token', scopes: ['files.read', 'files.write'], ...settings },
  });
  if (response.status !== 201) throw new Error(`token creation failed: ${response.status} ${JSON.stringify(response.body)}`);
  return { id: response.body.token.id, secret: response.body.secret };
}
