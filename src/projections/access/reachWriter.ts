import type { Position } from '../../ports/eventStore';
import type { ReadStore } from '../../ports/readStore';
import { nextIntervals } from './accessIntervals';
import type { AccessHistoryRow, AccessRow, AccessSource } from './accessRows';
import { ACCESS, ACCESS_HISTORY, accessKeyOf, NEVER_EXPIRES } from './accessRows';
import type { AccessTreeNode } from './accessTree';
import { findAllMatching, listingOf, sameListing } from './accessTree';

/** The sources through which each principal reaches one resource. */
export type SourcesByPrincipal = ReadonlyMap<string, readonly AccessSource[]>;

const sourceOrder = (a: AccessSource, b: AccessSource): number =>
  a.from === b.from ? (a.via < b.via ? -1 : a.via > b.via ? 1 : 0) : a.from < b.from ? -1 : 1;

const sourceText = (sources: readonly AccessSource[]): string =>
  JSON.stringify(sources.map(({ via, from, permission, expires_at }) => [via, from, permission, expires_at]));

const sameSources = (a: readonly AccessSource[], b: readonly AccessSource[]): boolean => sourceText(a) === sourceText(b);

const activeUntil = (sources: readonly AccessSource[]): string =>
  sources.reduce((latest, source) => {
    const until = source.expires_at ?? NEVER_EXPIRES;
    return until > latest ? until : latest;
  }, '');

function accessRow(node: AccessTreeNode, principalId: string, sources: readonly AccessSource[]): AccessRow {
  const sorted = [...sources].sort(sourceOrder);
  return {
    _id: accessKeyOf(node._id, principalId),
    resource_kind: node.kind,
    resource_id: node._id,
    owner_id: node.owner_id,
    principal_id: principalId,
    sources: sorted,
    active_until: activeUntil(sorted),
    ...listingOf(node),
  };
}

async function recordInterval(
  tx: ReadStore,
  node: AccessTreeNode,
  principalId: string,
  before: AccessRow | null,
  after: AccessRow | null,
  position: Position,
) {
  const id = accessKeyOf(node._id, principalId);
  const history = await tx.get<AccessHistoryRow>(ACCESS_HISTORY, id);
  const intervals = nextIntervals(history?.intervals ?? [], before, after, position);
  if (intervals === null) return;
  await tx.upsert(ACCESS_HISTORY, { _id: id, resource_kind: node.kind, resource_id: node._id, principal_id: principalId, intervals });
}

/** The current sources of a resource's access rows, by principal. */
export async function reachOf(tx: ReadStore, resourceId: string): Promise<Map<string, AccessRow>> {
  const rows = await findAllMatching<AccessRow>(tx, ACCESS, { resource_id: resourceId });
  return new Map(rows.map((row) => [row.principal_id, row]));
}

/**
 * Rewrites one resource's access rows: `edit` gets the sources by principal and answers them after the
 * event (a principal left out, or with none, no longer reaches it). Each row is written once, only when it
 * changes (sources, or the listing copied from `node`), and its history interval opens or closes with it.
 */
export async function editReach(
  tx: ReadStore,
  node: AccessTreeNode,
  position: Position,
  edit: (current: SourcesByPrincipal) => SourcesByPrincipal,
): Promise<void> {
  const rows = await reachOf(tx, node._id);
  const next = edit(new Map([...rows].map(([principalId, row]) => [principalId, row.sources])));
  for (const principalId of new Set([...rows.keys(), ...next.keys()])) {
    const before = rows.get(principalId) ?? null;
    const sources = next.get(principalId) ?? [];
    const after = sources.length > 0 ? accessRow(node, principalId, sources) : null;
    if (before && after && sameSources(before.sources, after.sources) && sameListing(before, after)) continue;
    if (after) await tx.upsert(ACCESS, after);
    else await tx.delete(ACCESS, accessKeyOf(node._id, principalId));
    await recordInterval(tx, node, principalId, before, after, position);
  }
}

/** The sources with `source` in place of any from the same share. */
export const withSource = (sources: readonly AccessSource[] | undefined, source: AccessSource): AccessSource[] => [
  ...(sources ?? []).filter((kept) => kept.from !== source.from),
  source,
];

/** The sources without those of the share of `from`. */
export const withoutSource = (sources: readonly AccessSource[] | undefined, from: string): AccessSource[] =>
  (sources ?? []).filter((kept) => kept.from !== from);

/** The sources a child of a resource inherits from it: every one of its sources, as a folder source from the same share. */
export function inheritedFrom(parent: SourcesByPrincipal): Map<string, AccessSource[]> {
  return new Map(
    [...parent].map(([principalId, sources]) => [
      principalId,
      sources.map((source) => ({
        via: 'folder' as const,
        from: source.from,
        permission: source.permission,
        expires_at: source.expires_at,
      })),
    ]),
  );
}
