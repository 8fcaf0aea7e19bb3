import type { OAuthAppEvent } from '../../domain/oauth/oauthAppEvents';
import { oauthAppEvent } from '../../domain/oauth/oauthAppEvents';
import type { Document } from '../../ports/readStore';
import { documentProjection } from '../documentProjection';

export const OAUTH_APPS = 'oauth_apps';

/** An OAuth app as its owner's lists show it; never its secret's hash (the protocol reads the app's stream). */
export interface OAuthAppView extends Document {
  owner_id: string;
  name: string;
  redirect_uris: string[];
  scopes: string[];
  client_type: 'confidential' | 'public';
  created_at: string;
  updated_at: string;
  /** When the client secret was last rotated; null if never (and always for a public client). */
  rotated_at: string | null;
}

function evolveApp(view: OAuthAppView | null, event: OAuthAppEvent, at: string): OAuthAppView | null {
  switch (event.type) {
    case 'OAuthAppRegistered': {
      const { appId, ownerId, name, redirectUris, scopes, clientType } = event.data;
      return {
        _id: appId,
        owner_id: ownerId,
        name,
        redirect_uris: redirectUris,
        scopes,
        client_type: clientType,
        created_at: at,
        updated_at: at,
        rotated_at: null,
      };
    }
    case 'OAuthAppChanged': {
      const { name, redirectUris, scopes } = event.data;
      return view && { ...view, name, redirect_uris: redirectUris, scopes, updated_at: at };
    }
    case 'OAuthAppSecretRotated':
      return view && { ...view, rotated_at: at, updated_at: at };
    case 'OAuthAppDeleted':
      return null;
  }
}

export const oauthAppsProjection = documentProjection<OAuthAppEvent, OAuthAppView>({
  name: 'oauth_apps',
  version: 1,
  collection: OAUTH_APPS,
  handles: oauthAppEvent.options.map((option) => option.shape.type.value),

  async setup(store) {
    await store.ensureIndex(OAUTH_APPS, {
      fields: [
        ['owner_id', 1],
        ['created_at', -1],
        ['_id', -1],
      ],
    });
  },
  parse: (event) => oauthAppEvent.parse(event),
  key: (event) => event.data.appId,
  evolve: evolveApp,
});
