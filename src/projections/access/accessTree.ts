import type { Document, Filter, ReadStore } from '../../ports/readStore';
import type { SharedResourceKind, SharedResourceListing } from './accessRows';

/**
 * The `access` projection's own copy of every file and folder: what it needs to find a folder's
 * descendants (indexed on `parent_id`) and to copy listing fields, without reading another projection's rows.
 */
export const ACCESS_TREE = 'access_tree';

export interface AccessTreeNode extends Document, SharedResourceListing {
  kind: SharedResourceKind;
  owner_id: string;
}

const LISTING_FIELDS = [
  'name',
  'name_lower',
  'size_bytes',
  'content_type',
  'parent_id',
  'resource_created_at',
  'resource_updated_at',
] as const satisfies ReadonlyArray<keyof SharedResourceListing>;

export const listingOf = (node: SharedResourceListing): SharedResourceListing =>
  Object.fromEntries(LISTING_FIELDS.map((field) => [field, node[field]])) as unknown as SharedResourceListing;

export const sameListing = (a: SharedResourceListing, b: SharedResourceListing): boolean =>
  LISTING_FIELDS.every((field) => a[field] === b[field]);

const PAGE = 500;

/** Every document matching the filter, read a page at a time (keyset by `_id`). */
export async function findAllMatching<T extends Document>(tx: ReadStore, collection: string, filter: Filter): Promise<T[]> {
  const found: T[] = [];
  let after: T | undefined;
  for (;;) {
    const page = await tx.find<T>(collection, filter, { limit: PAGE, after });
    found.push(...page);
    if (page.length < PAGE) return found;
    after = page[page.length - 1];
  }
}

/** The nodes below a folder, breadth first (the folder itself excluded); a cycle left by bad events is not followed twice. */
export async function descendantsOf(tx: ReadStore, folderId: string): Promise<AccessTreeNode[]> {
  const found: AccessTreeNode[] = [];
  const seen = new Set([folderId]);
  for (let index = -1; index < found.length; index++) {
    const parent = index < 0 ? null : found[index]!;
    if (parent?.kind === 'file') continue;
    const parentId = parent?._id ?? folderId;
    for (const child of await findAllMatching<AccessTreeNode>(tx, ACCESS_TREE, { parent_id: parentId })) {
      if (seen.has(child._id)) continue;
      seen.add(child._id);
      found.push(child);
    }
  }
  return found;
}
