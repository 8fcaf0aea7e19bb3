import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/access/accessPolicy';
import { ALL_SCOPES } from '../../domain/access/scopes';
import type { IncomingWebhookCommand, IncomingWebhookState } from '../../domain/incoming/incomingWebhookDecider';
import { isLiveIncomingWebhook } from '../../domain/incoming/incomingWebhookDecider';
import type { IncomingWebhookSettings, VerificationSettings } from '../../domain/incoming/incomingWebhookEvents';
import { DomainError, notFound } from '../../domain/shared/domainError';
import type { EventMetadata, Position } from '../../ports/eventStore';
import type { IssuedToken } from '../../security/checksummedTokens';
import { issueIncomingWebhookToken } from '../../security/incomingWebhookTokens';
import { newVerificationSecret } from '../../security/verificationSecrets';
import type { WebhookSecretBox } from '../../security/webhookSecrets';
import { incomingWebhookAggregate } from '../aggregates';
import { FolderTree } from '../folders/folderTree';
import type { CommandPipeline, LoadedStream } from '../pipeline';

/** A command's outcome: where it was written, for read-your-writes. */
export interface IncomingWebhookWrite {
  incomingWebhookId: string;
  position: Position | null;
}

/** A verification secret the owner gave, or null to have one made (when the verification needs one). */
export interface SecretChoice {
  secret?: string | null;
}

/** A new hook's settings, with its verification secret if the owner chose it. */
export type IncomingWebhookDraft = IncomingWebhookSettings & SecretChoice;

export type IncomingWebhookChanges = Partial<IncomingWebhookSettings> & SecretChoice;

/** The creation: the only answer, with regeneration, that holds the token; and the verification secret when there is one. */
export interface CreatedIncomingWebhook extends IncomingWebhookWrite {
  token: string;
  secret: string | null;
}

/** A change: `secret` is the verification secret it set (given or made), null when it kept or removed it. */
export interface ChangedIncomingWebhook extends IncomingWebhookWrite {
  secret: string | null;
}

export interface RegeneratedToken extends IncomingWebhookWrite {
  token: string;
}

/** The hook as its stream has it now: the authority on which token is current and whether it still exists. */
export interface CurrentIncomingWebhook {
  incomingWebhookId: string;
  ownerId: string;
  tokenHash: string;
  encryptedSecret: string | null;
  settings: IncomingWebhookSettings;
}

/** How many live incoming webhooks a user has, for the per-user limit (the read model). */
export type OwnedIncomingWebhookCount = (ownerId: string) => Promise<number>;

type ManagingCommand = Exclude<IncomingWebhookCommand, { type: 'CreateIncomingWebhook' }>;

/** The verification secret a change stores: sealed when set, null when none is wanted, undefined when kept. */
interface SecretDecision {
  plain: string | null;
  sealed: string | null | undefined;
}

/**
 * Creates and manages a user's incoming webhooks. Receive-URL tokens are made here and kept as their hash
 * only; verification secrets (which the receive route must check signatures with) are kept sealed.
 */
export class IncomingWebhookCommands {
  private readonly folders: FolderTree;

  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly secretBox: Pick<WebhookSecretBox, 'seal'>,
    private readonly ownedIncomingWebhooks: OwnedIncomingWebhookCount,
    private readonly newId: () => string = randomUUID,
    private readonly issueToken: () => IssuedToken = issueIncomingWebhookToken,
  ) {
    this.folders = new FolderTree(pipeline);
  }

  async create(owner: Actor, draft: IncomingWebhookDraft, metadata: EventMetadata): Promise<CreatedIncomingWebhook> {
    const { secret: chosen, ...settings } = draft;
    await this.requireOwnersFolder(owner.userId, settings.folderId);
    const incomingWebhookId = this.newId();
    const token = this.issueToken();
    const kind = settings.verification.kind;
    const secret = kind === 'none' ? null : (chosen ?? newVerificationSecret(kind));
    const command = {
      type: 'CreateIncomingWebhook' as const,
      incomingWebhookId,
      ownerId: owner.userId,
      token: { tokenHash: token.secretHash, tokenPrefix: token.prefix },
      encryptedSecret: secret === null ? null : this.secretBox.seal(secret),
      settings,
      ownedIncomingWebhooks: await this.ownedIncomingWebhooks(owner.userId),
    };
    const { position } = await this.pipeline.create(incomingWebhookAggregate, incomingWebhookId, command, metadata);
    return { incomingWebhookId, position, token: token.secret, secret };
  }

  /**
   * PATCH names some settings, PUT all of them. A verification of another kind without a secret gets a new
   * one; the same kind keeps its secret unless one is given; `none` drops it.
   */
  async change(
    actor: Actor,
    incomingWebhookId: string,
    changes: IncomingWebhookChanges,
    metadata: EventMetadata,
  ): Promise<ChangedIncomingWebhook> {
    const { secret: chosen, ...settings } = changes;
    let issued: string | null = null;
    const commandFor = async (loaded: LoadedStream<IncomingWebhookState>): Promise<ManagingCommand> => {
      if (settings.folderId !== undefined && isLiveIncomingWebhook(loaded.state) && loaded.state.ownerId === actor.userId)
        await this.requireOwnersFolder(actor.userId, settings.folderId);
      const decision = this.secretFor(loaded.state, settings.verification, chosen);
      issued = decision.plain;
      return {
        type: 'ChangeIncomingWebhook',
        actor,
        changes: settings,
        ...(decision.sealed === undefined ? {} : { encryptedSecret: decision.sealed }),
      };
    };
    const { position } = await this.pipeline.execute(incomingWebhookAggregate, incomingWebhookId, commandFor, metadata);
    return { incomingWebhookId, position, secret: issued };
  }

  /** A new receive URL; the old one stops at once (the receive route checks the token against the stream). */
  async regenerateToken(actor: Actor, incomingWebhookId: string, metadata: EventMetadata): Promise<RegeneratedToken> {
    const token = this.issueToken();
    const command = {
      type: 'RegenerateIncomingWebhookToken' as const,
      actor,
      token: { tokenHash: token.secretHash, tokenPrefix: token.prefix },
    };
    const write = await this.manage(incomingWebhookId, command, metadata);
    return { ...write, token: token.secret };
  }

  delete(actor: Actor, incomingWebhookId: string, metadata: EventMetadata): Promise<IncomingWebhookWrite> {
    return this.manage(incomingWebhookId, { type: 'DeleteIncomingWebhook', actor }, metadata);
  }

  /** The hook as its stream has it now, or null when it never existed or was deleted. */
  async currentIncomingWebhook(incomingWebhookId: string): Promise<CurrentIncomingWebhook | null> {
    const { state } = await this.pipeline.load(incomingWebhookAggregate, incomingWebhookId);
    if (!isLiveIncomingWebhook(state)) return null;
    return {
      incomingWebhookId,
      ownerId: state.ownerId!,
      tokenHash: state.token!.tokenHash,
      encryptedSecret: state.encryptedSecret,
      settings: state.settings!,
    };
  }

  private async manage(incomingWebhookId: string, command: ManagingCommand, metadata: EventMetadata): Promise<IncomingWebhookWrite> {
    const { position } = await this.pipeline.execute(incomingWebhookAggregate, incomingWebhookId, command, metadata);
    return { incomingWebhookId, position };
  }

  private secretFor(
    state: IncomingWebhookState,
    verification: VerificationSettings | undefined,
    chosen: string | null | undefined,
  ): SecretDecision {
    if (verification === undefined) return { plain: null, sealed: undefined };
    if (verification.kind === 'none') return { plain: null, sealed: null };
    const keeps = chosen == null && state.settings?.verification.kind === verification.kind && state.encryptedSecret !== null;
    if (keeps) return { plain: null, sealed: undefined };
    const secret = chosen ?? newVerificationSecret(verification.kind)!;
    return { plain: secret, sealed: this.secretBox.seal(secret) };
  }

  /**
   * A hook's default folder: one its owner may write into now. Anything else (missing, deleted, someone
   * else's, shared read-only) is not found, so folder ids cannot be probed through hooks.
   */
  private async requireOwnersFolder(ownerId: string, folderId: string | null): Promise<void> {
    if (folderId === null) return;
    try {
      await this.folders.requireWritable({ userId: ownerId, scopes: ALL_SCOPES }, folderId);
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'forbidden') throw notFound('folder not found');
      throw error;
    }
  }
}
