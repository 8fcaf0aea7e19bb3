import type { Filter, ReadStore } from '../../ports/readStore';
import type { AccessRow } from '../../projections/access/accessRows';
import { ACCESS } from '../../projections/access/accessRows';
import type { FileView } from '../../projections/files/fileViews';
import { FILES } from '../../projections/files/fileViews';
import type { Page } from '../http/pagination';
import { findPage, sortOf } from '../http/pagination';

/** The files list's sort keys, as the access rows copy them. */
const SHARED_SORT_FIELDS = {
  name: 'name_lower',
  created_at: 'resource_created_at',
  updated_at: 'resource_updated_at',
  size: 'size_bytes',
} as const;

export interface SharedFilesQuery {
  /** A case-insensitive part of the name. */
  nameContains?: string;
  /** A media type, or a `type/` prefix for `type/*`. */
  mimeType?: { exact: string } | { prefix: string };
  sort: keyof typeof SHARED_SORT_FIELDS;
  order: 'asc' | 'desc';
  limit: number;
  cursor?: string;
}

/**
 * A page of the files shared with a user (directly or through a folder), whose shares have not expired:
 * paged over the user's access rows, then the files' own rows are read in one `$in`. A file deleted in
 * between is left out of the page.
 */
export async function sharedFilesPage(readStore: ReadStore, userId: string, query: SharedFilesQuery, now: Date): Promise<Page<FileView>> {
  const filter: Filter = { principal_id: userId, resource_kind: 'file', active_until: { $gt: now.toISOString() } };
  if (query.nameContains !== undefined) filter.name = { $contains: query.nameContains };
  if (query.mimeType !== undefined)
    filter.content_type = 'exact' in query.mimeType ? query.mimeType.exact : { $prefix: query.mimeType.prefix };
  const page = await findPage<AccessRow, AccessRow>(
    readStore,
    ACCESS,
    filter,
    { sort: sortOf(SHARED_SORT_FIELDS, query), limit: query.limit, cursor: query.cursor },
    (row) => row,
  );
  const ids = page.data.map((row) => row.resource_id);
  const files = ids.length === 0 ? [] : await readStore.find<FileView>(FILES, { _id: { $in: ids } }, { limit: ids.length });
  const byId = new Map(files.map((file) => [file._id, file]));
  return { data: ids.flatMap((id) => byId.get(id) ?? []), page: page.page };
}
