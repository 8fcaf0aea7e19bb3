import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/access/accessPolicy';
import type { TokenCommand } from '../../domain/token/tokenDecider';
import type { TokenSettings } from '../../domain/token/tokenEvents';
import type { EventMetadata, Position } from '../../ports/eventStore';
import { issueApiToken } from '../../security/apiTokenSecrets';
import { tokenAggregate } from '../aggregates';
import type { CommandPipeline } from '../pipeline';

/** A command's outcome: where it was written, for read-your-writes. */
export interface TokenWrite {
  tokenId: string;
  position: Position | null;
}

/** A write that issued a secret: the only moment the secret exists outside its holder. */
export interface IssuedTokenWrite extends TokenWrite {
  secret: string;
}

type ManagingCommand = Exclude<TokenCommand, { type: 'CreateToken' }>;

/** Creates and manages a user's API tokens; secrets are generated here and only their hashes go into events. */
export class ApiTokens {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly newId: () => string = randomUUID,
  ) {}

  async create(owner: Actor, settings: TokenSettings, metadata: EventMetadata): Promise<IssuedTokenWrite> {
    const tokenId = this.newId();
    const { secret, secretHash, prefix } = issueApiToken();
    const command = { type: 'CreateToken' as const, tokenId, ownerId: owner.userId, secretHash, prefix, ...settings };
    const { position } = await this.pipeline.create(tokenAggregate, tokenId, command, metadata);
    return { tokenId, secret, position };
  }

  change(actor: Actor, tokenId: string, changes: Partial<TokenSettings>, metadata: EventMetadata): Promise<TokenWrite> {
    return this.manage(tokenId, { type: 'ChangeToken', actor, ...changes }, metadata);
  }

  revoke(actor: Actor, tokenId: string, metadata: EventMetadata): Promise<TokenWrite> {
    return this.manage(tokenId, { type: 'RevokeToken', actor }, metadata);
  }

  /** A new secret for the same token; the old one stops working as soon as the read models see the event. */
  async regenerate(actor: Actor, tokenId: string, metadata: EventMetadata): Promise<IssuedTokenWrite> {
    const { secret, secretHash, prefix } = issueApiToken();
    const write = await this.manage(tokenId, { type: 'RegenerateToken', actor, secretHash, prefix }, metadata);
    return { ...write, secret };
  }

  delete(actor: Actor, tokenId: string, metadata: EventMetadata): Promise<TokenWrite> {
    return this.manage(tokenId, { type: 'DeleteToken', actor }, metadata);
  }

  private async manage(tokenId: string, command: ManagingCommand, metadata: EventMetadata): Promise<TokenWrite> {
    const { position } = await this.pipeline.execute(tokenAggregate, tokenId, command, metadata);
    return { tokenId, position };
  }
}
