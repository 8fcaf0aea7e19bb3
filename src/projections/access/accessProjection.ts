import type { RecordedEvent } from '../../ports/eventStore';
import type { ReadStore } from '../../ports/readStore';
import { evolveMatching } from '../evolveDocument';
import type { Projection } from '../projection';
import type { AccessEvent, GrantChange } from './accessEvents';
import { ACCESS_EVENT_TYPES, accessEvent, grantChangeOf } from './accessEvents';
import type { AccessSource, ShareGrantRow, SharedResourceKind } from './accessRows';
import { ACCESS, ACCESS_HISTORY, accessKeyOf, NEVER_EXPIRES, SHARE_GRANTS } from './accessRows';
import type { AccessTreeNode } from './accessTree';
import { ACCESS_TREE, descendantsOf, findAllMatching, listingOf } from './accessTree';
import type { SourcesByPrincipal } from './reachWriter';
import { editReach, inheritedFrom, reachOf, withoutSource, withSource } from './reachWriter';
import { countGrant, SHARE_PAIRS, SHARED_RESOURCES, uncountResource } from './shareCounters';

interface Applied {
  tx: ReadStore;
  position: string;
  /** The event's time (ISO). */
  at: string;
}

const sourcesOf = (reach: Awaited<ReturnType<typeof reachOf>>): SourcesByPrincipal =>
  new Map([...reach].map(([principalId, row]) => [principalId, row.sources]));

/** A principal's sources after `edit`, the others unchanged. */
const editPrincipal =
  (principalId: string, edit: (sources: readonly AccessSource[] | undefined) => AccessSource[]) =>
  (current: SourcesByPrincipal): SourcesByPrincipal =>
    new Map([...current, [principalId, edit(current.get(principalId))]]);

/** A new file or folder: its node, and the reach of everyone its parent folder is shared with. */
async function created(applied: Applied, node: AccessTreeNode): Promise<void> {
  await applied.tx.upsert(ACCESS_TREE, node);
  if (node.parent_id === null) return;
  const inherited = inheritedFrom(sourcesOf(await reachOf(applied.tx, node.parent_id)));
  if (inherited.size > 0) await editReach(applied.tx, node, applied.position, () => inherited);
}

/** The direct shares of a resource take its new listing. */
const relistGrants = (tx: ReadStore, node: AccessTreeNode) =>
  evolveMatching<ShareGrantRow>(tx, SHARE_GRANTS, { resource_id: node._id }, (grant) => grant && { ...grant, ...listingOf(node) });

/** A rename, new content or metadata change: the copies of the listing follow, nobody's reach changes. */
async function relisted(applied: Applied, id: string, change: (node: AccessTreeNode) => AccessTreeNode): Promise<void> {
  const current = await applied.tx.get<AccessTreeNode>(ACCESS_TREE, id);
  if (!current) return;
  const node = change(current);
  await applied.tx.upsert(ACCESS_TREE, node);
  await editReach(applied.tx, node, applied.position, (reach) => reach);
  await relistGrants(applied.tx, node);
}

const sameSharing = (a: SourcesByPrincipal, b: SourcesByPrincipal): boolean => {
  const text = (reach: SourcesByPrincipal) =>
    JSON.stringify(
      [...reach]
        .map(
          ([principalId, sources]) =>
            [principalId, sources.map((source) => [source.from, source.permission, source.expires_at]).sort()] as const,
        )
        .sort(),
    );
  return text(a) === text(b);
};

/**
 * A move: the node gets its new parent. When the folders above it are shared differently than before,
 * the sources inherited from the old ancestors are swapped for the new ones on the node and everything
 * below it; a move within one sharing context rewrites only the node's listing copies.
 */
async function moved(applied: Applied, id: string, parentId: string | null): Promise<void> {
  const { tx, position, at } = applied;
  const current = await tx.get<AccessTreeNode>(ACCESS_TREE, id);
  if (!current) return;
  const node: AccessTreeNode = { ...current, parent_id: parentId, resource_updated_at: at };
  await tx.upsert(ACCESS_TREE, node);
  const oldInherited = new Map<string, AccessSource[]>();
  for (const [principalId, row] of await reachOf(tx, id)) {
    const inherited = row.sources.filter((source) => source.via === 'folder');
    if (inherited.length > 0) oldInherited.set(principalId, inherited);
  }
  const newInherited = parentId === null ? new Map<string, AccessSource[]>() : inheritedFrom(sourcesOf(await reachOf(tx, parentId)));
  const sharingChanged = !sameSharing(oldInherited, newInherited);
  const outside = new Set([...oldInherited.values()].flat().map((source) => source.from));
  const swap = (reach: SourcesByPrincipal): SourcesByPrincipal => {
    if (!sharingChanged) return reach;
    const next = new Map<string, AccessSource[]>();
    for (const [principalId, sources] of reach)
      next.set(
        principalId,
        sources.filter((source) => !(source.via === 'folder' && outside.has(source.from))),
      );
    for (const [principalId, added] of newInherited) next.set(principalId, [...(next.get(principalId) ?? []), ...added]);
    return next;
  };
  await editReach(tx, node, position, swap);
  await relistGrants(tx, node);
  if (sharingChanged && node.kind === 'folder') for (const below of await descendantsOf(tx, id)) await editReach(tx, below, position, swap);
}

/** A deleted file or folder: its node, everyone's reach of it, and its direct shares go. */
async function deleted(applied: Applied, id: string): Promise<void> {
  const { tx, position } = applied;
  const node = await tx.get<AccessTreeNode>(ACCESS_TREE, id);
  if (!node) return;
  await editReach(tx, node, position, () => new Map());
  const grants = await findAllMatching<ShareGrantRow>(tx, SHARE_GRANTS, { resource_id: id });
  for (const grant of grants) await tx.delete(SHARE_GRANTS, grant._id);
  await uncountResource(
    tx,
    id,
    grants.map((grant) => ({
      ownerId: grant.owner_id,
      principalId: grant.principal_id,
      resourceId: id,
      resourceKind: grant.resource_kind,
    })),
  );
  await tx.delete(ACCESS_TREE, id);
}

/** A share, a new permission or expiry, a revoke or an expiry: the grant row, its counts, and the reach of the resource and all below it. */
async function grantChanged(applied: Applied, grant: GrantChange): Promise<void> {
  const { tx, position, at } = applied;
  const node = await tx.get<AccessTreeNode>(ACCESS_TREE, grant.resourceId);
  if (!node) return;
  const key = accessKeyOf(grant.resourceId, grant.principalId);
  const existing = await tx.get<ShareGrantRow>(SHARE_GRANTS, key);
  const counted = {
    ownerId: grant.ownerId,
    principalId: grant.principalId,
    resourceId: grant.resourceId,
    resourceKind: grant.resourceKind,
  };
  if (grant.change === 'ended') {
    if (existing) {
      await tx.delete(SHARE_GRANTS, key);
      await countGrant(tx, counted, -1);
    }
  } else {
    const row: ShareGrantRow = {
      _id: key,
      share_id: grant.shareId,
      resource_kind: grant.resourceKind,
      resource_id: grant.resourceId,
      owner_id: grant.ownerId,
      principal_id: grant.principalId,
      permission: grant.permission,
      expires_at: grant.expiresAt,
      active_until: grant.expiresAt ?? NEVER_EXPIRES,
      shared_at: existing?.shared_at ?? grant.sharedAt ?? at,
      ...listingOf(node),
    };
    await tx.upsert(SHARE_GRANTS, row);
    if (!existing) await countGrant(tx, counted, 1);
  }
  const reachThrough = (via: AccessSource['via']) =>
    editPrincipal(grant.principalId, (sources) =>
      grant.change === 'ended'
        ? withoutSource(sources, grant.resourceId)
        : withSource(sources, { via, from: grant.resourceId, permission: grant.permission, expires_at: grant.expiresAt }),
    );
  await editReach(tx, node, position, reachThrough('direct'));
  if (node.kind === 'folder')
    for (const below of await descendantsOf(tx, node._id)) await editReach(tx, below, position, reachThrough('folder'));
}

const fileNode = (
  data: { fileId: string; ownerId: string; folderId: string | null; name: string; size: number; mimeType: string },
  at: string,
): AccessTreeNode => ({
  _id: data.fileId,
  kind: 'file',
  owner_id: data.ownerId,
  name: data.name,
  name_lower: data.name.toLowerCase(),
  size_bytes: data.size,
  content_type: data.mimeType,
  parent_id: data.folderId,
  resource_created_at: at,
  resource_updated_at: at,
});

const folderNode = (data: { folderId: string; ownerId: string; parentId: string | null; name: string }, at: string): AccessTreeNode => ({
  _id: data.folderId,
  kind: 'folder',
  owner_id: data.ownerId,
  name: data.name,
  name_lower: data.name.toLowerCase(),
  size_bytes: null,
  content_type: null,
  parent_id: data.parentId,
  resource_created_at: at,
  resource_updated_at: at,
});

const renamedTo = (name: string, at: string) => (node: AccessTreeNode) => ({
  ...node,
  name,
  name_lower: name.toLowerCase(),
  resource_updated_at: at,
});

function applyEvent(applied: Applied, event: AccessEvent): Promise<void> {
  const { at } = applied;
  switch (event.type) {
    case 'FileUploaded':
      return created(applied, fileNode(event.data, at));
    case 'FolderCreated':
      return created(applied, folderNode(event.data, at));
    case 'FileRenamed':
      return relisted(applied, event.data.fileId, renamedTo(event.data.name, at));
    case 'FolderRenamed':
      return relisted(applied, event.data.folderId, renamedTo(event.data.name, at));
    case 'FileContentReplaced': {
      const { size, mimeType } = event.data;
      return relisted(applied, event.data.fileId, (node) => ({
        ...node,
        size_bytes: size,
        content_type: mimeType,
        resource_updated_at: at,
      }));
    }
    case 'FileMetadataChanged':
      return relisted(applied, event.data.fileId, (node) => ({ ...node, resource_updated_at: at }));
    case 'FileMoved':
      return moved(applied, event.data.fileId, event.data.folderId);
    case 'FolderMoved':
      return moved(applied, event.data.folderId, event.data.parentId);
    case 'FileDeleted':
      return deleted(applied, event.data.fileId);
    case 'FolderDeleted':
      return deleted(applied, event.data.folderId);
    default:
      return grantChanged(applied, grantChangeOf(event)!);
  }
}

const byPrincipal = (kind: SharedResourceKind | null, sortKey: string) => ({
  fields: [['principal_id', 1], ...(kind ? [['resource_kind', 1] as const] : []), [sortKey, 1]] as ReadonlyArray<readonly [string, 1]>,
});

/**
 * Who besides the owner reaches each file and folder, and why (`access`), the direct shares
 * (`share_grants`), when each reach began and ended in log positions (`access_history`), and the counts
 * /shares/stats reads. Everything is derived from this projection's own rows (its `access_tree` copy of the
 * folders and files), written in the runner's batch transaction.
 */
export const accessProjection: Projection = {
  name: 'access',
  version: 1,
  collections: [ACCESS, SHARE_GRANTS, ACCESS_HISTORY, ACCESS_TREE, SHARE_PAIRS, SHARED_RESOURCES],
  handles: ACCESS_EVENT_TYPES,

  async setup(store) {
    await store.ensureIndex(ACCESS_TREE, { fields: [['parent_id', 1]] });
    await store.ensureIndex(ACCESS, { fields: [['resource_id', 1]] });
    for (const sortKey of ['name_lower', 'resource_created_at', 'resource_updated_at', 'size_bytes'])
      await store.ensureIndex(ACCESS, byPrincipal('file', sortKey));
    await store.ensureIndex(SHARE_GRANTS, { fields: [['resource_id', 1]] });
    await store.ensureIndex(SHARE_GRANTS, { fields: [['active_until', 1]] });
    await store.ensureIndex(SHARE_GRANTS, byPrincipal(null, 'shared_at'));
    await store.ensureIndex(SHARE_GRANTS, {
      fields: [
        ['owner_id', 1],
        ['shared_at', 1],
      ],
    });
    await store.ensureIndex(ACCESS_HISTORY, { fields: [['resource_id', 1]] });
    await store.ensureIndex(SHARE_PAIRS, { fields: [['owner_id', 1]] });
    await store.ensureIndex(SHARE_PAIRS, { fields: [['principal_id', 1]] });
    await store.ensureIndex(SHARED_RESOURCES, { fields: [['owner_id', 1]] });
  },

  apply(recorded: RecordedEvent, tx: ReadStore) {
    const event = accessEvent.parse({ type: recorded.type, data: recorded.data });
    return applyEvent({ tx, position: recorded.position, at: recorded.createdAt.toISOString() }, event);
  },
};
