import type { OAuthAppCommand } from '../../../../src/domain/oauth/oauthAppDecider';
import { MAX_OAUTH_APPS_PER_OWNER, oauthAppDecider } from '../../../../src/domain/oauth/oauthAppDecider';
import type { OAuthAppEvent } from '../../../../src/domain/oauth/oauthAppEvents';
import { actorOf } from '../../../support/actors';
import { given } from '../../../support/givenWhenThen';

const appId = '77777777-7777-4777-8777-777777777777';
const ownerId = '44444444-4444-4444-8444-444444444444';
const strangerId = '66666666-6666-4666-8666-666666666666';
const owner = actorOf(ownerId);

const settings = { name: 'Photo printer', redirectUris: ['https://printer.example.com/callback'], scopes: ['files.read' as const] };
const register: OAuthAppCommand = {
  type: 'RegisterApp',
  appId,
  ownerId,
  settings,
  clientType: 'confidential',
  secretHash: 'h1',
  ownedApps: 0,
};
const registered: OAuthAppEvent = {
  type: 'OAuthAppRegistered',
  data: { appId, ownerId, ...settings, clientType: 'confidential', secretHash: 'h1' },
};
const publicRegistered: OAuthAppEvent = {
  type: 'OAuthAppRegistered',
  data: { ...registered.data, clientType: 'public', secretHash: null } as Extract<OAuthAppEvent, { type: 'OAuthAppRegistered' }>['data'],
};
const deleted: OAuthAppEvent = { type: 'OAuthAppDeleted', data: { appId } };

describe('OAuth app decider', () => {
  it('registers an app once, up to the per-owner limit', () => {
    given(oauthAppDecider, []).when(register).then([registered]);
    given(oauthAppDecider, [registered]).when(register).thenFails('conflict');
    given(oauthAppDecider, [])
      .when({ ...register, ownedApps: MAX_OAUTH_APPS_PER_OWNER - 1 })
      .then([registered]);
    given(oauthAppDecider, [])
      .when({ ...register, ownedApps: MAX_OAUTH_APPS_PER_OWNER })
      .thenFails('conflict', /at most 50 OAuth apps/);
  });

  it('gives a confidential client a secret and a public one none', () => {
    given(oauthAppDecider, [])
      .when({ ...register, clientType: 'public', secretHash: null })
      .then([publicRegistered]);
    given(oauthAppDecider, [])
      .when({ ...register, clientType: 'public', secretHash: 'h1' })
      .thenFails('invalid');
    given(oauthAppDecider, [])
      .when({ ...register, secretHash: null })
      .thenFails('invalid');
  });

  it('refuses settings the API would refuse, naming the field', () => {
    const refused = (changes: Partial<typeof settings> | Record<string, unknown>, field: string) => {
      const command = { ...register, settings: { ...settings, ...changes } } as OAuthAppCommand;
      expect(() => oauthAppDecider.decide(command, oauthAppDecider.initialState, { now: new Date(), newId: () => appId })).toThrow(
        expect.objectContaining({ kind: 'invalid', field }),
      );
    };
    refused({ name: '' }, 'name');
    refused({ name: 'x'.repeat(101) }, 'name');
    refused({ redirectUris: [] }, 'redirect_uris');
    refused({ redirectUris: Array.from({ length: 11 }, (_, n) => `https://a.example.com/${n}`) }, 'redirect_uris');
    refused({ redirectUris: ['https://a.example.com/cb', 'https://a.example.com/cb'] }, 'redirect_uris');
    refused({ redirectUris: ['https://a.example.com/cb', 'http://a.example.com/cb'] }, 'redirect_uris.1');
    refused({ scopes: [] }, 'scopes');
    refused({ scopes: ['files.read', 'files.read'] }, 'scopes');
    refused({ scopes: ['admin'] }, 'scopes');
  });

  it('changes the settings named, each replacing the current one whole, and nothing when nothing differs', () => {
    given(oauthAppDecider, [registered])
      .when({ type: 'ChangeApp', actor: owner, changes: { redirectUris: ['http://127.0.0.1:8080/cb'] } })
      .then([
        {
          type: 'OAuthAppChanged',
          data: { appId, name: settings.name, redirectUris: ['http://127.0.0.1:8080/cb'], scopes: settings.scopes },
        },
      ]);
    given(oauthAppDecider, [registered])
      .when({ type: 'ChangeApp', actor: owner, changes: { name: settings.name, scopes: ['files.read'] } })
      .then([]);
    given(oauthAppDecider, [registered])
      .when({ type: 'ChangeApp', actor: owner, changes: { redirectUris: ['https://a.example.com/cb#frag'] } })
      .thenFails('invalid');
  });

  it('rotates the secret of a confidential client only', () => {
    given(oauthAppDecider, [registered])
      .when({ type: 'RotateAppSecret', actor: owner, secretHash: 'h2' })
      .then([{ type: 'OAuthAppSecretRotated', data: { appId, secretHash: 'h2' } }]);
    given(oauthAppDecider, [publicRegistered])
      .when({ type: 'RotateAppSecret', actor: owner, secretHash: 'h2' })
      .thenFails('conflict', /public client/);
  });

  it('hides the app from anyone but its owner, and after deletion from everyone', () => {
    const stranger = actorOf(strangerId);
    for (const command of [
      { type: 'DeleteApp' as const, actor: stranger },
      { type: 'RotateAppSecret' as const, actor: stranger, secretHash: 'h2' },
      { type: 'ChangeApp' as const, actor: stranger, changes: { name: 'mine' } },
    ]) {
      given(oauthAppDecider, [registered]).when(command).thenFails('not_found');
    }
    given(oauthAppDecider, [registered]).when({ type: 'DeleteApp', actor: owner }).then([deleted]);
    given(oauthAppDecider, [registered, deleted]).when({ type: 'DeleteApp', actor: owner }).thenFails('not_found');
    given(oauthAppDecider, [registered, deleted]).when({ type: 'RotateAppSecret', actor: owner, secretHash: 'h2' }).thenFails('not_found');
    given(oauthAppDecider, []).when({ type: 'DeleteApp', actor: owner }).thenFails('not_found');
  });
});
