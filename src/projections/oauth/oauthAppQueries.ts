import type { ReadStore } from '../../ports/readStore';
import type { OAuthAppView } from './oauthAppsProjection';
import { OAUTH_APPS } from './oauthAppsProjection';

/** The user's app, or null for one that does not exist, was deleted or is someone else's (answered alike: 404). */
export async function findOwnedApp(readStore: ReadStore, ownerId: string, appId: string): Promise<OAuthAppView | null> {
  const app = await readStore.get<OAuthAppView>(OAUTH_APPS, appId);
  return app?.owner_id === ownerId ? app : null;
}

/** How many apps the user has (deleted ones are gone from the read model), for the per-user limit. */
export const countAppsOf = (readStore: ReadStore, ownerId: string): Promise<number> => readStore.count(OAUTH_APPS, { owner_id: ownerId });

/** A user's apps, newest first: the order of `GET /oauth/apps` (see its index). */
export const APP_LIST_SORT = [
  ['created_at', -1],
  ['_id', -1],
] as const;

/** The names of these apps, by id; a deleted app is absent. */
export async function appNamesOf(readStore: ReadStore, appIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(appIds)];
  if (ids.length === 0) return new Map();
  const apps = await readStore.find<OAuthAppView>(OAUTH_APPS, { _id: { $in: ids } }, { limit: ids.length });
  return new Map(apps.map((app) => [app._id, app.name]));
}
