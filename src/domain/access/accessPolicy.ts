import { DomainError, notFound } from '../shared/domainError';
import type { Scope } from './scopes';

/** What a principal may try to do to a resource. */
export type AccessAction = 'see' | 'read' | 'write' | 'delete' | 'share' | 'manage' | 'manage_webhooks';

/** Who is acting: a user, limited to the scopes of the credential they act with. */
export interface Actor {
  userId: string;
  scopes: ReadonlySet<Scope>;
}

/** A level a grant gives; `download` and `edit` are the seeds' names for `read` and `write`. */
export type GrantPermission = 'view' | 'read' | 'download' | 'write' | 'edit';

/**
 * Access given to someone other than the owner. `via` says where it comes from: the resource itself,
 * a folder above it, or a public link (whose holder is the link's principal id).
 */
export interface Grant {
  principalId: string;
  permission: GrantPermission;
  via: 'direct' | 'folder' | 'link';
  /** When the grant stops working (ISO time), checked at access time; null never. */
  expiresAt: string | null;
}

/** What the policy needs to know of a resource, whichever store it was read from. */
export interface GuardedResource {
  /** Exists and is not deleted. */
  live: boolean;
  ownerId: string | null;
  grants: readonly Grant[];
}

/** The state an aggregate folds to, as far as access goes; grants are absent until the aggregate can be shared. */
export interface OwnedState {
  exists: boolean;
  deleted: boolean;
  ownerId: string | null;
  grants?: readonly Grant[];
}

/** The resource as the policy sees it; `inherited` are the grants of the folders above it (`via: 'folder'`). */
export const resourceOf = (state: OwnedState, inherited: readonly Grant[] = []): GuardedResource => ({
  live: state.exists && !state.deleted,
  ownerId: state.ownerId,
  grants: inherited.length === 0 ? (state.grants ?? []) : [...(state.grants ?? []), ...inherited],
});

/** A grant works until its expiry: at `expiresAt` itself it no longer does. */
export const isGrantLive = (grant: Pick<Grant, 'expiresAt'>, now: Date): boolean =>
  grant.expiresAt === null || Date.parse(grant.expiresAt) > now.getTime();

export type AccessVerdict = 'allowed' | 'forbidden' | 'invisible';

const OWNER_ACTIONS: ReadonlySet<AccessAction> = new Set(['see', 'read', 'write', 'delete', 'share', 'manage', 'manage_webhooks']);

const GRANTED_ACTIONS: Record<GrantPermission, ReadonlySet<AccessAction>> = {
  view: new Set(['see']),
  read: new Set(['see', 'read']),
  download: new Set(['see', 'read']),
  write: new Set(['see', 'read', 'write']),
  edit: new Set(['see', 'read', 'write']),
};

/** The scope a token needs for each action; a session holds them all. */
const SCOPE_OF_ACTION: Record<AccessAction, Scope> = {
  see: 'files.read',
  read: 'files.read',
  write: 'files.write',
  delete: 'files.write',
  share: 'shares.manage',
  manage: 'files.write',
  manage_webhooks: 'webhooks.manage',
};

function actionsOf(actor: Actor, resource: GuardedResource, now: Date): ReadonlySet<AccessAction> {
  if (resource.ownerId === actor.userId) return OWNER_ACTIONS;
  const actions = new Set<AccessAction>();
  for (const grant of resource.grants) {
    if (grant.principalId === actor.userId && isGrantLive(grant, now))
      for (const action of GRANTED_ACTIONS[grant.permission]) actions.add(action);
  }
  return actions;
}

/**
 * The one access rule. A resource the actor has no access to at all is invisible (404, so ids cannot
 * be probed); one they can see but not act on this way is forbidden (403). A grant past its expiry gives
 * nothing from `now` on, whether or not its ShareExpired event was recorded yet.
 */
export function accessVerdict(actor: Actor, action: AccessAction, resource: GuardedResource, now: Date): AccessVerdict {
  if (!resource.live) return 'invisible';
  const actions = actionsOf(actor, resource, now);
  if (actions.size === 0) return 'invisible';
  if (!actions.has(action) || !actor.scopes.has(SCOPE_OF_ACTION[action])) return 'forbidden';
  return 'allowed';
}

/** Throws not_found or forbidden unless the actor may perform the action; `noun` names the resource in the message. */
export function requireAccess(actor: Actor, action: AccessAction, resource: GuardedResource, noun: string, now: Date): void {
  const verdict = accessVerdict(actor, action, resource, now);
  if (verdict === 'invisible') throw notFound(`${noun} not found`);
  if (verdict === 'forbidden') throw new DomainError('forbidden', `you may not ${action} this ${noun}`);
}

/** A file or folder being moved, as far as where it may go is concerned. */
export interface PlacedEntry {
  kind: 'file' | 'folder';
  ownerId: string | null;
}

/** The field of a move request that names the target folder, for the error envelope. */
const TARGET_FIELD = { file: 'folder_id', folder: 'parent_id' } as const;

/**
 * Throws unless the actor may move an entry into the folder `target`. Writing there is not enough: the
 * folder must be the entry's owner's. An entry keeps its owner wherever it goes, so in another owner's
 * folder it would be hidden from that owner's listings and name claims while the folder's grants and
 * public links reached it. (The root an entry moves to is always its owner's.)
 */
export function requirePlacement(actor: Actor, entry: PlacedEntry, target: GuardedResource, now: Date): void {
  requireAccess(actor, 'write', target, 'folder', now);
  if (target.ownerId !== entry.ownerId)
    throw new DomainError('forbidden', `a ${entry.kind} can only be moved into a folder of its owner`, TARGET_FIELD[entry.kind]);
}

/** Whether a share event about `principalId` is the actor's business: the owner's, and the grantee's it names, no one else's. */
export const seesGrantOf = (actor: Actor, resource: Pick<GuardedResource, 'ownerId'>, principalId: string): boolean =>
  resource.ownerId === actor.userId || principalId === actor.userId;
