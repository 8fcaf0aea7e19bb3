import type { GuardedResource } from '../../../src/domain/access/accessPolicy';
import { ALL_SCOPES } from '../../../src/domain/access/scopes';
import { linkDecider } from '../../../src/domain/link/linkDecider';
import type { LinkSettings } from '../../../src/domain/link/linkDecider';
import type { LinkEvent } from '../../../src/domain/link/linkEvents';
import { actorOf } from '../../support/actors';
import { FIXED_NOW, given } from '../../support/givenWhenThen';

const linkId = '77777777-7777-4777-8777-777777777777';
const fileId = '11111111-1111-4111-8111-111111111111';
const ownerId = '44444444-4444-4444-8444-444444444444';
const strangerId = '66666666-6666-4666-8666-666666666666';
const owner = actorOf(ownerId);
const stranger = actorOf(strangerId);
const inAnHour = new Date(FIXED_NOW.getTime() + 3600_000).toISOString();
const anHourAgo = new Date(FIXED_NOW.getTime() - 3600_000).toISOString();
const later = { now: new Date(FIXED_NOW.getTime() + 7200_000) };

const settings: LinkSettings = { permission: 'download', expiresAt: inAnHour, passwordHash: null, maxDownloads: 2 };
const ownedFile: GuardedResource = { live: true, ownerId, grants: [] };
const sharedWithStranger: GuardedResource = {
  live: true,
  ownerId,
  grants: [{ principalId: strangerId, permission: 'write', via: 'direct', expiresAt: null }],
};
const create = {
  type: 'CreateLink' as const,
  actor: owner,
  linkId,
  resourceKind: 'file' as const,
  resourceId: fileId,
  resource: ownedFile,
  settings,
};
const created: LinkEvent = {
  type: 'PublicLinkCreated',
  data: { linkId, ownerId, resourceKind: 'file', resourceId: fileId, ...settings, createdAt: FIXED_NOW.toISOString() },
};
const counted = (downloadNumber: number): LinkEvent => ({
  type: 'PublicLinkDownloadCounted',
  data: { linkId, ownerId, fileId, downloadNumber },
});
const revoked: LinkEvent = { type: 'PublicLinkRevoked', data: { linkId, ownerId, revokedAt: FIXED_NOW.toISOString() } };
const updated = (changes: Partial<LinkSettings>, passwordVersion: number): LinkEvent => ({
  type: 'PublicLinkUpdated',
  data: { linkId, ownerId, ...settings, ...changes, passwordVersion },
});
const countDownload = { type: 'CountDownload' as const, fileId };

describe('link decider', () => {
  it('lets only the owner of a live resource create a link, once, with an expiry in the future or none', () => {
    given(linkDecider, []).when(create).then([created]);
    given(linkDecider, [created]).when(create).thenFails('conflict');
    given(linkDecider, [])
      .when({ ...create, actor: stranger })
      .thenFails('not_found');
    given(linkDecider, [])
      .when({ ...create, actor: stranger, resource: sharedWithStranger })
      .thenFails('forbidden');
    given(linkDecider, [])
      .when({ ...create, resource: { ...ownedFile, live: false } })
      .thenFails('not_found');
    given(linkDecider, [])
      .when({ ...create, actor: actorOf(ownerId, new Set(['files.read', 'files.write'])) })
      .thenFails('forbidden');
    given(linkDecider, [])
      .when({ ...create, settings: { ...settings, expiresAt: anHourAgo } })
      .thenFails('invalid');
  });

  it('counts downloads up to max_downloads, then refuses', () => {
    given(linkDecider, [created])
      .when(countDownload)
      .then([counted(1)]);
    given(linkDecider, [created, counted(1)])
      .when(countDownload)
      .then([counted(2)]);
    given(linkDecider, [created, counted(1), counted(2)])
      .when(countDownload)
      .thenFails('forbidden', /no downloads left/);
  });

  it('refuses downloads through a revoked, expired, view-only or unknown link', () => {
    given(linkDecider, [created, revoked])
      .when(countDownload)
      .thenFails('forbidden', /revoked/);
    given(linkDecider, [created], later)
      .when(countDownload)
      .thenFails('forbidden', /expired/);
    given(linkDecider, [created, updated({ permission: 'view' }, 0)])
      .when(countDownload)
      .thenFails('forbidden', /viewing only/);
    given(linkDecider, []).when(countDownload).thenFails('not_found');
  });

  it('updates the settings named, bumping the password version when the password changes', () => {
    given(linkDecider, [created])
      .when({ type: 'UpdateLink', actor: owner, changes: { maxDownloads: 10 } })
      .then([updated({ maxDownloads: 10 }, 0)]);
    given(linkDecider, [created])
      .when({ type: 'UpdateLink', actor: owner, changes: { passwordHash: 'scrypt$new' } })
      .then([updated({ passwordHash: 'scrypt$new' }, 1)]);
    given(linkDecider, [created, updated({ passwordHash: 'scrypt$new' }, 1)])
      .when({ type: 'UpdateLink', actor: owner, changes: { passwordHash: null } })
      .then([updated({ passwordHash: null }, 2)]);
    given(linkDecider, [created])
      .when({ type: 'UpdateLink', actor: owner, changes: { expiresAt: null } })
      .then([updated({ expiresAt: null }, 0)]);
  });

  it('appends nothing for an update that changes nothing', () => {
    given(linkDecider, [created]).when({ type: 'UpdateLink', actor: owner, changes: {} }).then([]);
    given(linkDecider, [created])
      .when({ type: 'UpdateLink', actor: owner, changes: { permission: 'download', passwordHash: null } })
      .then([]);
  });

  it('refuses a past expiry and any change to a revoked link', () => {
    given(linkDecider, [created])
      .when({ type: 'UpdateLink', actor: owner, changes: { expiresAt: anHourAgo } })
      .thenFails('invalid');
    given(linkDecider, [created, revoked])
      .when({ type: 'UpdateLink', actor: owner, changes: { maxDownloads: 5 } })
      .thenFails('conflict');
  });

  it('revokes once', () => {
    given(linkDecider, [created]).when({ type: 'RevokeLink', actor: owner }).then([revoked]);
    given(linkDecider, [created, revoked]).when({ type: 'RevokeLink', actor: owner }).then([]);
  });

  it('hides a link from anyone but its owner', () => {
    given(linkDecider, [created]).when({ type: 'RevokeLink', actor: stranger }).thenFails('not_found');
    given(linkDecider, [created])
      .when({ type: 'UpdateLink', actor: stranger, changes: { maxDownloads: 1 } })
      .thenFails('not_found');
    given(linkDecider, []).when({ type: 'RevokeLink', actor: owner }).thenFails('not_found');
    given(linkDecider, [created])
      .when({ type: 'RevokeLink', actor: actorOf(ownerId, ALL_SCOPES) })
      .then([revoked]);
  });
});
