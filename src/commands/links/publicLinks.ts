import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/access/accessPolicy';
import { resourceOf } from '../../domain/access/accessPolicy';
import type { LinkCommand, LinkResourceKind, LinkSettings } from '../../domain/link/linkDecider';
import type { LinkPermission } from '../../domain/link/linkEvents';
import type { EventMetadata, Position } from '../../ports/eventStore';
import type { PasswordHasher } from '../../security/passwordHasher';
import { fileAggregate, folderAggregate, linkAggregate } from '../aggregates';
import type { CommandPipeline } from '../pipeline';

/** What the owner asks for; the password arrives in clear and is hashed here. */
export interface LinkRequest {
  permission: LinkPermission;
  expiresAt: string | null;
  password: string | null;
  maxDownloads: number | null;
}

/** A command's outcome: where it was written, for read-your-writes. */
export interface LinkWrite {
  linkId: string;
  position: Position | null;
}

/** Creates, changes and revokes public links; only scrypt hashes of their passwords go into events. */
export class PublicLinks {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly passwords: PasswordHasher,
    private readonly newId: () => string = randomUUID,
  ) {}

  /** A link to a file or folder the actor owns; the resource is checked on its own stream, not a read model. */
  async create(
    actor: Actor,
    resourceKind: LinkResourceKind,
    resourceId: string,
    request: LinkRequest,
    metadata: EventMetadata,
  ): Promise<LinkWrite> {
    const loaded =
      resourceKind === 'file' ? await this.pipeline.load(fileAggregate, resourceId) : await this.pipeline.load(folderAggregate, resourceId);
    const linkId = this.newId();
    const settings: LinkSettings = {
      permission: request.permission,
      expiresAt: request.expiresAt,
      passwordHash: request.password === null ? null : await this.passwords.hash(request.password),
      maxDownloads: request.maxDownloads,
    };
    const command: LinkCommand = {
      type: 'CreateLink',
      actor,
      linkId,
      resourceKind,
      resourceId,
      resource: resourceOf(loaded.state),
      settings,
    };
    const { position } = await this.pipeline.create(linkAggregate, linkId, command, metadata);
    return { linkId, position };
  }

  /** Changes the settings given; `password: null` removes the password. */
  async update(actor: Actor, linkId: string, changes: Partial<LinkRequest>, metadata: EventMetadata): Promise<LinkWrite> {
    const { password, ...rest } = changes;
    const passwordHash = password === undefined || password === null ? password : await this.passwords.hash(password);
    return this.execute(linkId, { type: 'UpdateLink', actor, changes: { ...rest, passwordHash } }, metadata);
  }

  revoke(actor: Actor, linkId: string, metadata: EventMetadata): Promise<LinkWrite> {
    return this.execute(linkId, { type: 'RevokeLink', actor }, metadata);
  }

  private async execute(linkId: string, command: LinkCommand, metadata: EventMetadata): Promise<LinkWrite> {
    const { position } = await this.pipeline.execute(linkAggregate, linkId, command, metadata);
    return { linkId, position };
  }
}
