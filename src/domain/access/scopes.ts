/** What an API token may be allowed to do; a login session holds every scope. */
export const SCOPES = ['files.read', 'files.write', 'shares.manage', 'webhooks.manage', 'audit.read'] as const;
export type Scope = (typeof SCOPES)[number];

export const ALL_SCOPES: ReadonlySet<Scope> = new Set(SCOPES);
