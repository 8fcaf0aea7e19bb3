import { z } from 'zod';
import { notFound } from '../../domain/shared/domainError';
import { appNamesOf } from '../../projections/oauth/oauthAppQueries';
import { findOwnedGrant, GRANT_LIST_SORT, liveGrantsFilter } from '../../projections/oauth/oauthGrantQueries';
import type { OAuthGrantView } from '../../projections/oauth/oauthGrantsProjection';
import { OAUTH_GRANTS } from '../../projections/oauth/oauthGrantsProjection';
import type { ApiServices } from '../apiServices';
import { cursorParam, findPage, limitParam, pageSchema } from '../http/pagination';
import { settle } from '../http/readAfterWrite';
import { idParams, route } from '../http/route';
import type { Route } from '../http/route';
import { grantResponse, presentGrant } from './oauthGrantViews';

/** What a user allowed third-party apps: seen and revoked through a login session only, never by an app's own token. */
const grantRoute = (suffix = '') => ({ path: `/oauth/grants${suffix}`, tag: 'oauth', access: 'session' as const });

const listQuery = z.strictObject({ limit: limitParam(), cursor: cursorParam });

const NOT_FOUND = { description: 'No such grant' };

export function oauthGrantRoutes(services: ApiServices): Route[] {
  const { readStore, progress, limits, oauthGrants } = services;

  return [
    route({
      method: 'get',
      ...grantRoute(),
      summary: 'The apps you have authorized (grants not revoked), newest first',
      query: listQuery,
      responses: { 200: { description: 'A page of grants', schema: pageSchema(grantResponse) } },
      async handler({ query, principal }) {
        const options = { sort: GRANT_LIST_SORT, limit: query.limit, cursor: query.cursor };
        const page = await findPage<OAuthGrantView, OAuthGrantView>(
          readStore,
          OAUTH_GRANTS,
          liveGrantsFilter(principal.userId),
          options,
          (view) => view,
        );
        const names = await appNamesOf(
          readStore,
          page.data.map((grant) => grant.app_id),
        );
        const now = new Date();
        return {
          status: 200,
          body: { ...page, data: page.data.map((grant) => presentGrant(grant, names.get(grant.app_id) ?? null, now)) },
        };
      },
    }),
    route({
      method: 'get',
      ...grantRoute('/:id'),
      summary: 'One of your grants, revoked ones too',
      params: idParams,
      responses: { 200: { description: 'The grant', schema: grantResponse }, 404: NOT_FOUND },
      async handler({ params, principal }) {
        const grant = await findOwnedGrant(readStore, principal.userId, params.id);
        if (!grant) throw notFound('grant not found');
        const names = await appNamesOf(readStore, [grant.app_id]);
        return { status: 200, body: presentGrant(grant, names.get(grant.app_id) ?? null, new Date()) };
      },
    }),
    route({
      method: 'delete',
      ...grantRoute('/:id'),
      summary: 'Revoke a grant: every token the app holds through it stops working at once',
      params: idParams,
      responses: { 204: { description: 'Revoked' }, 404: NOT_FOUND },
      async handler({ params, principal, metadata }) {
        const position = await oauthGrants.revokeGrant(principal.userId, params.id, 'user', metadata);
        await settle(progress, position, limits.readWaitMaxMs, params.id);
        return { status: 204, position };
      },
    }),
  ];
}
