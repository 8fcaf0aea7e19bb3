import type { AccessAction, Actor, GuardedResource } from '../../domain/access/accessPolicy';
import { requireAccess } from '../../domain/access/accessPolicy';
import type { ReadStore } from '../../ports/readStore';
import type { FileView } from './fileViews';
import { FILES } from './fileViews';

/** A file's row as the access policy sees it; the read model holds live files only. */
export const fileViewResource = (view: FileView | null): GuardedResource => ({
  live: view !== null,
  ownerId: view?.owner_id ?? null,
  grants: [],
});

/** The file's row, if the actor may perform `action` on it; not found or forbidden otherwise. */
export async function findAccessibleFile(
  readStore: ReadStore,
  actor: Actor,
  fileId: string,
  action: AccessAction = 'see',
): Promise<FileView> {
  const view = await readStore.get<FileView>(FILES, fileId);
  requireAccess(actor, action, fileViewResource(view), 'file');
  return view!;
}
