import type { Actor, GrantPermission } from '../../domain/access/accessPolicy';
import type { Grantee } from '../../domain/share/shareDecisions';
import { DomainError } from '../../domain/shared/domainError';
import type { EventMetadata, Position } from '../../ports/eventStore';
import type { SharedKind, SharedStreams } from './sharedStreams';

export type ShareOutcome = 'created' | 'updated' | 'skipped' | 'failed';

/** What became of one resource × grantee pair. */
export interface ShareItem {
  resourceId: string;
  /** The resource's name, when the command could read it. */
  name: string | null;
  principalId: string;
  permission: GrantPermission;
  outcome: ShareOutcome;
  /** Why it was skipped or failed: self, already_shared, file_not_found, folder_not_found, forbidden, ... */
  reason: string | null;
}

/** What became of one resource: its name once read, or why its command was refused. */
export interface SharedResource {
  resourceId: string;
  name: string | null;
  failure: string | null;
}

export interface SharedResources {
  /** One per resource, in the order asked (each once). */
  resources: SharedResource[];
  items: ShareItem[];
  /** Position of the last share event appended, or null when nothing changed. */
  position: Position | null;
}

/** Why a whole resource's items failed, from what its command threw; errors that are not the caller's propagate. */
function failureReason(kind: SharedKind, error: unknown): string {
  if (!(error instanceof DomainError) || error.kind === 'unavailable') throw error;
  if (error.kind === 'not_found') return `${kind}_not_found`;
  return error.kind;
}

/** A user named twice gets the first grant asked for them. */
function firstPerPrincipal(grantees: readonly Grantee[]): Grantee[] {
  const seen = new Set<string>();
  return grantees.filter(({ principalId }) => !seen.has(principalId) && Boolean(seen.add(principalId)));
}

/**
 * Shares each resource with every grantee: one command per resource, all its grantees in one append.
 * A resource the command refuses (not found, not the actor's to share) fails only its own items. With
 * no grantee, the command only checks that the actor may share each resource.
 */
export class ShareResources {
  constructor(private readonly streams: SharedStreams) {}

  async run(
    actor: Actor,
    kind: SharedKind,
    resourceIds: readonly string[],
    grantees: readonly Grantee[],
    metadata: EventMetadata,
  ): Promise<SharedResources> {
    const uniqueGrantees = firstPerPrincipal(grantees);
    const resources: SharedResource[] = [];
    const items: ShareItem[] = [];
    let position: Position | null = null;
    for (const resourceId of new Set(resourceIds)) {
      const item = (grantee: Grantee, name: string | null, outcome: ShareOutcome, reason: string | null): ShareItem => ({
        resourceId,
        name,
        principalId: grantee.principalId,
        permission: grantee.permission,
        outcome,
        reason,
      });
      try {
        const result = await this.streams.execute(kind, resourceId, { type: 'ShareResource', actor, grantees: uniqueGrantees }, metadata);
        position = result.position ?? position;
        resources.push({ resourceId, name: result.name, failure: null });
        for (const grantee of uniqueGrantees) {
          const event = result.events.find((candidate) => candidate.principalId === grantee.principalId);
          if (event) items.push(item(grantee, result.name, event.change === 'created' ? 'created' : 'updated', null));
          else items.push(item(grantee, result.name, 'skipped', grantee.principalId === result.ownerId ? 'self' : 'already_shared'));
        }
      } catch (error) {
        const reason = failureReason(kind, error);
        resources.push({ resourceId, name: null, failure: reason });
        for (const grantee of uniqueGrantees) items.push(item(grantee, null, 'failed', reason));
      }
    }
    return { resources, items, position };
  }
}
