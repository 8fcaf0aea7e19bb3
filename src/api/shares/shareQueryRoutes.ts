import type { z } from 'zod';
import type { ShareGrantRow } from '../../projections/access/accessRows';
import { SHARE_GRANTS } from '../../projections/access/accessRows';
import { sharedListFilter, sharesReaching, shareStats } from '../../projections/access/shareQueries';
import { findAccessibleFile } from '../../projections/files/fileQueries';
import { findAccessibleFolder } from '../../projections/folders/folderQueries';
import { countPublicLinks } from '../../projections/links/linkQueries';
import type { ApiServices } from '../apiServices';
import { findPage } from '../http/pagination';
import { idParams, route } from '../http/route';
import type { Route } from '../http/route';
import type { resourceShareItem } from './shareQuerySchemas';
import { fileSharesResponse, folderSharesResponse, sharedQuery, sharedResponse, shareStatsResponse } from './shareQuerySchemas';
import { presentResourceShare, presentShared, usersById } from './shareQueryViews';

/** The sharing read side: who a file or folder is shared with, what is shared with or by the caller, and the counts. */
export function shareQueryRoutes(services: ApiServices): Route[] {
  const { readStore } = services;

  const sharesOf = async (resourceId: string): Promise<Array<z.infer<typeof resourceShareItem>>> => {
    const shares = await sharesReaching(readStore, resourceId, new Date());
    const users = await usersById(
      readStore,
      shares.map((share) => share.grant.principal_id),
    );
    return shares.map((share) => presentResourceShare(share, users.get(share.grant.principal_id)));
  };

  return [
    route({
      method: 'get',
      path: '/files/:id/shares',
      aliases: ['/api/files/:id/shares'],
      tag: 'shares',
      access: 'shares.manage',
      summary: 'Who a file is shared with (owner only): its own shares and those of the folders above it; at most 1,000 of each',
      params: idParams,
      responses: {
        200: { description: 'The shares', schema: fileSharesResponse },
        403: { description: 'The file is shared with you, but only its owner sees its shares' },
        404: { description: 'No such file' },
      },
      async handler({ params, principal }) {
        const file = await findAccessibleFile(readStore, principal, params.id, 'share');
        const shares = await sharesOf(file._id);
        return { status: 200, body: { file_id: file._id, filename: file.name, shares, total_shares: shares.length } };
      },
    }),
    route({
      method: 'get',
      path: '/folders/:id/shares',
      tag: 'shares',
      access: 'shares.manage',
      summary: 'Who a folder is shared with (owner only): its own shares and those of the folders above it; at most 1,000 of each',
      params: idParams,
      responses: {
        200: { description: 'The shares', schema: folderSharesResponse },
        403: { description: 'The folder is shared with you, but only its owner sees its shares' },
        404: { description: 'No such folder' },
      },
      async handler({ params, principal }) {
        const folder = await findAccessibleFolder(readStore, principal, params.id, 'share');
        const shares = await sharesOf(folder._id);
        return { status: 200, body: { folder_id: folder._id, name: folder.name, shares, total_shares: shares.length } };
      },
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
