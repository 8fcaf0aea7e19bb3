import { z } from 'zod';
import type { FileChanges } from '../../commands/files/updateFile';
import { patchFileInput, putFileInput, tagFilterField } from './fileSchemas';
import type { Filter } from '../../ports/readStore';
import type { FileVersionView, FileView } from '../../projections/files/fileViews';
import { FILE_TAGS, FILE_VERSIONS, FILES } from '../../projections/files/fileViews';
import type { ApiServices } from '../apiServices';
import { cursorParam, findPage, limitParam, pageSchema, sortOf } from '../http/pagination';
import { idParams, route } from '../http/route';
import type { Route } from '../http/route';
import { settle } from '../http/readAfterWrite';
import { findAccessibleFile } from '../../projections/files/fileQueries';
import { findAccessibleFolder } from '../../projections/folders/folderQueries';
import type { SharedFilesQuery } from './sharedFilesPage';
import { sharedFilesPage } from './sharedFilesPage';
import type { Actor } from '../../domain/access/accessPolicy';
import { deletedResponse, fileResponse, presentFile, presentVersion, versionResponse } from './fileViews';
import { fileAsOf, fileAsOfResponse, presentFileAsOf } from './fileAsOf';
import { asOfQuery, asOfResponses } from '../history/asOf';

const SORT_FIELDS = { name: 'name_lower', created_at: 'created_at', updated_at: 'updated_at', size: 'size' } as const;

const listQuery = z
  .strictObject({
    folder_id: z.union([z.uuid(), z.literal('root')]).optional(),
    q: z.string().min(1).max(255).optional(),
    /** `image/png`, or `image/*` for every subtype. */
    mime_type: z
      .string()
      .max(255)
      .regex(/^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*\/(\*|[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*)$/, 'must be a media type like image/png or image/*')
      .optional(),
    tag: tagFilterField.optional(),
    sort: z.enum(['name', 'created_at', 'updated_at', 'size']).default('name'),
    order: z.enum(['asc', 'desc']).default('asc'),
    limit: limitParam(),
    cursor: cursorParam,
    /** `true`: the files others shared with you (directly or through a folder), instead of yours. */
    shared: z.enum(['true', 'false']).optional(),
  })
  .superRefine((query, context) => {
    if (query.shared !== 'true') return;
    for (const field of ['folder_id', 'tag'] as const)
      if (query[field] !== undefined) context.addIssue({ code: 'custom', path: [field], message: 'cannot be combined with shared=true' });
  });

const versionsQuery = z.strictObject({ limit: limitParam(), cursor: cursorParam });

/** `ownerId` is the caller, or the owner of the folder listed (a folder shared with the caller). */
function listFilter(ownerId: string, query: z.infer<typeof listQuery>): Filter {
  const filter: Filter = { owner_id: ownerId };
  if (query.folder_id !== undefined) filter.folder_id = query.folder_id === 'root' ? null : query.folder_id;
  if (query.q !== undefined) filter.name = { $contains: query.q };
  const mimeType = mimeTypeOf(query);
  if (mimeType !== undefined) filter.mime_type = 'exact' in mimeType ? mimeType.exact : { $prefix: mimeType.prefix };
  if (query.tag !== undefined) filter.tag = query.tag;
  return filter;
}

/** `image/png` exactly, or `image/*` as the prefix `image/`. */
function mimeTypeOf(query: z.infer<typeof listQuery>): SharedFilesQuery['mimeType'] {
  if (query.mime_type === undefined) return undefined;
  const mimeType = query.mime_type.toLowerCase();
  return mimeType.endsWith('/*') ? { prefix: mimeType.slice(0, -1) } : { exact: mimeType };
}

const sharedFilesQuery = (query: z.infer<typeof listQuery>): SharedFilesQuery => ({
  nameContains: query.q,
  mimeType: mimeTypeOf(query),
  sort: query.sort,
  order: query.order,
  limit: query.limit,
  cursor: query.cursor,
});

const toChanges = (input: { name?: string; folder_id?: string | null; description?: string | null; tags?: string[] }): FileChanges => ({
  name: input.name,
  folderId: input.folder_id,
  description: input.description,
  tags: input.tags,
});

export function fileRoutes(services: ApiServices): Route[] {
  const { readStore, progress, limits, files } = services;

  const show = async (actor: Actor, fileId: string, position: string | null, status = 200) => {
    await settle(progress, position, limits.readWaitMaxMs, fileId);
    return { status, body: presentFile(await findAccessibleFile(readStore, actor, fileId)), position };
  };

  const update = (method: 'patch' | 'put', body: typeof patchFileInput | typeof putFileInput, summary: string) =>
    route({
      method,
      path: '/files/:id',
      tag: 'files',
      access: 'files.write',
      summary,
      params: idParams,
      body,
      responses: {
        200: { description: 'The updated file', schema: fileResponse },
        404: { description: 'No such file, or no such target folder' },
        409: { description: 'The name is taken in the target folder' },
      },
      async handler({ params, body: input, principal, metadata }) {
        const { position } = await files.updateFile.run(principal, params.id, toChanges(input), metadata);
        return show(principal, params.id, position);
      },
    });

  return [
    route({
      method: 'get',
      path: '/files',
      tag: 'files',
      access: 'files.read',
      summary: 'List your files (or those of a folder shared with you, or with shared=true those shared with you), filtered and sorted',
      query: listQuery,
      responses: {
        200: { description: 'A page of files', schema: pageSchema(fileResponse) },
        404: { description: 'No such folder (folder_id)' },
      },
      async handler({ query, principal }) {
        if (query.shared === 'true') {
          const shared = await sharedFilesPage(readStore, principal.userId, sharedFilesQuery(query), new Date());
          return { status: 200, body: { data: shared.data.map(presentFile), page: shared.page } };
        }
        const folderOwner =
          query.folder_id === undefined || query.folder_id === 'root'
            ? principal.userId
            : (await findAccessibleFolder(readStore, principal, query.folder_id)).owner_id;
        const page = await findPage<FileView, z.infer<typeof fileResponse>>(
          readStore,
          query.tag === undefined ? FILES : FILE_TAGS,
          listFilter(folderOwner, query),
          {
            sort: sortOf(SORT_FIELDS, query),
            limit: query.limit,
            cursor: query.cursor,
          },
          presentFile,
        );
        return { status: 200, body: page };
      },
    }),
    route({
      method: 'get',
      path: '/files/:id',
      tag: 'files',
      access: 'files.read',
      summary: 'One of your files; with as_of, as it stood then (deleted or not), folded from its events',
      params: idParams,
      query: asOfQuery,
      responses: {
        200: { description: 'The file (with as_of, as it was then)', schema: z.union([fileResponse, fileAsOfResponse]) },
        ...asOfResponses,
        404: { description: 'No such file (with as_of: not yet created then, or not yours to read as of then)' },
      },
      async handler({ params, query, principal }) {
        if (query.as_of !== undefined) {
          const { folded } = await fileAsOf(services, principal, params.id, query.as_of);
          return { status: 200, body: presentFileAsOf(folded) };
        }
        return { status: 200, body: presentFile(await findAccessibleFile(readStore, principal, params.id)) };
      },
    }),
    update('patch', patchFileInput, 'Rename, move, or change the description and tags'),
    update('put', putFileInput, 'Replace the name, folder, description and tags at once'),
    route({
      method: 'delete',
      path: '/files/:id',
      tag: 'files',
      access: 'files.write',
      summary: 'Delete a file and every version of it',
      params: idParams,
      responses: { 200: { description: 'The file is deleted', schema: deletedResponse }, 404: { description: 'No such file' } },
      async handler({ params, principal, metadata }) {
        const deleted = await files.deleteFile.run(principal, params.id, metadata);
        if (!deleted) throw new Error('an unconditional delete deleted nothing');
        // The answer does not read the view, but later reads by this client should see the deletion.
        await settle(progress, deleted.position, limits.readWaitMaxMs, params.id);
        return { status: 200, body: { id: params.id, deleted_at: deleted.deletedAt }, position: deleted.position };
      },
    }),
    route({
      method: 'get',
      path: '/files/:id/versions',
      tag: 'files',
      access: 'files.read',
      summary: 'Versions of a file, newest first',
      params: idParams,
      query: versionsQuery,
      responses: { 200: { description: 'A page of versions', schema: pageSchema(versionResponse) }, 404: { description: 'No such file' } },
      async handler({ params, query, principal }) {
        await findAccessibleFile(readStore, principal, params.id);
        const page = await findPage<FileVersionView, z.infer<typeof versionResponse>>(
          readStore,
          FILE_VERSIONS,
          { file_id: params.id },
          {
            sort: [['version', -1]],
            limit: query.limit,
            cursor: query.cursor,
          },
          presentVersion,
        );
        return { status: 200, body: page };
      },
    }),
  ];
}
