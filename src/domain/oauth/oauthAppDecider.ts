import type { Actor } from '../access/accessPolicy';
import { requireAccess, resourceOf } from '../access/accessPolicy';
import type { Decider } from '../shared/decider';
import { conflict, DomainError } from '../shared/domainError';
import type { OAuthAppEvent, OAuthClientType } from './oauthAppEvents';
import type { OAuthAppSettings } from './oauthAppSettings';
import { requireValidAppSettings } from './oauthAppSettings';

/** Most OAuth apps one user may register. */
export const MAX_OAUTH_APPS_PER_OWNER = 50;

export interface OAuthAppState {
  appId: string | null;
  exists: boolean;
  deleted: boolean;
  ownerId: string | null;
  clientType: OAuthClientType | null;
  settings: OAuthAppSettings | null;
  /** SHA-256 of the current client secret; null for a public client. */
  secretHash: string | null;
}

export type OAuthAppCommand =
  | {
      type: 'RegisterApp';
      appId: string;
      ownerId: string;
      settings: OAuthAppSettings;
      clientType: OAuthClientType;
      /** Null exactly when the client is public. */
      secretHash: string | null;
      /** How many apps the owner has now (the read model's count). */
      ownedApps: number;
    }
  | { type: 'ChangeApp'; actor: Actor; changes: Partial<OAuthAppSettings> }
  | { type: 'RotateAppSecret'; actor: Actor; secretHash: string }
  | { type: 'DeleteApp'; actor: Actor };

const initialState: OAuthAppState = {
  appId: null,
  exists: false,
  deleted: false,
  ownerId: null,
  clientType: null,
  settings: null,
  secretHash: null,
};

function evolve(state: OAuthAppState, event: OAuthAppEvent): OAuthAppState {
  switch (event.type) {
    case 'OAuthAppRegistered': {
      const { appId, ownerId, name, redirectUris, scopes, clientType, secretHash } = event.data;
      return { ...state, appId, ownerId, exists: true, clientType, secretHash, settings: { name, redirectUris, scopes } };
    }
    case 'OAuthAppChanged': {
      const { name, redirectUris, scopes } = event.data;
      return { ...state, settings: { name, redirectUris, scopes } };
    }
    case 'OAuthAppSecretRotated':
      return { ...state, secretHash: event.data.secretHash };
    case 'OAuthAppDeleted':
      return { ...state, deleted: true };
  }
}

const sameSettings = (a: OAuthAppSettings, b: OAuthAppSettings) => JSON.stringify(a) === JSON.stringify(b);

/** The settings after a change: those named replace the current ones whole (a list is never merged). */
function changed(current: OAuthAppSettings, changes: Partial<OAuthAppSettings>): OAuthAppSettings {
  return {
    name: changes.name ?? current.name,
    redirectUris: changes.redirectUris ?? current.redirectUris,
    scopes: changes.scopes ?? current.scopes,
  };
}

/**
 * An OAuth app (client) belongs to the user who registered it; only they manage it, and anyone else finds
 * nothing (404). A confidential client has a secret, a public one never does.
 */
export const oauthAppDecider: Decider<OAuthAppCommand, OAuthAppEvent, OAuthAppState> = {
  initialState,
  evolve,
  decide(command, state, { now }) {
    if (command.type === 'RegisterApp') {
      if (state.exists) throw conflict('app already exists');
      if (command.ownedApps >= MAX_OAUTH_APPS_PER_OWNER)
        throw conflict(`a user may have at most ${MAX_OAUTH_APPS_PER_OWNER} OAuth apps; delete one first`);
      requireValidAppSettings(command.settings);
      if ((command.clientType === 'public') !== (command.secretHash === null))
        throw new DomainError('invalid', 'a confidential client has a secret and a public one has none', 'client_type');
      const { appId, ownerId, settings, clientType, secretHash } = command;
      return [{ type: 'OAuthAppRegistered', data: { appId, ownerId, ...settings, clientType, secretHash } }];
    }
    requireAccess(command.actor, 'manage', resourceOf(state), 'OAuth app', now);
    const appId = state.appId!;
    switch (command.type) {
      case 'DeleteApp':
        return [{ type: 'OAuthAppDeleted', data: { appId } }];
      case 'RotateAppSecret':
        if (state.clientType === 'public') throw conflict('a public client has no secret to rotate');
        return [{ type: 'OAuthAppSecretRotated', data: { appId, secretHash: command.secretHash } }];
      case 'ChangeApp': {
        requireValidAppSettings(command.changes);
        const next = changed(state.settings!, command.changes);
        return sameSettings(next, state.settings!) ? [] : [{ type: 'OAuthAppChanged', data: { appId, ...next } }];
      }
    }
  },
};
