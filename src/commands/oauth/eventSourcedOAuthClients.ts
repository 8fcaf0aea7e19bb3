import { z } from 'zod';
import type { OAuthAppState } from '../../domain/oauth/oauthAppDecider';
import { constantTimeEqual } from '../../domain/shared/constantTimeEqual';
import { hashClientSecret } from '../../security/oauthClientSecrets';
import type { CommandPipeline } from '../pipeline';
import { oauthAppAggregate } from './oauthAppAggregate';
import type { OAuthClient, OAuthClients } from './oauthPorts';

const clientIdFormat = z.uuid();

function clientOf(state: OAuthAppState): OAuthClient | null {
  if (!state.exists || state.deleted) return null;
  const { appId, ownerId, clientType, settings } = state;
  return {
    clientId: appId!,
    ownerId: ownerId!,
    name: settings!.name,
    redirectUris: settings!.redirectUris,
    scopes: settings!.scopes,
    clientType: clientType!,
  };
}

/**
 * Apps read from their own streams through the pipeline's load (folded on from what this process folded
 * before): a change, a rotated secret or a deletion counts at the next call, on every process.
 */
export class EventSourcedOAuthClients implements OAuthClients {
  constructor(private readonly pipeline: Pick<CommandPipeline, 'load'>) {}

  async find(clientId: string): Promise<OAuthClient | null> {
    return (await this.live(clientId))?.client ?? null;
  }

  async authenticate(clientId: string, secret: string | null): Promise<OAuthClient | null> {
    const app = await this.live(clientId);
    if (!app) return null;
    const { client, secretHash } = app;
    if (client.clientType === 'public') return secret === null ? client : null;
    if (secret === null || secretHash === null) return null;
    return constantTimeEqual(hashClientSecret(secret), secretHash) ? client : null;
  }

  private async live(clientId: string): Promise<{ client: OAuthClient; secretHash: string | null } | null> {
    // A malformed id names no stream: never read one made from caller input.
    if (!clientIdFormat.safeParse(clientId).success) return null;
    const { state } = await this.pipeline.load(oauthAppAggregate, clientId);
    const client = clientOf(state);
    return client && { client, secretHash: state.secretHash };
  }
}
