export const SCOPES = ['files.read', 'files.write', 'shares.manage', 'webhooks.manage', 'audit.read'] as const;
export type Scope = (typeof SCOPES)[number];

/** Who is calling: a user through a login session (every scope), or later an API token (its scopes). */
export interface Principal {
  userId: string;
  kind: 'session' | 'token';
  sessionId?: string;
  tokenId?: string;
  scopes: ReadonlySet<Scope>;
  /** Position this principal's credentials were issued at: reads wait for it (read-your-writes). */
  minPosition?: string;
}
