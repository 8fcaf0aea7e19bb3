import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/access/accessPolicy';
import { DEFAULT_PREVIOUS_SECRET_SECONDS } from '../../domain/webhook/webhookDecider';
import type { WebhookCommand } from '../../domain/webhook/webhookDecider';
import type { WebhookSettings } from '../../domain/webhook/webhookEvents';
import type { EventMetadata, Position } from '../../ports/eventStore';
import { newWebhookSecret } from '../../security/webhookSecrets';
import type { WebhookSecretBox } from '../../security/webhookSecrets';
import { webhookAggregate } from '../aggregates';
import type { CommandPipeline } from '../pipeline';

/** A command's outcome: where it was written, for read-your-writes. */
export interface WebhookWrite {
  webhookId: string;
  position: Position | null;
}

/** A write that made a signing secret: the only moment it is shown. */
export interface IssuedSecretWrite extends WebhookWrite {
  secret: string;
}

/** How many live webhooks a user has, for the per-user limit (the webhooks read model). */
export type OwnedWebhookCount = (ownerId: string) => Promise<number>;

/** Metadata of the platform's own decisions (the dispatcher's), which no request caused. */
const DISPATCHER_METADATA: EventMetadata = { causationId: 'webhook-dispatcher', correlationId: 'webhook-dispatcher' };

type ManagingCommand = Exclude<WebhookCommand, { type: 'RegisterWebhook' }>;

/** Registers and manages a user's webhooks; signing secrets are made here and stored sealed only. */
export class WebhookCommands {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly secretBox: Pick<WebhookSecretBox, 'seal'>,
    private readonly ownedWebhooks: OwnedWebhookCount,
    private readonly newId: () => string = randomUUID,
    private readonly newSecret: () => string = newWebhookSecret,
  ) {}

  async register(owner: Actor, settings: WebhookSettings, metadata: EventMetadata): Promise<IssuedSecretWrite> {
    const webhookId = this.newId();
    const secret = this.newSecret();
    const command = {
      type: 'RegisterWebhook' as const,
      webhookId,
      ownerId: owner.userId,
      encryptedSecret: this.secretBox.seal(secret),
      settings,
      ownedWebhooks: await this.ownedWebhooks(owner.userId),
    };
    const { position } = await this.pipeline.create(webhookAggregate, webhookId, command, metadata);
    return { webhookId, secret, position };
  }

  /** PATCH names some settings, PUT all of them; `enabled: false` records a WebhookDisabled. */
  change(actor: Actor, webhookId: string, changes: Partial<WebhookSettings>, metadata: EventMetadata): Promise<WebhookWrite> {
    return this.manage(webhookId, { type: 'ChangeWebhook', actor, changes }, metadata);
  }

  /** A new secret; the previous one keeps signing beside it for `expirePreviousInSeconds` (24 h by default). */
  async rotateSecret(
    actor: Actor,
    webhookId: string,
    expirePreviousInSeconds: number = DEFAULT_PREVIOUS_SECRET_SECONDS,
    metadata: EventMetadata = {},
  ): Promise<IssuedSecretWrite> {
    const secret = this.newSecret();
    const command = { type: 'RotateWebhookSecret' as const, actor, encryptedSecret: this.secretBox.seal(secret), expirePreviousInSeconds };
    const write = await this.manage(webhookId, command, metadata);
    return { ...write, secret };
  }

  delete(actor: Actor, webhookId: string, metadata: EventMetadata): Promise<WebhookWrite> {
    return this.manage(webhookId, { type: 'DeleteWebhook', actor }, metadata);
  }

  /**
   * The dispatcher's decision (410 Gone, five days of failures): records WebhookDisabled with the reason,
   * shown in `GET /webhooks/{id}`. Appends nothing for a webhook already disabled or deleted.
   */
  disableWebhook(webhookId: string, reason: string): Promise<WebhookWrite> {
    return this.manage(webhookId, { type: 'DisableWebhook', reason }, DISPATCHER_METADATA);
  }

  private async manage(webhookId: string, command: ManagingCommand, metadata: EventMetadata): Promise<WebhookWrite> {
    const { position } = await this.pipeline.execute(webhookAggregate, webhookId, command, metadata);
    return { webhookId, position };
  }
}
