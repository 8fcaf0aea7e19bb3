import type { Actor, GuardedResource } from '../access/accessPolicy';
import { requireAccess } from '../access/accessPolicy';
import type { Decider } from '../shared/decider';
import { conflict, DomainError, notFound } from '../shared/domainError';
import type { LinkEvent, LinkPermission } from './linkEvents';

export type LinkResourceKind = 'file' | 'folder';

/** What a link lets its holder do, and for how long. */
export interface LinkSettings {
  permission: LinkPermission;
  expiresAt: string | null;
  /** Scrypt hash of the password (hashed before the command), or null for none. */
  passwordHash: string | null;
  maxDownloads: number | null;
}

export interface LinkState {
  linkId: string | null;
  exists: boolean;
  ownerId: string | null;
  resourceKind: LinkResourceKind | null;
  resourceId: string | null;
  settings: LinkSettings;
  passwordVersion: number;
  downloads: number;
  revoked: boolean;
}

export type LinkCommand =
  | {
      type: 'CreateLink';
      actor: Actor;
      linkId: string;
      resourceKind: LinkResourceKind;
      resourceId: string;
      /** The shared file or folder as the policy sees it, read from its own stream. */
      resource: GuardedResource;
      settings: LinkSettings;
    }
  | { type: 'UpdateLink'; actor: Actor; changes: Partial<LinkSettings> }
  | { type: 'RevokeLink'; actor: Actor }
  /** One download through the link, by whoever holds it. */
  | { type: 'CountDownload'; fileId: string };

const NO_SETTINGS: LinkSettings = { permission: 'view', expiresAt: null, passwordHash: null, maxDownloads: null };

const initialState: LinkState = {
  linkId: null,
  exists: false,
  ownerId: null,
  resourceKind: null,
  resourceId: null,
  settings: NO_SETTINGS,
  passwordVersion: 0,
  downloads: 0,
  revoked: false,
};

function evolve(state: LinkState, event: LinkEvent): LinkState {
  switch (event.type) {
    case 'PublicLinkCreated': {
      const { linkId, ownerId, resourceKind, resourceId, permission, expiresAt, passwordHash, maxDownloads } = event.data;
      return {
        ...state,
        linkId,
        exists: true,
        ownerId,
        resourceKind,
        resourceId,
        settings: { permission, expiresAt, passwordHash, maxDownloads },
      };
    }
    case 'PublicLinkUpdated': {
      const { permission, expiresAt, passwordHash, maxDownloads, passwordVersion } = event.data;
      return { ...state, settings: { permission, expiresAt, passwordHash, maxDownloads }, passwordVersion };
    }
    case 'PublicLinkRevoked':
      return { ...state, revoked: true };
    case 'PublicLinkDownloadCounted':
      return { ...state, downloads: event.data.downloadNumber };
  }
}

/** A link works until its expiry: at `expiresAt` itself it no longer does. */
export const hasExpired = (expiresAt: string | null, now: Date): boolean => expiresAt !== null && Date.parse(expiresAt) <= now.getTime();

/** Downloads are used up once as many were counted as allowed. */
export const isExhausted = (downloads: number, maxDownloads: number | null): boolean => maxDownloads !== null && downloads >= maxDownloads;

function requireFutureExpiry(expiresAt: string | null | undefined, now: Date): void {
  if (expiresAt && hasExpired(expiresAt, now)) throw new DomainError('invalid', 'expires_at must be in the future', 'expires_at');
}

/** Why a download through the link is refused now, or null when it may go ahead. */
function downloadRefusal(state: LinkState, now: Date): DomainError | null {
  if (state.revoked) return new DomainError('forbidden', 'the link was revoked');
  if (hasExpired(state.settings.expiresAt, now)) return new DomainError('forbidden', 'the link has expired');
  if (state.settings.permission !== 'download') return new DomainError('forbidden', 'the link allows viewing only, not downloads');
  if (isExhausted(state.downloads, state.settings.maxDownloads)) return new DomainError('forbidden', 'the link has no downloads left');
  return null;
}

/** The settings after a change; the password's version moves on whenever a password is set or removed. */
function changed(state: LinkState, changes: Partial<LinkSettings>): { settings: LinkSettings; passwordVersion: number } | null {
  const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<LinkSettings>;
  const settings = { ...state.settings, ...defined };
  const passwordChanged = defined.passwordHash !== undefined && !(defined.passwordHash === null && state.settings.passwordHash === null);
  const same = (Object.keys(settings) as Array<keyof LinkSettings>).every((key) => settings[key] === state.settings[key]);
  if (same && !passwordChanged) return null;
  return { settings, passwordVersion: passwordChanged ? state.passwordVersion + 1 : state.passwordVersion };
}

/**
 * A public link, in its own `link-<id>` stream. Only the owner of the shared file or folder creates one
 * (the `share` action), and only the link's owner changes or revokes it; to anyone else it does not exist.
 * Downloads are counted here, one event each, so `max_downloads` holds under concurrency: the append
 * carries the stream's revision, and a download that lost a race is decided again on the new count.
 */
export const linkDecider: Decider<LinkCommand, LinkEvent, LinkState> = {
  initialState,
  evolve,
  decide(command, state, { now }) {
    if (command.type === 'CreateLink') {
      if (state.exists) throw conflict('link already exists');
      requireAccess(command.actor, 'share', command.resource, command.resourceKind, now);
      requireFutureExpiry(command.settings.expiresAt, now);
      const { linkId, resourceKind, resourceId, settings } = command;
      return [
        {
          type: 'PublicLinkCreated',
          data: { linkId, ownerId: command.actor.userId, resourceKind, resourceId, ...settings, createdAt: now.toISOString() },
        },
      ];
    }
    if (command.type === 'CountDownload') {
      if (!state.exists) throw notFound('link not found');
      const refusal = downloadRefusal(state, now);
      if (refusal) throw refusal;
      const data = { linkId: state.linkId!, ownerId: state.ownerId!, fileId: command.fileId, downloadNumber: state.downloads + 1 };
      return [{ type: 'PublicLinkDownloadCounted', data }];
    }
    const link = { live: state.exists, ownerId: state.ownerId, grants: [] };
    requireAccess(command.actor, 'share', link, 'link', now);
    const identity = { linkId: state.linkId!, ownerId: state.ownerId! };
    switch (command.type) {
      case 'RevokeLink':
        return state.revoked ? [] : [{ type: 'PublicLinkRevoked', data: { ...identity, revokedAt: now.toISOString() } }];
      case 'UpdateLink': {
        if (state.revoked) throw conflict('a revoked link cannot be changed; create a new one');
        requireFutureExpiry(command.changes.expiresAt, now);
        const next = changed(state, command.changes);
        return next === null
          ? []
          : [{ type: 'PublicLinkUpdated', data: { ...identity, ...next.settings, passwordVersion: next.passwordVersion } }];
      }
    }
  },
};
