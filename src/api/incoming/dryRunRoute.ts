import { z } from 'zod';
import type { MappingHook } from '../../domain/incoming/mapping/applyMapping';
import { applyMapping } from '../../domain/incoming/mapping/applyMapping';
import type { MappingIssue } from '../../domain/incoming/incomingCommand';
import type { IncomingCommandRunner } from '../../incoming/incomingPorts';
import { hookOwner } from '../../incoming/hookOwner';
import type { ApiServices } from '../apiServices';
import { toApiError } from '../http/errorHandler';
import type { Route } from '../http/route';
import { idParams, route } from '../http/route';
import { snakeCaseKeys } from '../http/snakeCaseKeys';
import { incomingWebhookRoute, requireFileScope } from './incomingWebhookRouteBase';
import { dryRunInput } from './incomingWebhookSchemas';
import { triedSettings } from './incomingWebhookSettings';
import { requireOwnedIncomingWebhook } from './requireOwnedIncomingWebhook';

const issue = z.object({ path: z.string(), message: z.string() });

export const dryRunResponse = z
  .discriminatedUnion('valid', [
    z.object({
      valid: z.literal(true),
      command: z.record(z.string(), z.unknown()).meta({ description: 'The command the mapping makes of the payload, snake_case.' }),
      plan: z.object({
        branch: z.enum(['create', 'update']),
        target_id: z.uuid().nullable().meta({ description: 'The file an update would change; null for a create.' }),
      }),
    }),
    z.object({
      valid: z.literal(false),
      errors: z.array(issue).meta({ description: 'Why no command would run: the mapping’s issues, or the refusal a run would meet.' }),
    }),
  ])
  .meta({ id: 'IncomingWebhookDryRun' });

type DryRunAnswer = z.infer<typeof dryRunResponse>;

const invalid = (errors: MappingIssue[]): DryRunAnswer => ({ valid: false, errors });

/**
 * Maps the payload with the settings and plans the command as the hook's owner, reading only; a refusal a run
 * would meet (no such file, folder) is an invalid answer too.
 */
async function dryRun(runner: IncomingCommandRunner, ownerId: string, settings: MappingHook, payload: unknown): Promise<DryRunAnswer> {
  const mapped = applyMapping(settings, payload);
  if (!mapped.ok) return invalid(mapped.issues);
  try {
    const plan = await runner.plan(hookOwner(ownerId), mapped.command);
    return { valid: true, command: snakeCaseKeys(mapped.command), plan: { branch: plan.branch, target_id: plan.targetId } };
  } catch (error) {
    const refusal = toApiError(error);
    if (refusal === null || refusal.status >= 500) throw error;
    return invalid(refusal.details.length > 0 ? refusal.details : [{ path: 'command', message: refusal.message }]);
  }
}

/**
 * POST /incoming-webhooks/{id}/test: what a call with this payload would do, run nowhere: nothing is appended or
 * logged. Settings sent beside the payload are tried instead of the stored ones and saved nowhere.
 */
export function dryRunRoute(services: ApiServices): Route {
  const { readStore, incoming } = services;
  return route({
    method: 'post',
    ...incomingWebhookRoute('/:id/test'),
    summary:
      'Dry-run a payload: the command the hook’s mapping (or an unsaved one sent with it) makes of it and what it would do, or why it would not run; changes nothing',
    params: idParams,
    body: dryRunInput,
    responses: {
      200: { description: '`valid: true` with the command and its plan, or `valid: false` with the errors', schema: dryRunResponse },
      400: {
        description:
          'The body is not a payload object with settings a PATCH would take: a tried setting that a PATCH would refuse (or that does not fit the action with the others) is named in `details`',
      },
      404: { description: 'No such incoming webhook (or it is another user’s)' },
    },
    async handler({ params, body, principal }) {
      requireFileScope(principal, 'files.read');
      const hook = await requireOwnedIncomingWebhook(readStore, principal.userId, params.id);
      const { payload, ...tried } = body;
      return { status: 200, body: await dryRun(incoming.runner, hook.ownerId, triedSettings(hook, tried), payload) };
    },
  });
}
