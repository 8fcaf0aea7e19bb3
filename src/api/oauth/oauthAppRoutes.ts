import { z } from 'zod';
import type { IssuedClientSecretWrite } from '../../commands/oauth/oauthAppCommands';
import { revokeGrantsOfApp } from '../../commands/oauth/revokeGrantsOfApp';
import type { Actor } from '../../domain/access/accessPolicy';
import type { OAuthAppSettings } from '../../domain/oauth/oauthAppSettings';
import { notFound } from '../../domain/shared/domainError';
import { APP_LIST_SORT, findOwnedApp } from '../../projections/oauth/oauthAppQueries';
import type { OAuthAppView } from '../../projections/oauth/oauthAppsProjection';
import { OAUTH_APPS } from '../../projections/oauth/oauthAppsProjection';
import { liveGrantsOfApp } from '../../projections/oauth/oauthGrantQueries';
import type { ApiServices } from '../apiServices';
import { cursorParam, findPage, limitParam, pageSchema } from '../http/pagination';
import { settle } from '../http/readAfterWrite';
import { idParams, route } from '../http/route';
import type { Route, RouteResult } from '../http/route';
import { answerIssuedSecret } from '../http/secretAnswer';
import { patchAppInput, registerAppInput } from './oauthAppSchemas';
import { appResponse, issuedAppResponse, presentApp } from './oauthAppViews';

/** Apps are managed through a login session only: an API token or an app's own OAuth token never registers apps. */
const appRoute = (suffix = '') => ({ path: `/oauth/apps${suffix}`, tag: 'oauth', access: 'session' as const });

const listQuery = z.strictObject({ limit: limitParam(), cursor: cursorParam });

type SettingsInput = z.infer<typeof registerAppInput> | z.infer<typeof patchAppInput>;

function toSettings(input: z.infer<typeof registerAppInput>): OAuthAppSettings;
function toSettings(input: SettingsInput): Partial<OAuthAppSettings>;
function toSettings(input: SettingsInput): Partial<OAuthAppSettings> {
  return { name: input.name, redirectUris: input.redirect_uris, scopes: input.scopes };
}

const NOT_FOUND = { description: 'No such app' };

export function oauthAppRoutes(services: ApiServices): Route[] {
  const { readStore, progress, limits, oauthApps, oauthGrants } = services;

  const show = async (actor: Actor, appId: string, position: string | null = null, status = 200): Promise<RouteResult> => {
    await settle(progress, position, limits.readWaitMaxMs, appId);
    const view = await findOwnedApp(readStore, actor.userId, appId);
    if (!view) throw notFound('OAuth app not found');
    return { status, body: presentApp(view), position };
  };

  /** The answer that carries a client secret, the only one that ever does: even a 202 (not yet projected) holds it. */
  const issued = async (actor: Actor, write: IssuedClientSecretWrite, status: number): Promise<RouteResult> => {
    const withSecret = (shown: unknown) => ({ ...(shown as object), client_secret: write.secret });
    const shown = () => show(actor, write.appId, write.position, status);
    if (write.secret === null) {
      const answer = await shown();
      return { ...answer, body: withSecret(answer.body) };
    }
    return answerIssuedSecret({ id: write.appId, client_secret: write.secret }, shown, withSecret);
  };

  return [
    route({
      method: 'post',
      ...appRoute(),
      summary: 'Register an OAuth app (client); the answer holds its client secret, shown this once',
      body: registerAppInput,
      responses: {
        201: { description: 'The app, its client id and its client secret', schema: issuedAppResponse },
        409: { description: 'You have 50 OAuth apps already' },
      },
      async handler({ body, principal, metadata }) {
        return issued(principal, await oauthApps.register(principal, toSettings(body), body.client_type, metadata), 201);
      },
    }),
    route({
      method: 'get',
      ...appRoute(),
      summary: 'Your OAuth apps, newest first',
      query: listQuery,
      responses: { 200: { description: 'A page of apps', schema: pageSchema(appResponse) } },
      async handler({ query, principal }) {
        const options = { sort: APP_LIST_SORT, limit: query.limit, cursor: query.cursor };
        const page = await findPage<OAuthAppView, z.infer<typeof appResponse>>(
          readStore,
          OAUTH_APPS,
          { owner_id: principal.userId },
          options,
          presentApp,
        );
        return { status: 200, body: page };
      },
    }),
    route({
      method: 'get',
      ...appRoute('/:id'),
      summary: 'One of your OAuth apps',
      params: idParams,
      responses: { 200: { description: 'The app', schema: appResponse }, 404: NOT_FOUND },
      async handler({ params, principal }) {
        return show(principal, params.id);
      },
    }),
    route({
      method: 'patch',
      ...appRoute('/:id'),
      summary: 'Change an app’s name, redirect URIs or scopes (each given replaces the current one whole)',
      params: idParams,
      body: patchAppInput,
      responses: { 200: { description: 'The updated app', schema: appResponse }, 404: NOT_FOUND },
      async handler({ params, body, principal, metadata }) {
        const { position } = await oauthApps.change(principal, params.id, toSettings(body), metadata);
        return show(principal, params.id, position);
      },
    }),
    route({
      method: 'post',
      ...appRoute('/:id/rotate-secret'),
      summary: 'Give a confidential app a new client secret, shown this once; the previous one stops working at once',
      params: idParams,
      responses: {
        200: { description: 'The app and its new client secret', schema: issuedAppResponse },
        404: NOT_FOUND,
        409: { description: 'A public client has no secret' },
      },
      async handler({ params, principal, metadata }) {
        return issued(principal, await oauthApps.rotateSecret(principal, params.id, metadata), 200);
      },
    }),
    route({
      method: 'delete',
      ...appRoute('/:id'),
      summary: 'Delete an app: it stops being a client at once, and every grant users gave it is revoked with its tokens',
      params: idParams,
      responses: { 204: { description: 'Deleted' }, 404: NOT_FOUND },
      async handler({ params, principal, metadata }) {
        const deleted = await oauthApps.delete(principal, params.id, metadata);
        // The grants read model then holds every consent given before the deletion; none can follow it.
        if (deleted.position !== null) await progress.waitFor(deleted.position, limits.readWaitMaxMs);
        const revoked = await revokeGrantsOfApp(
          liveGrantsOfApp(readStore, params.id),
          (userId, grantId, reason, meta) => oauthGrants.revokeGrant(userId, grantId, reason, meta),
          metadata,
        );
        const position = revoked ?? deleted.position;
        await settle(progress, position, limits.readWaitMaxMs, params.id);
        return { status: 204, position };
      },
    }),
  ];
}
