/** Slashes as a path may spell them: repeated, or percent-encoded. */
const SLASHES = '(?:/|%2f)+';

/** A word as a path may spell it: in any case (the pattern is case-insensitive), any letter percent-encoded. */
const spelledAnyWay = (word: string): string => [...word].map((letter) => `(?:${letter}|%${letter.charCodeAt(0).toString(16)})`).join('');

/**
 * A path with a token in it, `/api/v1/public/links/<token>/…` (a public link) or
 * `/api/v1/webhooks/incoming/<token>` (an incoming webhook's receive URL), the `/api/v1` base or not, in
 * every spelling that reaches the request log: Express routes `/Public/LINKS/<token>` and a trailing slash,
 * and paths it does not route (`/public//links/<token>`, `/public%2Flinks/<token>`) are logged all the same.
 * Everything up to the next slash goes, a `%2F` inside the token too.
 */
const tokenAfter = (first: string, second: string): string =>
  `(${SLASHES}${spelledAnyWay(first)}${SLASHES}${spelledAnyWay(second)}${SLASHES})[^/?#]+`;
const TOKEN_IN_PATH = new RegExp(`${tokenAfter('public', 'links')}|${tokenAfter('webhooks', 'incoming')}`, 'gi');

/**
 * The path with a public link's or a receive URL's token replaced by `:token`, for logs and usage records:
 * the token is the only secret of the link or the hook and is never stored, so it must not reach a log line
 * or a request record either.
 */
export const withoutPathTokens = (path: string): string =>
  path.replace(TOKEN_IN_PATH, (_match, link: string | undefined, receive: string | undefined) => `${link ?? receive}:token`);
