/** What an API token may be allowed to do; a login session holds every scope. */
export const SCOPES = ['files.read', 'files.write', 'shares.manage', 'webhooks.manage', 'audit.read'] as const;
export type Scope = (typeof SCOPES)[number];

export const ALL_SCOPES: ReadonlySet<Scope> = new Set(SCOPES);

/** Scopes that carry others: a token that may write files may read them (it reads back what it wrote). */
const IMPLIED: Readonly<Partial<Record<Scope, readonly Scope[]>>> = { 'files.write': ['files.read'] };

/** The scopes a credential granted `granted` holds, with those they imply. */
export function heldScopes(granted: readonly string[]): ReadonlySet<Scope> {
  const held = new Set<Scope>();
  for (const scope of SCOPES) if (granted.includes(scope)) for (const each of [scope, ...(IMPLIED[scope] ?? [])]) held.add(each);
  return held;
}
