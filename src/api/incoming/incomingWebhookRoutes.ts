import type { Request } from 'express';
import { z } from 'zod';
import type { Actor } from '../../domain/access/accessPolicy';
import type { IncomingWebhookRow } from '../../incoming/incomingPorts';
import { INCOMING_WEBHOOKS } from '../../incoming/incomingPorts';
import { callStats, callStatsOfHooks, NO_CALLS, recentCalls } from '../../projections/incoming/incomingCallQueries';
import { INCOMING_WEBHOOK_LIST_SORT } from '../../projections/incoming/incomingWebhookQueries';
import type { ApiServices } from '../apiServices';
import { cursorParam, findPage, limitParam, pageSchema } from '../http/pagination';
import { settle } from '../http/readAfterWrite';
import { originOf } from '../http/requestOrigin';
import { idParams, API_BASE, route } from '../http/route';
import type { Route, RouteResult } from '../http/route';
import { answerIssuedSecret } from '../http/secretAnswer';
import { incomingWebhookRoute, requireFileScope } from './incomingWebhookRouteBase';
import { incomingWebhookInput, patchIncomingWebhookInput, replaceIncomingWebhookInput } from './incomingWebhookSchemas';
import { requireFittingMapping, toChanges, toDraft } from './incomingWebhookSettings';
import {
  changedIncomingWebhookResponse,
  incomingWebhookResponse,
  incomingWebhookSummary,
  issuedIncomingWebhookResponse,
  presentIncomingWebhook,
  presentIncomingWebhookSummary,
  RECENT_CALLS_SHOWN,
} from './incomingWebhookViews';
import { requireOwnedIncomingWebhook } from './requireOwnedIncomingWebhook';

const listQuery = z.strictObject({ limit: limitParam(), cursor: cursorParam });

const NOT_FOUND = { description: 'No such incoming webhook (or it is another user’s), or its folder_id is not a folder you may write' };

/** The receive URL of a token, on the host the client reached the API at. */
const receiveUrl = (req: Request, token: string): string => `${originOf(req)}${API_BASE}/webhooks/incoming/${token}`;

/** Create, list, read, change, delete incoming webhooks, and give one a new receive URL. */
export function incomingWebhookRoutes(services: ApiServices): Route[] {
  const { readStore, progress, limits, incoming } = services;

  const show = async (actor: Actor, incomingWebhookId: string, position: string | null = null, status = 200): Promise<RouteResult> => {
    await settle(progress, position, limits.readWaitMaxMs, incomingWebhookId);
    const hook = await requireOwnedIncomingWebhook(readStore, actor.userId, incomingWebhookId);
    const [stats, calls] = await Promise.all([callStats(readStore, hook._id), recentCalls(readStore, hook._id, RECENT_CALLS_SHOWN)]);
    return { status, body: presentIncomingWebhook(hook, stats, calls), position };
  };

  /** An answer that shows what is never shown again (the token and its URL, a verification secret), uncached; a 202 holds them too. */
  const showOnce = (actor: Actor, id: string, position: string | null, status: number, shownOnce: Record<string, string>) =>
    answerIssuedSecret(
      { id, ...shownOnce },
      () => show(actor, id, position, status),
      (shown) => ({ ...(shown as object), ...shownOnce }),
    );

  const replaceOrChange = (
    method: 'put' | 'patch',
    body: typeof replaceIncomingWebhookInput | typeof patchIncomingWebhookInput,
    summary: string,
  ) =>
    route({
      method,
      ...incomingWebhookRoute('/:id'),
      summary,
      params: idParams,
      body,
      responses: {
        200: {
          description: 'The updated incoming webhook; `secret` when the change set a verification secret',
          schema: changedIncomingWebhookResponse,
        },
        404: NOT_FOUND,
      },
      async handler({ params, body: input, principal, metadata }) {
        requireFileScope(principal, 'files.write');
        const current: IncomingWebhookRow = await requireOwnedIncomingWebhook(readStore, principal.userId, params.id);
        const changes = toChanges(input);
        requireFittingMapping(current, changes);
        const { position, secret } = await incoming.commands.change(principal, params.id, changes, metadata);
        return secret === null ? show(principal, params.id, position) : showOnce(principal, params.id, position, 200, { secret });
      },
    });

  return [
    route({
      method: 'post',
      ...incomingWebhookRoute(),
      summary: 'Create an incoming webhook; the answer holds its receive URL (and verification secret), shown this once',
      body: incomingWebhookInput,
      responses: {
        201: { description: 'The incoming webhook, its token, URL and verification secret', schema: issuedIncomingWebhookResponse },
        404: NOT_FOUND,
        403: { description: 'The token lacks files.write: a hook’s URL writes files as you' },
        409: {
          description:
            'You have 50 incoming webhooks already (counted from the read model: creations racing each other can pass it by a few)',
        },
      },
      async handler({ body, principal, metadata, req }) {
        requireFileScope(principal, 'files.write');
        const draft = toDraft(body);
        requireFittingMapping(null, draft);
        const created = await incoming.commands.create(principal, draft, metadata);
        const shown = {
          token: created.token,
          url: receiveUrl(req, created.token),
          ...(created.secret === null ? {} : { secret: created.secret }),
        };
        return showOnce(principal, created.incomingWebhookId, created.position, 201, shown);
      },
    }),
    route({
      method: 'get',
      ...incomingWebhookRoute(),
      summary: 'Your incoming webhooks, newest first, each with its call counts',
      query: listQuery,
      responses: { 200: { description: 'A page of incoming webhooks', schema: pageSchema(incomingWebhookSummary) } },
      async handler({ query, principal }) {
        const options = { sort: INCOMING_WEBHOOK_LIST_SORT, limit: query.limit, cursor: query.cursor };
        const page = await findPage(
          readStore,
          INCOMING_WEBHOOKS,
          { ownerId: principal.userId },
          options,
          (hook: IncomingWebhookRow) => hook,
        );
        const statsOf = await callStatsOfHooks(
          readStore,
          page.data.map((hook) => hook._id),
        );
        const data = page.data.map((hook) => presentIncomingWebhookSummary(hook, statsOf.get(hook._id) ?? NO_CALLS));
        return { status: 200, body: { ...page, data } };
      },
    }),
    route({
      method: 'get',
      ...incomingWebhookRoute('/:id'),
      summary: `One of your incoming webhooks, with its call counts and ${RECENT_CALLS_SHOWN} newest calls`,
      params: idParams,
      responses: { 200: { description: 'The incoming webhook', schema: incomingWebhookResponse }, 404: NOT_FOUND },
      async handler({ params, principal }) {
        return show(principal, params.id);
      },
    }),
    replaceOrChange('patch', patchIncomingWebhookInput, 'Change some of an incoming webhook’s settings'),
    replaceOrChange(
      'put',
      replaceIncomingWebhookInput,
      'Replace an incoming webhook’s settings; those left out take their defaults, except `enabled`, which stays as it is unless given',
    ),
    route({
      method: 'post',
      ...incomingWebhookRoute('/:id/regenerate-token'),
      summary: 'Give an incoming webhook a new receive URL; the old one answers 404 from now on',
      params: idParams,
      responses: {
        200: { description: 'The incoming webhook with its new token and URL', schema: issuedIncomingWebhookResponse },
        404: NOT_FOUND,
      },
      async handler({ params, principal, metadata, req }) {
        requireFileScope(principal, 'files.write');
        const { position, token } = await incoming.commands.regenerateToken(principal, params.id, metadata);
        return showOnce(principal, params.id, position, 200, { token, url: receiveUrl(req, token) });
      },
    }),
    route({
      method: 'delete',
      ...incomingWebhookRoute('/:id'),
      summary: 'Delete an incoming webhook: its URL answers 404 from now on',
      params: idParams,
      responses: { 204: { description: 'Deleted' }, 404: NOT_FOUND },
      async handler({ params, principal, metadata }) {
        const { position } = await incoming.commands.delete(principal, params.id, metadata);
        await settle(progress, position, limits.readWaitMaxMs, params.id);
        return { status: 204, position };
      },
    }),
  ];
}
