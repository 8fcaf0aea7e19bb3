import { OAUTH_APPS, oauthAppsProjection } from '../../../src/projections/oauth/oauthAppsProjection';
import type { OAuthGrantView } from '../../../src/projections/oauth/oauthGrantsProjection';
import { activeFamilies, OAUTH_GRANTS, oauthGrantsProjection } from '../../../src/projections/oauth/oauthGrantsProjection';
import { projectionSpec } from './projectionSpec';
import { at, RecordedEvents, sha, uuid } from './recordedEvents';

const ALICE = uuid(1);
const BOB = uuid(2);
const APP = uuid(30);
const GRANT = uuid(40);

describe('oauth_apps projection', () => {
  const spec = projectionSpec(oauthAppsProjection);
  const log = new RecordedEvents();
  const settings = { name: 'Printer', redirectUris: ['https://p.example.com/cb'], scopes: ['files.read'] };
  const registered = log.record('OAuthAppRegistered', {
    appId: APP,
    ownerId: ALICE,
    ...settings,
    clientType: 'confidential',
    secretHash: sha(1),
  });
  const changed = log.record('OAuthAppChanged', {
    appId: APP,
    name: 'Printer 2',
    redirectUris: ['http://127.0.0.1/cb'],
    scopes: ['files.write'],
  });
  const rotated = log.record('OAuthAppSecretRotated', { appId: APP, secretHash: sha(2) });
  const deleted = log.record('OAuthAppDeleted', { appId: APP });

  it('keeps the app’s settings, never its secret hash', () =>
    spec.given([registered, changed, rotated]).then(OAUTH_APPS, [
      {
        _id: APP,
        owner_id: ALICE,
        name: 'Printer 2',
        redirect_uris: ['http://127.0.0.1/cb'],
        scopes: ['files.write'],
        client_type: 'confidential',
        created_at: at(registered),
        updated_at: at(rotated),
        rotated_at: at(rotated),
      },
    ]));

  it('forgets a deleted app', () => spec.given([registered, changed, deleted]).then(OAUTH_APPS, []));
});

describe('oauth_grants projection', () => {
  const spec = projectionSpec(oauthGrantsProjection);
  const log = new RecordedEvents();
  const inDays = (days: number) => new Date(Date.parse('2026-01-01T00:00:00.000Z') + days * 86_400_000).toISOString();
  const issued = (familyId: string, expiresAt: string, codeHash: string | null) =>
    log.record('OAuthTokenIssued', {
      grantId: GRANT,
      familyId,
      codeHash,
      refreshTokenHash: sha(9),
      refreshExpiresAt: expiresAt,
      scopes: ['files.read'],
    });

  const given = log.record('OAuthGrantGiven', { grantId: GRANT, userId: BOB, appId: APP, scopes: ['files.read'] });
  const code = log.record('OAuthCodeIssued', {
    grantId: GRANT,
    codeHash: sha(3),
    redirectUri: 'https://p.example.com/cb',
    scopes: ['files.read'],
    codeChallenge: null,
    codeChallengeMethod: null,
    expiresAt: inDays(1),
  });
  const first = issued(uuid(50), inDays(30), sha(3));
  const second = issued(uuid(51), inDays(30), sha(4));
  const rotation = issued(uuid(50), inDays(31), null);
  const familyRevoked = log.record('OAuthTokenFamilyRevoked', { grantId: GRANT, familyId: uuid(51), reason: 'client_revoked' });
  const wider = log.record('OAuthGrantGiven', { grantId: GRANT, userId: BOB, appId: APP, scopes: ['files.read', 'files.write'] });
  const revoked = log.record('OAuthGrantRevoked', { grantId: GRANT, reason: 'user' });
  const again = log.record('OAuthGrantGiven', { grantId: GRANT, userId: BOB, appId: APP, scopes: ['files.write'] });

  const base = { _id: GRANT, user_id: BOB, app_id: APP };

  it('follows consent, token families and their revocation', () =>
    spec.given([given, code, first, second, rotation, familyRevoked, wider]).then(OAUTH_GRANTS, [
      {
        ...base,
        scopes: ['files.read', 'files.write'],
        created_at: at(given),
        updated_at: at(wider),
        last_used_at: at(rotation),
        families: [{ id: uuid(50), expires_at: inDays(31) }],
        revoked_at: null,
      },
    ]));

  it('ends every family when the grant is revoked, and a later consent starts afresh', async () => {
    await spec.given([given, first, revoked]).then(OAUTH_GRANTS, [
      {
        ...base,
        scopes: ['files.read'],
        created_at: at(given),
        updated_at: at(revoked),
        last_used_at: at(first),
        families: [],
        revoked_at: at(revoked),
      },
    ]);
    await spec.given([given, first, revoked, again]).then(OAUTH_GRANTS, [
      {
        ...base,
        scopes: ['files.write'],
        created_at: at(again),
        updated_at: at(again),
        last_used_at: null,
        families: [],
        revoked_at: null,
      },
    ]);
  });

  it('counts only families whose refresh token has not expired', () => {
    const view = {
      families: [
        { id: uuid(50), expires_at: inDays(2) },
        { id: uuid(51), expires_at: inDays(40) },
      ],
    } as OAuthGrantView;
    expect(activeFamilies(view, new Date(inDays(1)))).toBe(2);
    expect(activeFamilies(view, new Date(inDays(3)))).toBe(1);
  });
});
