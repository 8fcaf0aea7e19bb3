import type { ReadStore } from '../../ports/readStore';
import type { PublicLinkRow } from './publicLinkRows';
import { PUBLIC_LINKS } from './publicLinkRows';

export interface PublicLinkCounts {
  public_links: number;
  /** Links that still work now: not revoked, not expired, downloads left, resource not deleted. */
  active_public_links: number;
}

/** How many public links the user made (revoked ones included), and how many still work at `now`. */
export async function countPublicLinks(readStore: ReadStore, ownerId: string, now: Date): Promise<PublicLinkCounts> {
  const [publicLinks, activePublicLinks] = await Promise.all([
    readStore.count(PUBLIC_LINKS, { owner_id: ownerId }),
    readStore.count(PUBLIC_LINKS, {
      owner_id: ownerId,
      revoked: false,
      exhausted: false,
      resource_deleted: false,
      active_until: { $gt: now.toISOString() },
    }),
  ]);
  return { public_links: publicLinks, active_public_links: activePublicLinks };
}

/** The user's link, or null for one that does not exist or is someone else's (answered alike: 404). */
export async function findOwnedLink(readStore: ReadStore, ownerId: string, linkId: string): Promise<PublicLinkRow | null> {
  const row = await readStore.get<PublicLinkRow>(PUBLIC_LINKS, linkId);
  return row?.owner_id === ownerId ? row : null;
}
