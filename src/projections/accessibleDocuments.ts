import type { AccessAction, Actor, GuardedResource } from '../domain/access/accessPolicy';
import { requireAccess } from '../domain/access/accessPolicy';
import type { Document, ReadStore } from '../ports/readStore';

/** A read-model row of something a user owns; read models hold live resources only. */
export interface OwnedDocument extends Document {
  owner_id: string;
}

/** A row as the access policy sees it: a missing row is a resource that does not exist, or no longer does. */
export const documentResource = (view: OwnedDocument | null): GuardedResource => ({
  live: view !== null,
  ownerId: view?.owner_id ?? null,
  grants: [],
});

/** The row with this id, if the actor may perform `action` on what it stands for; not found or forbidden otherwise. */
export async function findAccessible<T extends OwnedDocument>(
  readStore: ReadStore,
  collection: string,
  noun: string,
  actor: Actor,
  id: string,
  action: AccessAction,
): Promise<T> {
  const view = await readStore.get<T>(collection, id);
  requireAccess(actor, action, documentResource(view), noun, new Date());
  return view!;
}
