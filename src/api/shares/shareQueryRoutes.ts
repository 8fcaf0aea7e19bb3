import type { ShareGrantRow } from '../../projections/access/accessRows';
import { SHARE_GRANTS } from '../../projections/access/accessRows';
import { sharedListFilter, shareStats } from '../../projections/access/shareQueries';
import { findAccessibleFile } from '../../projections/files/fileQueries';
import { findAccessibleFolder } from '../../projections/folders/folderQueries';
import { countPublicLinks } from '../../projections/links/linkQueries';
import type { ApiServices } from '../apiServices';
import { findPage } from '../http/pagination';
import { route } from '../http/route';
import type { Route } from '../http/route';
import { resourceSharesRoute } from './resourceSharesRoute';
import { fileSharesResponse, folderSharesResponse, sharedQuery, sharedResponse, shareStatsResponse } from './shareQuerySchemas';
import { presentShared, usersById } from './shareQueryViews';

/** The sharing read side: who a file or folder is shared with, what is shared with or by the caller, and the counts. */
export function shareQueryRoutes(services: ApiServices): Route[] {
  const { readStore } = services;

  return [
    resourceSharesRoute(readStore, {
      noun: 'file',
      aliases: ['/api/files/:id/shares'],
      schema: fileSharesResponse,
      find: findAccessibleFile,
      named: (file) => ({ file_id: file._id, filename: file.name }),
    }),
    resourceSharesRoute(readStore, {
      noun: 'folder',
      schema: folderSharesResponse,
      find: findAccessibleFolder,
      named: (folder) => ({ folder_id: folder._id, name: folder.name }),
    }),
    route({
      method: 'get',
      path: '/shared',
      aliases: ['/api/shared'],
      tag: 'shares',
      access: 'files.read',
      summary: 'Files and folders shared with you (view=received) or by you (view=sent), newest share first; expired shares are left out',
      query: sharedQuery,
      responses: { 200: { description: 'A page of shares', schema: sharedResponse } },
      async handler({ query, principal }) {
        const page = await findPage<ShareGrantRow, ShareGrantRow>(
          readStore,
          SHARE_GRANTS,
          sharedListFilter(principal.userId, query.view, new Date()),
          { sort: [['shared_at', -1]], limit: query.limit, cursor: query.cursor },
          (grant) => grant,
        );
        const users = await usersById(
          readStore,
          page.data.flatMap((grant) => [grant.owner_id, grant.principal_id]),
        );
        return {
          status: 200,
          body: { view: query.view, data: page.data.map((grant) => presentShared(grant, users)), page: page.page },
        };
      },
    }),
    route({
      method: 'get',
      path: '/shares/stats',
      aliases: ['/api/shares/stats'],
      tag: 'shares',
      access: 'files.read',
      summary: 'Your sharing counters: what you shared and with how many users, what others shared with you, and your public links',
      responses: { 200: { description: 'Sharing statistics', schema: shareStatsResponse } },
      async handler({ principal }) {
        const now = new Date();
        const [shares, links] = await Promise.all([
          shareStats(readStore, principal.userId, now),
          countPublicLinks(readStore, principal.userId, now),
        ]);
        return { status: 200, body: { stats: { ...shares, ...links } } };
      },
    }),
  ];
}
