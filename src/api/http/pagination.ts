import { z } from 'zod';
import type { Document, ReadStore, Filter, FindOptions } from '../../ports/readStore';
import { ApiError } from './apiError';

export const MAX_LIMIT = 100;

export const limitParam = (max = MAX_LIMIT, fallback = 20) => z.coerce.number().int().min(1).max(max).default(fallback);
export const cursorParam = z.string().max(2048).optional();

const pageInfo = z
  .object({ limit: z.int().min(1).max(MAX_LIMIT), next_cursor: z.string().nullable(), has_more: z.boolean() })
  .meta({ id: 'PageInfo' });

/** A page of `item`s, named `<item's id>Page` in the OpenAPI document when the item has one. */
export const pageSchema = <T extends z.ZodType>(item: T) => {
  const page = z.object({ data: z.array(item), page: pageInfo });
  const itemId = z.globalRegistry.get(item)?.id;
  return itemId === undefined ? page : page.meta({ id: `${itemId}Page` });
};

const cursorPayload = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

/** A cursor is the last row's sort values and id, base64url-encoded: opaque to clients, stable under inserts. */
export function encodeCursor(doc: Document, sortFields: readonly string[]): string {
  const payload: Record<string, unknown> = { _id: doc._id };
  for (const field of sortFields) payload[field] = doc[field] ?? null;
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

export function decodeCursor(cursor: string, sortFields: readonly string[]): Document {
  try {
    const parsed = cursorPayload.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    const id = parsed._id;
    if (typeof id !== 'string' || sortFields.some((field) => !(field in parsed))) throw new Error('incomplete cursor');
    return { ...parsed, _id: id };
  } catch {
    throw new ApiError('validation_error', 'the cursor is not valid', [
      { path: 'query.cursor', message: 'use next_cursor from a previous page' },
    ]);
  }
}

/** The read-model sort for `?sort=<key>&order=asc|desc`, through a route's map of public keys to fields. */
export function sortOf<K extends string>(
  fields: Readonly<Record<K, string>>,
  query: { sort: K; order: 'asc' | 'desc' },
): NonNullable<FindOptions['sort']> {
  return [[fields[query.sort], query.order === 'asc' ? 1 : -1]];
}

export interface Page<T> {
  data: T[];
  page: { limit: number; next_cursor: string | null; has_more: boolean };
}

/** Reads one page by keyset: one row more than asked tells whether another page follows. */
export async function findPage<TDoc extends Document, TOut>(
  store: ReadStore,
  collection: string,
  filter: Filter,
  options: { sort: NonNullable<FindOptions['sort']>; limit: number; cursor?: string },
  present: (doc: TDoc) => TOut,
): Promise<Page<TOut>> {
  const sortFields = options.sort.map(([field]) => field);
  const after = options.cursor ? decodeCursor(options.cursor, sortFields) : undefined;
  const rows = await store.find<TDoc>(collection, filter, { sort: options.sort, limit: options.limit + 1, after });
  const hasMore = rows.length > options.limit;
  const data = rows.slice(0, options.limit);
  const last = data[data.length - 1];
  return {
    data: data.map(present),
    page: { limit: options.limit, next_cursor: hasMore && last ? encodeCursor(last, sortFields) : null, has_more: hasMore },
  };
}
