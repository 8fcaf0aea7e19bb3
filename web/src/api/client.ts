import { ApiFailure, failureOf, networkFailure } from './failure';
import type { IssuedSession, Session } from './session';
import { sessionStore } from './session';

export const API_BASE = '/api/v1';

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue | readonly string[]>;
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** Send no credentials (sign in, register, public links). */
  anonymous?: boolean;
}

/** The newest event-log position a write of ours answered: reads wait for it, so a list shows what we just did. */
let newestWrittenPosition: string | null = null;

export function notePosition(position: string | null): void {
  if (position !== null && (newestWrittenPosition === null || position > newestWrittenPosition)) newestWrittenPosition = position;
}

export function urlOf(path: string, query: RequestOptions['query'] = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) value.forEach((item) => search.append(name, String(item)));
    else search.set(name, String(value));
  }
  const text = search.toString();
  return `${API_BASE}${path}${text === '' ? '' : `?${text}`}`;
}

let refreshing: Promise<Session | null> | null = null;

/** Runs `task` holding a Web Lock shared by every tab of this origin, and answers what it answers. */
function underLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    navigator.locks.request(name, () => task().then(resolve, reject)).catch(reject);
  });
}

/** Trades the refresh token for new tokens (spending it), unless another tab already did: then its session is used. */
async function exchange(spent: Session): Promise<Session | null> {
  const now = sessionStore.reread();
  if (now === null || now.refreshToken !== spent.refreshToken) return now;
  try {
    const response = await fetch(urlOf('/auth/refresh'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refresh_token: spent.refreshToken }),
    });
    if (!response.ok) {
      sessionStore.clear();
      return null;
    }
    return sessionStore.set((await response.json()) as IssuedSession);
  } catch {
    // Offline: keep the session; the next request tries again.
    return sessionStore.current();
  }
}

/**
 * Renews the session, once however many requests ask at the same time, and once however many tabs do:
 * a refresh token is single use (a second use revokes the session), so tabs take turns under a Web Lock
 * and each re-reads the stored session before spending it. Null when the session is over.
 */
export function refreshSession(): Promise<Session | null> {
  const session = sessionStore.current();
  if (session === null) return Promise.resolve(null);
  refreshing ??= underLock('filora.session-refresh', () => exchange(session)).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** A usable access token: renewed first when it expires within 30 s. */
export async function freshAccessToken(): Promise<string | null> {
  const session = sessionStore.current();
  if (session === null) return null;
  if (session.expiresAt - Date.now() > 30_000) return session.accessToken;
  return (await refreshSession())?.accessToken ?? null;
}

async function send(method: string, path: string, options: RequestOptions, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method === 'GET' && newestWrittenPosition !== null) headers['X-Filora-Min-Position'] = newestWrittenPosition;
  try {
    return await fetch(urlOf(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw networkFailure(error);
  }
}

/**
 * One request to the API: credentials attached (renewed silently when they expire), reads made to wait for
 * our own writes, and any refusal thrown as an ApiFailure from the error envelope.
 */
export async function apiResponse(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const token = options.anonymous ? null : await freshAccessToken();
  let response = await send(method, path, options, token);
  // Only a refused credential is worth renewing: a 401 about something else (a wrong second-factor code) is the answer.
  if (response.status === 401 && token !== null && /^Bearer\b/i.test(response.headers.get('WWW-Authenticate') ?? '')) {
    const renewed = await refreshSession();
    if (renewed !== null) response = await send(method, path, options, renewed.accessToken);
  }
  notePosition(response.headers.get('X-Filora-Position'));
  if (!response.ok) throw failureOf(response.status, response.statusText, await response.text(), response.headers.get('Retry-After'));
  return response;
}

/** A JSON request; resolves to the answer's body (undefined for 204). */
export async function api<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await apiResponse(method, path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export { ApiFailure };
