import type { Actor, Grant, GrantPermission } from '../access/accessPolicy';
import { isGrantLive } from '../access/accessPolicy';
import type { DecideContext } from '../shared/decider';
import { DomainError } from '../shared/domainError';

/** A grant made on the resource itself, as its stream folds it: the share's id is kept for the events that follow. */
export interface ShareGrant extends Grant {
  via: 'direct';
  shareId: string;
}

/** Who a share command gives access to, and how. */
export interface Grantee {
  principalId: string;
  permission: GrantPermission;
  /** ISO time; null never expires. */
  expiresAt: string | null;
}

/** The commands on a shareable resource's grants besides sharing itself (ShareFile, ShareFolder: each decider has its own). */
export type ShareCommand =
  | {
      type: 'RevokeShare';
      actor: Actor;
      principalId: string;
      /** Grants of the folders above, so that a grantee through a folder is refused with 403, not 404. */
      inherited?: readonly Grant[];
    }
  /** Recorded by the system once a grant's expiry has passed; emits nothing if the grant was changed or revoked since. */
  | { type: 'ExpireShare'; principalId: string; expiresAt: string };

/** The grant data every share event of a resource carries (the resource's own id field aside). */
export interface GrantData {
  ownerId: string;
  shareId: string;
  principalId: string;
  permission: GrantPermission;
  expiresAt: string | null;
}

/** What one share command changes, before it is put into the resource kind's own event types. */
export type GrantChange =
  | { kind: 'shared'; grant: GrantData; sharedAt: string }
  | { kind: 'changed'; grant: GrantData; previousPermission: GrantPermission; previousExpiresAt: string | null }
  | { kind: 'revoked'; grant: GrantData; revokedAt: string }
  | { kind: 'expired'; grant: GrantData & { expiresAt: string } };

const grantOf = ({ shareId, principalId, permission, expiresAt }: GrantData): ShareGrant => ({
  shareId,
  principalId,
  permission,
  expiresAt,
  via: 'direct',
});

/** The event type of each change, for one resource kind. */
export type ShareEventTypes<E extends { type: string }> = Record<GrantChange['kind'], E['type']>;

/**
 * Between grant changes and one resource kind's share events, which differ only in their type names
 * and the field that names the resource (the event schemas check what is appended).
 */
export function shareEventMapping<E extends { type: string; data: object }>(types: ShareEventTypes<E>, idField: string) {
  const kindOf = new Map(Object.entries(types).map(([kind, type]) => [type as string, kind as GrantChange['kind']]));
  return {
    toEvent(resourceId: string, change: GrantChange): E {
      const { kind, grant, ...extra } = change;
      return { type: types[kind], data: { [idField]: resourceId, ...grant, ...extra } } as unknown as E;
    },
    /** The change a share event records; null for the kind's other events. */
    toChange(event: E): GrantChange | null {
      const kind = kindOf.get(event.type);
      if (kind === undefined) return null;
      const data = event.data as GrantData & Record<string, string | null>;
      const grant = dataOf(data.ownerId, { ...data, via: 'direct' });
      switch (kind) {
        case 'shared':
          return { kind, grant, sharedAt: data.sharedAt! };
        case 'changed':
          return {
            kind,
            grant,
            previousPermission: data.previousPermission as GrantPermission,
            previousExpiresAt: data.previousExpiresAt ?? null,
          };
        case 'revoked':
          return { kind, grant, revokedAt: data.revokedAt! };
        case 'expired':
          return { kind, grant: { ...grant, expiresAt: data.expiresAt! } };
      }
    },
  };
}

/** The grants after a change: one grant per principal, the latest event's. */
export function evolveGrants(grants: readonly ShareGrant[], change: GrantChange): readonly ShareGrant[] {
  const others = grants.filter((grant) => grant.principalId !== change.grant.principalId);
  return change.kind === 'shared' || change.kind === 'changed' ? [...others, grantOf(change.grant)] : others;
}

const dataOf = (ownerId: string, { shareId, principalId, permission, expiresAt }: ShareGrant): GrantData => ({
  ownerId,
  shareId,
  principalId,
  permission,
  expiresAt,
});

const grantOfPrincipal = (grants: readonly ShareGrant[], principalId: string) => grants.find((grant) => grant.principalId === principalId);

function requireFutureExpiry(expiresAt: string | null, now: Date): void {
  if (expiresAt !== null && Date.parse(expiresAt) <= now.getTime())
    throw new DomainError('invalid', 'expires_at must be in the future', 'expires_at');
}

/**
 * Gives each grantee their grant, in order. The owner is skipped (no event), as is a grantee whose live
 * grant already has this permission and expiry; a grant that has expired is shared anew. The caller has
 * checked that the actor may share.
 */
export function decideShare(
  ownerId: string,
  current: readonly ShareGrant[],
  grantees: readonly Grantee[],
  { now, newId }: DecideContext,
): GrantChange[] {
  const changes: GrantChange[] = [];
  let grants = current;
  for (const { principalId, permission, expiresAt } of grantees) {
    if (principalId === ownerId) continue;
    requireFutureExpiry(expiresAt, now);
    const existing = grantOfPrincipal(grants, principalId);
    let change: GrantChange;
    if (!existing || !isGrantLive(existing, now)) {
      change = { kind: 'shared', grant: { ownerId, shareId: newId(), principalId, permission, expiresAt }, sharedAt: now.toISOString() };
    } else if (existing.permission !== permission || existing.expiresAt !== expiresAt) {
      const grant = { ownerId, shareId: existing.shareId, principalId, permission, expiresAt };
      change = { kind: 'changed', grant, previousPermission: existing.permission, previousExpiresAt: existing.expiresAt };
    } else continue;
    changes.push(change);
    grants = evolveGrants(grants, change);
  }
  return changes;
}

/** Takes a principal's grant away, live or expired; nothing to revoke is no change. The caller has checked the actor. */
export function decideRevoke(ownerId: string, grants: readonly ShareGrant[], principalId: string, now: Date): GrantChange[] {
  const grant = grantOfPrincipal(grants, principalId);
  return grant ? [{ kind: 'revoked', grant: dataOf(ownerId, grant), revokedAt: now.toISOString() }] : [];
}

/** Records that a grant's expiry has passed, only if the grant still has that expiry. */
export function decideExpire(
  ownerId: string,
  grants: readonly ShareGrant[],
  principalId: string,
  expiresAt: string,
  now: Date,
): GrantChange[] {
  const grant = grantOfPrincipal(grants, principalId);
  if (!grant || grant.expiresAt !== expiresAt || isGrantLive(grant, now)) return [];
  return [{ kind: 'expired', grant: { ...dataOf(ownerId, grant), expiresAt } }];
}
