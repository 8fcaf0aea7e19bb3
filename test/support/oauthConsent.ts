import { createHash, randomBytes } from 'node:crypto';
import { call } from './http';

/** Helpers for the OAuth protocol tests: an app, PKCE, the consent page and its form, the token endpoint, over real HTTP. */

export const REDIRECT_URI = 'http://127.0.0.1:9/callback';

export interface RegisteredApp {
  clientId: string;
  /** null for a public app. */
  secret: string | null;
}

export async function registerApp(
  url: string,
  sessionToken: string,
  settings: { name?: string; scopes?: string[]; client_type?: 'confidential' | 'public'; redirect_uris?: string[] } = {},
): Promise<RegisteredApp> {
  const body = {
    name: settings.name ?? 'Photo Printer',
    redirect_uris: settings.redirect_uris ?? [REDIRECT_URI],
    scopes: settings.scopes ?? ['files.read', 'files.write'],
    ...(settings.client_type ? { client_type: settings.client_type } : {}),
  };
  const created = await call<{ client_id: string; client_secret?: string | null }>(url, 'POST', '/api/v1/oauth/apps', {
    token: sessionToken,
    body,
  });
  if (created.status !== 201) throw new Error(`app registration failed: ${created.status} ${JSON.stringify(created.body)}`);
  return { clientId: created.body.client_id, secret: created.body.client_secret ?? null };
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export const authorizePath = (params: Record<string, string | undefined>): string => {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) query.set(name, value);
  return `/api/v1/oauth/authorize?${query.toString()}`;
};

export interface PageAnswer {
  status: number;
  headers: Headers;
  /** The page (or the JSON text). */
  text: string;
  /** The Location of a redirect, or null. */
  location: string | null;
}

async function answered(response: Response): Promise<PageAnswer> {
  return { status: response.status, headers: response.headers, text: await response.text(), location: response.headers.get('location') };
}

/** A browser's GET of a URL of the server, redirects not followed. */
export const browse = async (url: string, path: string, headers: Record<string, string> = {}): Promise<PageAnswer> =>
  answered(await fetch(`${url}${path}`, { redirect: 'manual', headers: { accept: 'text/html', ...headers } }));

/** A browser's POST of the consent form, redirects not followed. */
export const submitForm = async (
  url: string,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<PageAnswer> =>
  answered(
    await fetch(`${url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
    }),
  );

/** A hidden field's value in a page. */
export function hiddenField(html: string, name: string): string {
  const match = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(html);
  if (!match) throw new Error(`no hidden field ${name} in the page:\n${html}`);
  return match[1]!;
}

export const submitConsent = (url: string, fields: Record<string, string>) => submitForm(url, '/api/v1/oauth/authorize', fields);

/** The query of a redirect to the app. */
export function redirectQuery(location: string | null): URLSearchParams {
  if (!location) throw new Error('no redirect');
  return new URL(location).searchParams;
}

export interface TokenAnswer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** POST /oauth/token or /oauth/revoke as an OAuth client does: a form, with Basic credentials when given. */
export async function oauthPost(
  url: string,
  endpoint: 'token' | 'revoke',
  form: Record<string, string>,
  basic?: RegisteredApp,
): Promise<TokenAnswer> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (basic) headers.authorization = `Basic ${Buffer.from(`${basic.clientId}:${basic.secret ?? ''}`).toString('base64')}`;
  const response = await fetch(`${url}/api/v1/oauth/${endpoint}`, { method: 'POST', headers, body: new URLSearchParams(form).toString() });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/**
 * Runs the browser side up to the code: the consent page, the form signed in with the user's password,
 * the redirect. Answers the redirect's query.
 */
export async function consentTo(
  url: string,
  user: { username: string; password: string },
  params: Record<string, string | undefined>,
): Promise<URLSearchParams> {
  const page = await browse(url, authorizePath({ response_type: 'code', redirect_uri: REDIRECT_URI, ...params }));
  if (page.status !== 200) throw new Error(`consent page: ${page.status} ${page.location ?? ''} ${page.text}`);
  const decided = await submitConsent(url, {
    request_token: hiddenField(page.text, 'request_token'),
    username: user.username,
    password: user.password,
    decision: 'approve',
  });
  if (decided.status !== 302) throw new Error(`consent: ${decided.status} ${decided.text}`);
  return redirectQuery(decided.location);
}
