import { z } from 'zod';
import { POSITION_SHAPE } from '../../ports/eventStore';
import { positionBefore } from '../../projections/feedClock/feedClockQuery';
import { positionJustBefore } from '../../webhooks/replay/positionJustBefore';
import type { ReplayWindow } from '../../webhooks/replay/webhookReplay';
import type { ApiServices } from '../apiServices';
import { ApiError } from '../http/apiError';
import type { Route } from '../http/route';
import { idParams, route } from '../http/route';
import { requireOwnedWebhook } from './requireOwnedWebhook';
import { webhookRoute } from './webhookRoute';

const instant = z.iso.datetime({ offset: true });

export const replayInput = z
  .strictObject({
    from_position: z
      .string()
      .regex(POSITION_SHAPE, { message: 'expected a position as X-Filora-Position answers it' })
      .optional()
      .meta({ description: 'Re-send the events from this position of the log on (it included).' }),
    since: instant.optional().meta({ description: 'Re-send the events from this time on.' }),
    until: instant.optional().meta({ description: 'Re-send the events up to this time only.' }),
  })
  .superRefine((input, context) => {
    const starts = [input.from_position, input.since].filter((start) => start !== undefined).length;
    if (starts !== 1)
      context.addIssue({
        code: 'custom',
        path: ['from_position'],
        message: starts === 0 ? 'missing: give from_position or since' : 'give either from_position or since, not both',
      });
    if (input.since !== undefined && Date.parse(input.since) > Date.now())
      context.addIssue({ code: 'custom', path: ['since'], message: 'since is in the future: no event can match it yet' });
    if (input.since !== undefined && input.until !== undefined && Date.parse(input.until) < Date.parse(input.since))
      context.addIssue({ code: 'custom', path: ['until'], message: 'until is before since' });
  });

export const replayResponse = z
  .object({
    replay_id: z.uuid().meta({ description: 'Its deliveries are new ones; each keeps the `webhook-id` the event had for this webhook.' }),
    from_position: z.string().nullable().meta({ description: 'The first event of the log the replay reads; null when there is none.' }),
    through_position: z
      .string()
      .nullable()
      .meta({ description: 'The log is read up to this position (where who sees what was final when the replay began).' }),
  })
  .meta({ id: 'WebhookReplay' });

/**
 * POST /webhooks/:id/replay: every matching event of the log again, as new deliveries; no window cap. It answers
 * at once and the replay runs in the background (WebhookReplay), one at a time per webhook.
 */
export function replayRoute(services: ApiServices): Route {
  const { readStore, webhookReplay } = services;

  const windowOf = async (input: z.infer<typeof replayInput>): Promise<ReplayWindow> => {
    const until = input.until === undefined ? undefined : new Date(input.until);
    if (input.from_position !== undefined) return { after: positionJustBefore(input.from_position), until };
    const since = new Date(input.since!);
    return { after: await positionBefore(readStore, since), since, until };
  };

  return route({
    method: 'post',
    ...webhookRoute('/:id/replay'),
    summary: 'Re-send every event of the log the webhook matches, from a position or a time on (no window cap)',
    params: idParams,
    body: replayInput,
    responses: {
      202: {
        description: 'The replay has begun: its deliveries are created in the background and sent as the endpoint allows',
        schema: replayResponse,
      },
      404: { description: 'No such webhook' },
      409: { description: 'The webhook is disabled, or a replay of it is still running' },
    },
    async handler({ params, body, principal }) {
      const webhook = await requireOwnedWebhook(readStore, principal.userId, params.id);
      if (!webhook.enabled) throw new ApiError('conflict', 'the webhook is disabled: enable it (enabled: true) before replaying to it');
      const started = await webhookReplay.start(webhook, await windowOf(body));
      if (started === null) throw new ApiError('conflict', 'a replay of this webhook is still running: ask again once it has finished');
      return {
        status: 202,
        body: { replay_id: started.replayId, from_position: started.fromPosition, through_position: started.throughPosition },
      };
    },
  });
}
