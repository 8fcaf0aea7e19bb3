import type { ReadStore } from '../../ports/readStore';
import type { OAuthGrantView } from './oauthGrantsProjection';
import { OAUTH_GRANTS } from './oauthGrantsProjection';

/** The user's grant, or null for one that does not exist or is someone else's (answered alike: 404). */
export async function findOwnedGrant(readStore: ReadStore, userId: string, grantId: string): Promise<OAuthGrantView | null> {
  const grant = await readStore.get<OAuthGrantView>(OAUTH_GRANTS, grantId);
  return grant?.user_id === userId ? grant : null;
}

/** A user's grants that are not revoked, newest first: the order of `GET /oauth/grants` (see its index). */
export const liveGrantsFilter = (userId: string) => ({ user_id: userId, revoked_at: null });
export const GRANT_LIST_SORT = [
  ['created_at', -1],
  ['_id', -1],
] as const;

const PAGE = 500;

/** Every grant of the app not revoked yet, a page at a time in `_id` order (revoking them as they come skips none). */
export async function* liveGrantsOfApp(readStore: ReadStore, appId: string): AsyncGenerator<OAuthGrantView> {
  for (let after: OAuthGrantView | undefined; ;) {
    const page = await readStore.find<OAuthGrantView>(OAUTH_GRANTS, { app_id: appId, revoked_at: null }, { limit: PAGE, after });
    yield* page;
    if (page.length < PAGE) return;
    after = page[page.length - 1];
  }
}
