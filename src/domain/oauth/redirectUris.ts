import { writtenAuthority } from '../shared/writtenAuthority';

export const MAX_REDIRECT_URIS = 10;
export const MAX_REDIRECT_URI_LENGTH = 2048;

/** Loopback hosts a native app listens on (RFC 8252 §7.3): the only hosts plain http may redirect to. */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', '[::1]', 'localhost']);

// eslint-disable-next-line no-control-regex
const WHITESPACE_OR_CONTROL = /[\s\u0000-\u001f\u007f]/;

/**
 * Why a redirect URI cannot be registered, or null. The URI is kept as written and matched exactly, so it
 * must mean to a parser what it says to a reader: no whitespace a parser would trim, a host written after
 * `scheme://`, no userinfo (`user@` makes phishing URIs), no fragment (RFC 6749 §3.1.2), and https unless
 * it is a loopback address.
 */
export function redirectUriProblem(uri: string): string | null {
  if (uri.length > MAX_REDIRECT_URI_LENGTH) return `at most ${MAX_REDIRECT_URI_LENGTH} characters`;
  if (WHITESPACE_OR_CONTROL.test(uri)) return 'must not contain whitespace or control characters';
  if (!URL.canParse(uri)) return 'expected an absolute URI, as in https://app.example.com/callback';
  const url = new URL(uri);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'expected an https URI (http only for 127.0.0.1, [::1] or localhost)';
  const authority = writtenAuthority(uri);
  if (!authority) return 'expected a host after the scheme, as in https://app.example.com/callback';
  if (authority.includes('@')) return 'must not hold userinfo (user@)';
  if (uri.includes('#')) return 'must not hold a fragment (#)';
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname))
    return 'http is allowed only for a loopback host (127.0.0.1, [::1], localhost); use https';
  return null;
}
