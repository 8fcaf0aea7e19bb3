import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/access/accessPolicy';
import type { OAuthAppCommand } from '../../domain/oauth/oauthAppDecider';
import type { OAuthClientType } from '../../domain/oauth/oauthAppEvents';
import type { OAuthAppSettings } from '../../domain/oauth/oauthAppSettings';
import type { EventMetadata, Position } from '../../ports/eventStore';
import { issueClientSecret } from '../../security/oauthClientSecrets';
import type { CommandPipeline } from '../pipeline';
import { oauthAppAggregate } from './oauthAppAggregate';

/** A command's outcome: where it was written, for read-your-writes. */
export interface OAuthAppWrite {
  appId: string;
  position: Position | null;
}

/** A write that made a client secret (registering a confidential app, rotating): the only moment it is shown. */
export interface IssuedClientSecretWrite extends OAuthAppWrite {
  /** Null for a public client, which has none. */
  secret: string | null;
}

/** How many apps a user has (the oauth_apps read model), for the per-user limit. */
export type OwnedAppCount = (ownerId: string) => Promise<number>;

type ManagingCommand = Exclude<OAuthAppCommand, { type: 'RegisterApp' }>;

/** Registers and manages a user's OAuth apps; client secrets are made here and only their hashes go into events. */
export class OAuthAppCommands {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly ownedApps: OwnedAppCount,
    private readonly newId: () => string = randomUUID,
  ) {}

  async register(
    owner: Actor,
    settings: OAuthAppSettings,
    clientType: OAuthClientType,
    metadata: EventMetadata,
  ): Promise<IssuedClientSecretWrite> {
    const appId = this.newId();
    const issued = clientType === 'confidential' ? issueClientSecret() : null;
    const command = {
      type: 'RegisterApp' as const,
      appId,
      ownerId: owner.userId,
      settings,
      clientType,
      secretHash: issued?.secretHash ?? null,
      ownedApps: await this.ownedApps(owner.userId),
    };
    const { position } = await this.pipeline.create(oauthAppAggregate, appId, command, metadata);
    return { appId, secret: issued?.secret ?? null, position };
  }

  change(actor: Actor, appId: string, changes: Partial<OAuthAppSettings>, metadata: EventMetadata): Promise<OAuthAppWrite> {
    return this.manage(appId, { type: 'ChangeApp', actor, changes }, metadata);
  }

  /** A new client secret; the previous one stops working at once (the protocol reads the app's stream). */
  async rotateSecret(actor: Actor, appId: string, metadata: EventMetadata): Promise<IssuedClientSecretWrite> {
    const { secret, secretHash } = issueClientSecret();
    const write = await this.manage(appId, { type: 'RotateAppSecret', actor, secretHash }, metadata);
    return { ...write, secret };
  }

  /** The app stops being a client at once; revoking the grants users gave it is revokeGrantsOfApp's job. */
  delete(actor: Actor, appId: string, metadata: EventMetadata): Promise<OAuthAppWrite> {
    return this.manage(appId, { type: 'DeleteApp', actor }, metadata);
  }

  private async manage(appId: string, command: ManagingCommand, metadata: EventMetadata): Promise<OAuthAppWrite> {
    const { position } = await this.pipeline.execute(oauthAppAggregate, appId, command, metadata);
    return { appId, position };
  }
}
