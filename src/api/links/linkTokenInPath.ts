/** A public link's path, with the token: `/api/v1/public/links/<token>/…` (the `/api/v1` base or not). */
const LINK_TOKEN_IN_PATH = /(\/public\/links\/)[^/?]+/;

/**
 * The path with a public link's token replaced by `:token`, for logs and usage records: the token is the
 * link's only secret and is never stored, so it must not reach a log line or a request record either.
 */
export const withoutLinkToken = (path: string): string => path.replace(LINK_TOKEN_IN_PATH, '$1:token');
