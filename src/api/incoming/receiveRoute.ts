import type { Request, Response } from 'express';
import { z } from 'zod';
import type { CurrentIncomingWebhook } from '../../commands/incoming/incomingWebhookCommands';
import type { ApiServices } from '../apiServices';
import type { Route } from '../http/route';
import { route } from '../http/route';
import { ApiError } from '../http/apiError';
import { RateLimiter } from '../http/rateLimiter';
import { UserPlans } from '../http/rateLimit/userPlans';
import { discardRestOfBody } from '../files/requestBody';
import { HookRateLimit } from './receive/hookRateLimit';
import { IncomingReceiver } from './receive/incomingReceiver';
import { liveHook, stillLive } from './receive/liveHook';
import { readRawBody } from './receive/rawBody';

/** Where senders post: the VRTX seed's path. The token is the URL's only secret (kept out of logs: withoutPathTokens). */
export const RECEIVE_PATH = '/webhooks/incoming/:token';

const receiveParams = z.strictObject({ token: z.string().meta({ description: 'The token of the hook’s URL (`fwh_…`)' }) });
/** Senders add their own query parameters (`?source=form`); the call ignores them. */
const anyQuery = z.looseObject({});

export const receivedCallResponse = z
  .object({
    id: z.uuid().meta({ description: 'The file or folder the call created or changed' }),
    resource: z.enum(['file', 'folder']),
    result: z.enum(['created', 'updated']),
    call_id: z.uuid().meta({ description: 'The call’s row in GET /incoming-webhooks/{id}/logs' }),
  })
  .meta({ id: 'IncomingWebhookCallResult' });

const LOGGED = 'logged in the hook’s call log';

/**
 * POST /webhooks/incoming/{token}: a sender's JSON, turned by the hook's mapping into a command run as the
 * hook's owner. Public: the token is the credential. Limits (HookRateLimit): the hook's own rate, its owner's plan for calls
 * that run a command, and the anonymous per-address limit for tokens that open no hook.
 */
export function receiveRoute(services: ApiServices): Route {
  const { readStore, incoming, limits, logger } = services;
  const log = logger.child({ component: 'incoming-webhooks' });
  const limiter = new RateLimiter(limits.rate, services.rateLimitCounters, new UserPlans(readStore, limits.rate.defaultPlan), log);
  const rateLimit = new HookRateLimit(limiter);
  const receiver = new IncomingReceiver({
    calls: incoming.calls,
    runner: incoming.runner,
    admitRun: (hook) => rateLimit.admitRun(hook.ownerId),
    openSecret: (sealed) => incoming.secrets.open(sealed),
    logger: log,
  });
  const currentOf = (incomingWebhookId: string) => incoming.commands.currentIncomingWebhook(incomingWebhookId);

  /** The hook the token opens, within its rate limit. A refusal comes before the body is read: the rest is drained. */
  const admitted = async (token: string, req: Request, res: Response): Promise<CurrentIncomingWebhook> => {
    try {
      const hook = await liveHook(readStore, currentOf, token).catch(async (refused: unknown) => {
        if (refused instanceof ApiError && refused.code === 'not_found') await rateLimit.unknownToken(req.ip ?? 'unknown');
        throw refused;
      });
      res.set(await rateLimit.admit(hook.incomingWebhookId, hook.settings.rateLimitPerMinute));
      return hook;
    } catch (refused) {
      discardRestOfBody(req);
      throw refused;
    }
  };

  return route({
    method: 'post',
    path: RECEIVE_PATH,
    tag: 'incoming webhooks',
    access: 'public',
    summary:
      'Receive a sender’s JSON object: mapped by the hook’s field mapping into its command (create a folder or file, update or upsert a file) and run as the hook’s owner. A `webhook-id` (else `Idempotency-Key`) seen in the last 24 h is answered as it was the first time. Query parameters are accepted and ignored',
    params: receiveParams,
    query: anyQuery,
    streamedBody: { mediaTypes: ['application/json'], schema: z.record(z.string(), z.unknown()).meta({ description: 'Any JSON object' }) },
    ownRateLimit: true,
    ownIdempotency: true,
    requestHeaders: {
      'webhook-id': {
        description: 'Standard Webhooks’ message id: signed with a `standard_webhooks` hook, and the key a repeat is recognised by',
      },
      'webhook-timestamp': { description: 'Standard Webhooks: Unix seconds, within 5 minutes of the server’s time' },
      'webhook-signature': { description: 'Standard Webhooks: `v1,<base64 HMAC-SHA256 of id.timestamp.body>` entries, space-separated' },
      'Idempotency-Key': { description: 'Without a `webhook-id`: the key a repeat is recognised by' },
      'X-Signature': {
        description:
          'With an `hmac_sha256` hook: the hex HMAC-SHA256 of the body (`sha256=` prefix optional), in the header the hook names (X-Signature by default)',
      },
    },
    responses: {
      201: { description: 'The file or folder was created', schema: receivedCallResponse },
      200: {
        description: 'The file was updated (or, with Idempotent-Replayed: true, a repeat answered as the first time)',
        schema: receivedCallResponse,
      },
      400: { description: `Not a JSON object; ${LOGGED}` },
      401: { description: `The signature does not verify; ${LOGGED}` },
      403: { description: 'The hook is disabled' },
      404: { description: 'No hook has this URL (unknown, regenerated or deleted), or the command’s folder or file does not exist' },
      409: { description: 'A call with the same message id is still running, or the command found the name taken' },
      413: { description: `Larger than FILORA_MAX_JSON_BYTES (${LOGGED}), or over the owner’s storage quota` },
      422: { description: `The payload does not fit the field mapping: details name each field; ${LOGGED}` },
      429: {
        description:
          'Over the hook’s rate_limit_per_minute, over its owner’s plan limit (a call that runs a command counts as one of their API requests), or, for a token that opens no hook, over the anonymous per-address limit; see Retry-After',
      },
    },
    async handler({ params, metadata, req, res }) {
      const admittedHook = await admitted(params.token, req, res);
      const body = await readRawBody(req, limits.jsonBodyBytes);
      const hook = await stillLive(currentOf, admittedHook);
      return receiver.receive({ hook, body, metadata, ip: req.ip ?? null, header: (name) => req.get(name) });
    },
  });
}
