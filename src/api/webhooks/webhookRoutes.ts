import { z } from 'zod';
import type { IssuedSecretWrite } from '../../commands/webhooks/webhookCommands';
import type { Actor } from '../../domain/access/accessPolicy';
import type { WebhookSettings } from '../../domain/webhook/webhookEvents';
import { webhookHealth, webhookHealths } from '../../projections/deliveries/webhookHealth';
import { WEBHOOK_LIST_SORT } from '../../projections/webhooks/webhookQueries';
import type { WebhookRow } from '../../webhooks/webhookPorts';
import { WEBHOOKS } from '../../webhooks/webhookPorts';
import type { ApiServices } from '../apiServices';
import { cursorParam, findPage, limitParam, pageSchema } from '../http/pagination';
import { settle } from '../http/readAfterWrite';
import { answerIssuedSecret } from '../http/secretAnswer';
import { idParams, route } from '../http/route';
import type { Route, RouteResult } from '../http/route';
import { requireOwnedWebhook } from './requireOwnedWebhook';
import { webhookRoute } from './webhookRoute';
import { patchWebhookInput, replaceWebhookInput, rotateSecretInput, webhookSettingsInput } from './webhookSchemas';
import { issuedSecretResponse, presentWebhook, webhookResponse } from './webhookViews';

const listQuery = z.strictObject({ limit: limitParam(), cursor: cursorParam });

type SettingsInput = z.infer<typeof webhookSettingsInput> | z.infer<typeof replaceWebhookInput> | z.infer<typeof patchWebhookInput>;

function toSettings(input: z.infer<typeof webhookSettingsInput>): WebhookSettings;
function toSettings(input: SettingsInput): Partial<WebhookSettings>;
function toSettings(input: SettingsInput): Partial<WebhookSettings> {
  return {
    url: input.url,
    events: input.events,
    name: input.name,
    description: input.description,
    rateLimitPerMinute: input.rate_limit_per_minute,
    maxConcurrency: input.max_concurrency,
    ordering: input.ordering,
    verifySsl: input.verify_ssl,
    enabled: input.enabled,
  };
}

const NOT_FOUND = { description: 'No such webhook' };

export function webhookRoutes(services: ApiServices): Route[] {
  const { readStore, progress, limits, webhookCommands } = services;

  const presented = async (webhook: WebhookRow) => {
    const now = new Date();
    return presentWebhook(webhook, await webhookHealth(readStore, webhook, now), now);
  };

  const show = async (actor: Actor, webhookId: string, position: string | null = null, status = 200): Promise<RouteResult> => {
    await settle(progress, position, limits.readWaitMaxMs, webhookId);
    return { status, body: await presented(await requireOwnedWebhook(readStore, actor.userId, webhookId)), position };
  };

  /** The answer that carries a secret, the only one that ever does: even a 202 (not yet projected) holds it. */
  const issued = (actor: Actor, write: IssuedSecretWrite, status: number): Promise<RouteResult> =>
    answerIssuedSecret(
      { id: write.webhookId, secret: write.secret },
      () => show(actor, write.webhookId, write.position, status),
      (shown) => ({ ...(shown as object), secret: write.secret }),
    );

  const replaceOrChange = (method: 'put' | 'patch', body: typeof replaceWebhookInput | typeof patchWebhookInput, summary: string) =>
    route({
      method,
      ...webhookRoute('/:id'),
      summary,
      params: idParams,
      body,
      responses: { 200: { description: 'The updated webhook', schema: webhookResponse }, 404: NOT_FOUND },
      async handler({ params, body: input, principal, metadata }) {
        const { position } = await webhookCommands.change(principal, params.id, toSettings(input), metadata);
        return show(principal, params.id, position);
      },
    });

  return [
    route({
      method: 'post',
      ...webhookRoute(),
      summary: 'Register a webhook; the answer holds its signing secret, shown this once',
      body: webhookSettingsInput,
      responses: {
        201: { description: 'The webhook and its signing secret', schema: issuedSecretResponse },
        409: { description: 'You have 50 webhooks already' },
      },
      async handler({ body, principal, metadata }) {
        return issued(principal, await webhookCommands.register(principal, toSettings(body), metadata), 201);
      },
    }),
    route({
      method: 'get',
      ...webhookRoute(),
      summary: 'Your webhooks, newest first, with their health',
      query: listQuery,
      responses: { 200: { description: 'A page of webhooks', schema: pageSchema(webhookResponse) } },
      async handler({ query, principal }) {
        const page = await findPage<WebhookRow, WebhookRow>(
          readStore,
          WEBHOOKS,
          { ownerId: principal.userId },
          { sort: WEBHOOK_LIST_SORT, limit: query.limit, cursor: query.cursor },
          (webhook) => webhook,
        );
        const now = new Date();
        const healthOf = await webhookHealths(readStore, page.data, now);
        return {
          status: 200,
          body: { ...page, data: page.data.map((webhook) => presentWebhook(webhook, healthOf.get(webhook._id)!, now)) },
        };
      },
    }),
    route({
      method: 'get',
      ...webhookRoute('/:id'),
      summary: 'One of your webhooks, with its health: state, success rate over 24 h, last success, consecutive failures',
      params: idParams,
      responses: { 200: { description: 'The webhook', schema: webhookResponse }, 404: NOT_FOUND },
      async handler({ params, principal }) {
        return show(principal, params.id);
      },
    }),
    replaceOrChange(
      'patch',
      patchWebhookInput,
      'Change some of a webhook’s settings; `enabled: false` disables it, `true` turns it back on',
    ),
    replaceOrChange(
      'put',
      replaceWebhookInput,
      'Replace a webhook’s settings; those left out take their defaults, except `enabled`, which stays as it is unless given',
    ),
    route({
      method: 'post',
      ...webhookRoute('/:id/rotate-secret'),
      summary: 'Give a webhook a new signing secret; the previous one keeps signing beside it for 24 h or `expire_previous_in` seconds',
      params: idParams,
      body: rotateSecretInput,
      responses: { 200: { description: 'The webhook and its new signing secret', schema: issuedSecretResponse }, 404: NOT_FOUND },
      async handler({ params, body, principal, metadata }) {
        const write = await webhookCommands.rotateSecret(principal, params.id, body.expire_previous_in, metadata);
        return issued(principal, write, 200);
      },
    }),
    route({
      method: 'delete',
      ...webhookRoute('/:id'),
      summary: 'Delete a webhook: nothing more is delivered to it',
      params: idParams,
      responses: { 204: { description: 'Deleted' }, 404: NOT_FOUND },
      async handler({ params, principal, metadata }) {
        const { position } = await webhookCommands.delete(principal, params.id, metadata);
        await settle(progress, position, limits.readWaitMaxMs, params.id);
        return { status: 204, position };
      },
    }),
  ];
}
