import type { Scope } from '../../domain/access/scopes';
import type { Principal } from '../auth/principal';
import { ApiError } from '../http/apiError';

/** What every incoming webhook management route shares (CRUD, token, logs, dry run): the path below /api/v1 and the `webhooks.manage` scope. */
export const incomingWebhookRoute = (suffix = '') => ({
  path: `/incoming-webhooks${suffix}`,
  tag: 'incoming webhooks',
  access: 'webhooks.manage' as const,
});

/**
 * A hook's URL writes files as its owner, and a dry run tells what files exist: making or changing a hook needs `files.write`
 * and a dry run `files.read`, besides `webhooks.manage`, so a token cannot do through a hook what its scopes do not allow.
 * A login session holds every scope.
 */
export function requireFileScope(principal: Principal, scope: Extract<Scope, 'files.write' | 'files.read'>): void {
  if (!principal.scopes.has(scope)) throw new ApiError('forbidden', `this call needs the ${scope} scope as well as webhooks.manage`);
}
