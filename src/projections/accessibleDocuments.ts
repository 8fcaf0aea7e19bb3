import type { AccessAction, Actor, Grant, GuardedResource } from '../domain/access/accessPolicy';
import { accessVerdict, isGrantLive, requireAccess } from '../domain/access/accessPolicy';
import type { Document, ReadStore } from '../ports/readStore';
import type { AccessRow } from './access/accessRows';
import { ACCESS, accessKeyOf } from './access/accessRows';

/** A read-model row of something a user owns; read models hold live resources only. */
export interface OwnedDocument extends Document {
  owner_id: string;
}

/** The grants an access row gives its principal at `now`: one per source, those past their expiry left out. */
const grantsOf = (access: AccessRow | null, now: Date): Grant[] =>
  access === null
    ? []
    : access.sources
        .map((source) => ({
          principalId: access.principal_id,
          permission: source.permission,
          via: source.via,
          expiresAt: source.expires_at,
        }))
        .filter((grant) => isGrantLive(grant, now));

/**
 * A row as the access policy sees it: a missing row is a resource that does not exist, or no longer does.
 * `access` is the row of what one non-owner reaches it through (absent for the owner, or for someone it is not shared with).
 */
export const documentResource = (view: OwnedDocument | null, access: AccessRow | null = null, now = new Date()): GuardedResource => ({
  live: view !== null,
  ownerId: view?.owner_id ?? null,
  grants: grantsOf(access, now),
});

/** The access policy's view of a row for this actor: a non-owner's `access` row is read, never cached. */
async function guardedFor(readStore: ReadStore, actor: Actor, id: string, view: OwnedDocument | null, now: Date): Promise<GuardedResource> {
  const access = view && view.owner_id !== actor.userId ? await readStore.get<AccessRow>(ACCESS, accessKeyOf(id, actor.userId)) : null;
  return documentResource(view, access, now);
}

/** Whether the actor may see what a row stands for (its owner, or someone it is shared with, unexpired). */
export async function canSee(readStore: ReadStore, actor: Actor, view: OwnedDocument): Promise<boolean> {
  const now = new Date();
  return accessVerdict(actor, 'see', await guardedFor(readStore, actor, view._id, view, now), now) !== 'invisible';
}

/**
 * The row with this id, if the actor may perform `action` on what it stands for; not found or forbidden
 * otherwise. A non-owner's shares are read from the `access` read model on every call (never cached:
 * a revoke must take effect on the next request), and their expiry is checked now.
 */
export async function findAccessible<T extends OwnedDocument>(
  readStore: ReadStore,
  collection: string,
  noun: string,
  actor: Actor,
  id: string,
  action: AccessAction,
): Promise<T> {
  const view = await readStore.get<T>(collection, id);
  const now = new Date();
  requireAccess(actor, action, await guardedFor(readStore, actor, id, view, now), noun, now);
  return view!;
}
