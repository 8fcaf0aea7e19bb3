import { uuidFromName } from '../shared/uuidFromName';

/** An authorization code is good for 60 s, once. */
export const OAUTH_CODE_TTL_MS = 60_000;

/** A refresh token lives 30 days; every use rotates it, so a family in use lives on. */
export const OAUTH_REFRESH_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * The token family a code's redemption starts, derived from the code's hash: the access token minted
 * before the family's first refresh token is recorded already names it, and a spent code presented
 * again finds the family to revoke even after the code itself is forgotten.
 */
export const familyIdOfCode = (codeHash: string): string => uuidFromName(`filora:oauth-family:${codeHash}`);
