import type { Actor } from '../domain/access/accessPolicy';
import { readsEveryStream } from '../domain/user/roles';
import { publishedStream } from '../dispatch/publishedStream';
import type { EventStore } from '../ports/eventStore';
import type { ReadStore } from '../ports/readStore';
import type { OwnedDocument } from '../projections/accessibleDocuments';
import { canSee } from '../projections/accessibleDocuments';
import { FILES } from '../projections/files/fileViews';
import { FOLDERS } from '../projections/folders/folderViews';
import type { RoleLookup, StreamAccess } from './auditPorts';

/** Read models of the resources whose streams others may read through a share (downloads count as their file's). */
const SHARED_COLLECTIONS: Readonly<Record<string, string>> = { file: FILES, folder: FOLDERS };

/**
 * Who reads a stream's history: a caller whose roles read every stream; the user their own stream
 * (`user-<id>`) and any stream whose first event names them as its `ownerId` (deleted resources included); and
 * a file or folder they may see now through the access policy. Anything else, existing or not, is unreadable.
 */
export class PolicyStreamAccess implements StreamAccess {
  constructor(
    private readonly eventStore: EventStore,
    private readonly readStore: ReadStore,
    private readonly roles: RoleLookup,
  ) {}

  async mayRead(actor: Actor, stream: string): Promise<boolean> {
    if (stream === `user-${actor.userId}`) return true;
    if (readsEveryStream(await this.roles.rolesOf(actor.userId))) return true;
    const [first] = await this.eventStore.readStream(stream, { limit: 1 });
    if (first === undefined) return false;
    if (first.data.ownerId === actor.userId) return true;
    const published = publishedStream(stream);
    const collection = SHARED_COLLECTIONS[published.category];
    if (collection === undefined) return false;
    const row = await this.readStore.get<OwnedDocument>(collection, published.streamId.slice(published.category.length + 1));
    return row !== null && (await canSee(this.readStore, actor, row));
  }
}
