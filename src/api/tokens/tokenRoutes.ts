import { z } from 'zod';
import type { Actor } from '../../domain/access/accessPolicy';
import { notFound } from '../../domain/shared/domainError';
import type { TokenSettings } from '../../domain/token/tokenEvents';
import { findOwnedToken } from '../../projections/tokens/tokenQueries';
import type { TokenView } from '../../projections/tokens/tokensProjection';
import { TOKENS } from '../../projections/tokens/tokensProjection';
import { findTokenUsage } from '../../projections/usage/tokenUsageQuery';
import type { ApiServices } from '../apiServices';
import { cursorParam, findPage, limitParam, pageSchema } from '../http/pagination';
import { settle } from '../http/readAfterWrite';
import { answerIssuedSecret } from '../http/secretAnswer';
import { makeOwnUsageVisible } from '../usage/ownUsageVisible';
import { requestsOfToken, tokenRequestsOfUser } from '../usage/usageSubject';
import { idParams, route } from '../http/route';
import type { Route, RouteResult } from '../http/route';
import { tokenRoute } from './tokenRoute';
import { patchTokenInput, tokenSettingsInput } from './tokenSchemas';
import { issuedTokenResponse, presentToken, tokenResponse } from './tokenViews';

const listQuery = z.strictObject({ limit: limitParam(), cursor: cursorParam });

type SettingsInput = z.infer<typeof tokenSettingsInput> | z.infer<typeof patchTokenInput>;

function toSettings(input: z.infer<typeof tokenSettingsInput>): TokenSettings;
function toSettings(input: SettingsInput): Partial<TokenSettings>;
function toSettings(input: SettingsInput): Partial<TokenSettings> {
  return {
    name: input.name,
    scopes: input.scopes,
    expiresAt: input.expires_at,
    ipAllowlist: input.ip_allowlist,
    rateLimitPerHour: input.rate_limit,
  };
}

const NOT_FOUND = { description: 'No such token' };
const REVOKED = { description: 'The token is revoked (or, to regenerate, expired)' };

export function tokenRoutes(services: ApiServices): Route[] {
  const { readStore, progress, limits, apiTokens, usage, liveTokens } = services;

  /** Waits for the read models to hold a token's change; this process's authentication forgets the token at once. */
  const settleWrite = async (tokenId: string, position: string | null) => {
    try {
      await settle(progress, position, limits.readWaitMaxMs, tokenId);
    } finally {
      liveTokens.forget(tokenId);
    }
  };

  const presented = async (view: TokenView) => presentToken(view, (await findTokenUsage(readStore, [view._id])).get(view._id)!, new Date());

  const show = async (actor: Actor, tokenId: string, position: string | null = null, status = 200): Promise<RouteResult> => {
    if (position !== null) await settleWrite(tokenId, position);
    const view = await findOwnedToken(readStore, actor.userId, tokenId);
    if (!view) throw notFound('token not found');
    return { status, body: await presented(view), position };
  };

  /** The answer that carries a secret, the only one that ever does: even a 202 (not yet projected) holds it. */
  const issued = (actor: Actor, write: { tokenId: string; secret: string; position: string | null }, status: number) =>
    answerIssuedSecret(
      { id: write.tokenId, secret: write.secret },
      () => show(actor, write.tokenId, write.position, status),
      (shown) => ({ secret: write.secret, token: shown, api_key: shown }),
    );

  const replaceOrChange = (method: 'put' | 'patch', body: typeof tokenSettingsInput | typeof patchTokenInput, summary: string) =>
    route({
      method,
      ...tokenRoute('/:id'),
      summary,
      params: idParams,
      body,
      responses: { 200: { description: 'The updated token', schema: tokenResponse }, 404: NOT_FOUND, 409: REVOKED },
      async handler({ params, body: input, principal, metadata }) {
        const { position } = await apiTokens.change(principal, params.id, toSettings(input), metadata);
        return show(principal, params.id, position);
      },
    });

  return [
    route({
      method: 'post',
      ...tokenRoute(),
      summary: 'Create an API token; the answer holds its secret, shown this once',
      body: tokenSettingsInput,
      responses: { 201: { description: 'The token and its secret', schema: issuedTokenResponse } },
      async handler({ body, principal, metadata }) {
        return issued(principal, await apiTokens.create(principal, toSettings(body), metadata), 201);
      },
    }),
    route({
      method: 'get',
      ...tokenRoute(),
      summary: 'Your API tokens, newest first, with their usage',
      query: listQuery,
      responses: { 200: { description: 'A page of tokens', schema: pageSchema(tokenResponse) } },
      async handler({ query, principal, res }) {
        await makeOwnUsageVisible(usage, tokenRequestsOfUser(principal.userId), progress, limits.readWaitMaxMs, res);
        const page = await findPage<TokenView, TokenView>(
          readStore,
          TOKENS,
          { owner_id: principal.userId },
          { sort: [['created_at', -1]], limit: query.limit, cursor: query.cursor },
          (view) => view,
        );
        const usageOf = await findTokenUsage(
          readStore,
          page.data.map((view) => view._id),
        );
        const now = new Date();
        return { status: 200, body: { ...page, data: page.data.map((view) => presentToken(view, usageOf.get(view._id)!, now)) } };
      },
    }),
    route({
      method: 'get',
      ...tokenRoute('/:id'),
      summary: 'One of your API tokens, with its usage',
      params: idParams,
      responses: { 200: { description: 'The token', schema: tokenResponse }, 404: NOT_FOUND },
      async handler({ params, principal, res }) {
        await makeOwnUsageVisible(usage, requestsOfToken(params.id), progress, limits.readWaitMaxMs, res);
        return show(principal, params.id);
      },
    }),
    replaceOrChange('patch', patchTokenInput, 'Change some of a token’s name, scopes, allowlist, rate limit and expiry'),
    replaceOrChange('put', tokenSettingsInput, 'Replace a token’s settings; those left out take their defaults'),
    route({
      method: 'post',
      ...tokenRoute('/:id/revoke'),
      summary: 'Revoke a token: it stops working (on every API process within a second) and cannot be used again',
      params: idParams,
      responses: { 200: { description: 'The revoked token', schema: tokenResponse }, 404: NOT_FOUND },
      async handler({ params, principal, metadata }) {
        const { position } = await apiTokens.revoke(principal, params.id, metadata);
        return show(principal, params.id, position);
      },
    }),
    route({
      method: 'post',
      ...tokenRoute('/:id/regenerate'),
      summary: 'Give a token a new secret; the old secret stops working (on every API process within a second)',
      params: idParams,
      responses: { 200: { description: 'The token and its new secret', schema: issuedTokenResponse }, 404: NOT_FOUND, 409: REVOKED },
      async handler({ params, principal, metadata }) {
        return issued(principal, await apiTokens.regenerate(principal, params.id, metadata), 200);
      },
    }),
    route({
      method: 'delete',
      ...tokenRoute('/:id'),
      summary: 'Delete a token: it stops working and leaves the list',
      params: idParams,
      responses: { 204: { description: 'Deleted' }, 404: NOT_FOUND },
      async handler({ params, principal, metadata }) {
        const { position } = await apiTokens.delete(principal, params.id, metadata);
        await settleWrite(params.id, position);
        return { status: 204, position };
      },
    }),
  ];
}
