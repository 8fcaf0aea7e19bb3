import { z } from 'zod';
import { createFolderInput, patchFolderInput, putFolderInput } from './folderSchemas';
import type { Filter } from '../../ports/readStore';
import type { FolderView } from '../../projections/folders/folderViews';
import { FOLDERS } from '../../projections/folders/folderViews';
import type { ApiServices } from '../apiServices';
import { cursorParam, findPage, limitParam, pageSchema, sortOf } from '../http/pagination';
import { idParams, route } from '../http/route';
import type { Route, RouteResult } from '../http/route';
import { settle } from '../http/readAfterWrite';
import type { Actor } from '../../domain/access/accessPolicy';
import { findAccessibleFolder, folderPath } from '../../projections/folders/folderQueries';
import { deletedFolderResponse, folderResponse, folderSummaryResponse, presentFolderSummary } from './folderViews';
import { folderAsOf, folderAsOfResponse } from './folderAsOf';
import { asOfQuery, asOfResponses } from '../history/asOf';

const SORT_FIELDS = { name: 'name_lower', created_at: 'created_at', updated_at: 'updated_at' } as const;

const listQuery = z.strictObject({
  parent_id: z.union([z.uuid(), z.literal('root')]).optional(),
  q: z.string().min(1).max(255).optional(),
  sort: z.enum(['name', 'created_at', 'updated_at']).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: limitParam(),
  cursor: cursorParam,
});

const deleteQuery = z.strictObject({
  recursive: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});

export function folderRoutes(services: ApiServices): Route[] {
  const { readStore, progress, limits, files } = services;

  const show = async (actor: Actor, folderId: string, position: string | null = null, status = 200): Promise<RouteResult> => {
    await settle(progress, position, limits.readWaitMaxMs, folderId);
    const view = await findAccessibleFolder(readStore, actor, folderId);
    return { status, body: { ...presentFolderSummary(view), path: await folderPath(readStore, view, actor) }, position };
  };

  const update = (method: 'patch' | 'put', body: typeof patchFolderInput | typeof putFolderInput, summary: string) =>
    route({
      method,
      path: '/folders/:id',
      tag: 'folders',
      access: 'files.write',
      summary,
      params: idParams,
      body,
      responses: {
        200: { description: 'The updated folder', schema: folderResponse },
        404: { description: 'No such folder or parent' },
        409: { description: 'The name is taken, or the move would put the folder inside itself' },
      },
      async handler({ params, body: input, principal, metadata }) {
        const { position } = await files.updateFolder.run(principal, params.id, { name: input.name, parentId: input.parent_id }, metadata);
        return show(principal, params.id, position);
      },
    });

  return [
    route({
      method: 'post',
      path: '/folders',
      tag: 'folders',
      access: 'files.write',
      summary: 'Create a folder',
      body: createFolderInput,
      responses: {
        201: { description: 'The new folder', schema: folderResponse },
        404: { description: 'No such parent folder' },
        409: { description: 'A file or folder with this name exists in the parent' },
      },
      async handler({ body, principal, metadata }) {
        const { folderId, position } = await files.createFolder.run(principal, { name: body.name, parentId: body.parent_id }, metadata);
        const created = await show(principal, folderId, position, 201);
        return { ...created, headers: { Location: `/api/v1/folders/${folderId}` } };
      },
    }),
    route({
      method: 'get',
      path: '/folders',
      tag: 'folders',
      access: 'files.read',
      summary: 'List your folders, all or those in one parent (a parent may be a folder shared with you)',
      query: listQuery,
      responses: {
        200: { description: 'A page of folders', schema: pageSchema(folderSummaryResponse) },
        404: { description: 'No such parent folder' },
      },
      async handler({ query, principal }) {
        const parentId = query.parent_id === 'root' ? null : query.parent_id;
        const owner = parentId ? (await findAccessibleFolder(readStore, principal, parentId)).owner_id : principal.userId;
        const filter: Filter = { owner_id: owner };
        if (parentId !== undefined) filter.parent_id = parentId;
        if (query.q !== undefined) filter.name = { $contains: query.q };
        const page = await findPage<FolderView, z.infer<typeof folderSummaryResponse>>(
          readStore,
          FOLDERS,
          filter,
          {
            sort: sortOf(SORT_FIELDS, query),
            limit: query.limit,
            cursor: query.cursor,
          },
          presentFolderSummary,
        );
        return { status: 200, body: page };
      },
    }),
    route({
      method: 'get',
      path: '/folders/:id',
      tag: 'folders',
      access: 'files.read',
      summary: 'One of your folders, with child counts and its path; with as_of, as it stood then (deleted or not), folded from its events',
      params: idParams,
      query: asOfQuery,
      responses: {
        200: {
          description: 'The folder (with as_of, as it was then, without child counts)',
          schema: z.union([folderResponse, folderAsOfResponse]),
        },
        ...asOfResponses,
        404: { description: 'No such folder (with as_of: not yet created then, or not yours to read as of then)' },
      },
      handler: async ({ params, query, principal }) =>
        query.as_of === undefined
          ? show(principal, params.id)
          : { status: 200, body: await folderAsOf(services, principal, params.id, query.as_of) },
    }),
    update('patch', patchFolderInput, 'Rename a folder, or move it with parent_id (null for the root)'),
    update('put', putFolderInput, 'Replace the name and parent of a folder at once'),
    route({
      method: 'delete',
      path: '/folders/:id',
      tag: 'folders',
      access: 'files.write',
      summary: 'Delete a folder; with recursive=true, everything in it too',
      params: idParams,
      query: deleteQuery,
      responses: {
        200: { description: 'The folder is deleted', schema: deletedFolderResponse },
        404: { description: 'No such folder' },
        409: { description: 'The folder is not empty and recursive is not true, or holds too many entries for one request' },
        503: { description: 'With recursive=true, the read models are behind the folder; try again after Retry-After' },
      },
      async handler({ params, query, principal, metadata }) {
        const deleted = await files.deleteFolder.run(principal, params.id, query.recursive, metadata);
        // The answer does not read the view, but later reads by this client should see the deletion.
        await settle(progress, deleted.position, limits.readWaitMaxMs, params.id);
        return {
          status: 200,
          body: {
            id: params.id,
            deleted_at: deleted.deletedAt,
            deleted_files: deleted.deletedFiles,
            deleted_folders: deleted.deletedFolders,
          },
          position: deleted.position,
        };
      },
    }),
  ];
}
