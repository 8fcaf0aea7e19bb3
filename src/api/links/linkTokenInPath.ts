/** Slashes as a path may spell them: repeated, or percent-encoded. */
const SLASHES = '(?:/|%2f)+';

/** A word as a path may spell it: in any case (the pattern is case-insensitive), any letter percent-encoded. */
const spelledAnyWay = (word: string): string => [...word].map((letter) => `(?:${letter}|%${letter.charCodeAt(0).toString(16)})`).join('');

/**
 * A public link's path, with the token: `/api/v1/public/links/<token>/…` (the `/api/v1` base or not), in
 * every spelling that reaches the request log: Express routes `/Public/LINKS/<token>` and a trailing slash,
 * and paths it does not route (`/public//links/<token>`, `/public%2Flinks/<token>`) are logged all the same.
 * Everything up to the next slash goes, a `%2F` inside the token too.
 */
const LINK_TOKEN_IN_PATH = new RegExp(`(${SLASHES}${spelledAnyWay('public')}${SLASHES}${spelledAnyWay('links')}${SLASHES})[^/?#]+`, 'gi');

/**
 * The path with a public link's token replaced by `:token`, for logs and usage records: the token is the
 * link's only secret and is never stored, so it must not reach a log line or a request record either.
 */
export const withoutLinkToken = (path: string): string => path.replace(LINK_TOKEN_IN_PATH, '$1:token');
