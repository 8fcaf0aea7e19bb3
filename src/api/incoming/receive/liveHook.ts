import type { CurrentIncomingWebhook } from '../../../commands/incoming/incomingWebhookCommands';
import type { ReadStore } from '../../../ports/readStore';
import { incomingWebhookByTokenHash } from '../../../projections/incoming/incomingWebhookQueries';
import { hashIncomingWebhookToken, isWellFormedIncomingWebhookToken } from '../../../security/incomingWebhookTokens';
import { ApiError } from '../../http/apiError';

/** The hook's stream, the authority on which token is current (IncomingWebhookCommands.currentIncomingWebhook). */
export type CurrentIncomingWebhookOf = (incomingWebhookId: string) => Promise<CurrentIncomingWebhook | null>;

const unknownToken = () => new ApiError('not_found', 'no incoming webhook has this URL');

/**
 * The hook a receive URL's token belongs to, if it may be called now. The read model finds the hook by the
 * token's hash; its stream then confirms the token is still the current one (a regenerated or deleted
 * hook's old URL stops at once, before the read model has caught up) and gives the settings to run with.
 * Unknown, old and deleted tokens are answered alike (404); a disabled hook 403.
 */
export async function liveHook(readStore: ReadStore, currentOf: CurrentIncomingWebhookOf, token: string): Promise<CurrentIncomingWebhook> {
  if (!isWellFormedIncomingWebhookToken(token)) throw unknownToken();
  const tokenHash = hashIncomingWebhookToken(token);
  const found = await incomingWebhookByTokenHash(readStore, tokenHash);
  return callable(found && (await currentOf(found._id)), tokenHash);
}

/**
 * The hook again, from its stream, once the call's body has arrived: a regenerate, delete, disable or change of
 * settings made while the body was on its way decides the call, and the settings to verify and run with are
 * the current ones.
 */
export async function stillLive(currentOf: CurrentIncomingWebhookOf, admitted: CurrentIncomingWebhook): Promise<CurrentIncomingWebhook> {
  return callable(await currentOf(admitted.incomingWebhookId), admitted.tokenHash);
}

function callable(hook: CurrentIncomingWebhook | null, tokenHash: string): CurrentIncomingWebhook {
  if (!hook || hook.tokenHash !== tokenHash) throw unknownToken();
  if (!hook.settings.enabled) throw new ApiError('forbidden', 'this incoming webhook is disabled; its owner can enable it');
  return hook;
}
