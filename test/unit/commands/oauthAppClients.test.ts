import { MemoryEventStore } from '../../../src/adapters/eventStore/memoryEventStore';
import { EventSourcedOAuthClients } from '../../../src/commands/oauth/eventSourcedOAuthClients';
import { OAuthAppCommands } from '../../../src/commands/oauth/oauthAppCommands';
import { revokeGrantsOfApp } from '../../../src/commands/oauth/revokeGrantsOfApp';
import { CommandPipeline } from '../../../src/commands/pipeline';
import { conflict, notFound } from '../../../src/domain/shared/domainError';
import { actorOf } from '../../support/actors';

const ownerId = '44444444-4444-4444-8444-444444444444';
const owner = actorOf(ownerId);
const settings = { name: 'Printer', redirectUris: ['https://p.example.com/cb'], scopes: ['files.read' as const] };

function kit() {
  const store = new MemoryEventStore();
  const commands = new OAuthAppCommands(new CommandPipeline(store), async () => 0);
  // Another process's pipeline: what it folded before must not hide later changes.
  const clients = new EventSourcedOAuthClients(new CommandPipeline(store));
  return { commands, clients };
}

describe('OAuth apps as the protocol reads them', () => {
  it('finds a registered app at once, and no more once deleted', async () => {
    const { commands, clients } = kit();
    const { appId } = await commands.register(owner, settings, 'confidential', {});
    expect(await clients.find(appId)).toEqual({
      clientId: appId,
      ownerId,
      name: 'Printer',
      redirectUris: ['https://p.example.com/cb'],
      scopes: ['files.read'],
      clientType: 'confidential',
    });
    await commands.change(owner, appId, { name: 'Printer 2' }, {});
    expect((await clients.find(appId))?.name).toBe('Printer 2');
    await commands.delete(owner, appId, {});
    expect(await clients.find(appId)).toBeNull();
  });

  it('answers null for an unknown or malformed client id', async () => {
    const { clients } = kit();
    expect(await clients.find('00000000-0000-4000-8000-000000000999')).toBeNull();
    expect(await clients.find('not-a-uuid')).toBeNull();
    expect(await clients.authenticate('x/../user-1', 'flcs_x')).toBeNull();
  });

  it('authenticates a confidential client by its current secret only', async () => {
    const { commands, clients } = kit();
    const { appId, secret } = await commands.register(owner, settings, 'confidential', {});
    expect(secret).toMatch(/^flcs_[0-9A-Za-z]{49}$/);
    expect((await clients.authenticate(appId, secret))?.clientId).toBe(appId);
    expect(await clients.authenticate(appId, null)).toBeNull();
    // Another last character (a secret may end in any of them, x included).
    const wrong = `${secret!.slice(0, -1)}${secret!.endsWith('x') ? 'y' : 'x'}`;
    expect(await clients.authenticate(appId, wrong)).toBeNull();

    const rotated = await commands.rotateSecret(owner, appId, {});
    expect(rotated.secret).not.toBe(secret);
    expect(await clients.authenticate(appId, secret)).toBeNull();
    expect((await clients.authenticate(appId, rotated.secret))?.clientId).toBe(appId);

    await commands.delete(owner, appId, {});
    expect(await clients.authenticate(appId, rotated.secret)).toBeNull();
  });

  it('authenticates a public client without a secret, never with one', async () => {
    const { commands, clients } = kit();
    const { appId, secret } = await commands.register(owner, settings, 'public', {});
    expect(secret).toBeNull();
    expect((await clients.authenticate(appId, null))?.clientType).toBe('public');
    expect(await clients.authenticate(appId, 'flcs_anything')).toBeNull();
    await expect(commands.rotateSecret(owner, appId, {})).rejects.toMatchObject({ kind: 'conflict' });
  });
});

describe('revoking the grants of a deleted app', () => {
  async function* grants(...rows: Array<{ _id: string; user_id: string }>) {
    yield* rows;
  }

  it('revokes each grant for its user with reason app_deleted, passing over those revoked meanwhile', async () => {
    const calls: string[] = [];
    const position = await revokeGrantsOfApp(
      grants({ _id: 'g1', user_id: 'u1' }, { _id: 'g2', user_id: 'u2' }, { _id: 'g3', user_id: 'u3' }),
      async (userId, grantId, reason) => {
        calls.push(`${userId}/${grantId}/${reason}`);
        if (grantId === 'g2') throw notFound('grant not found');
        if (grantId === 'g3') throw conflict('already revoked');
        return 'p1';
      },
      {},
    );
    expect(calls).toEqual(['u1/g1/app_deleted', 'u2/g2/app_deleted', 'u3/g3/app_deleted']);
    expect(position).toBe('p1');
  });

  it('lets any other failure through', async () => {
    const failing = revokeGrantsOfApp(grants({ _id: 'g1', user_id: 'u1' }), () => Promise.reject(new Error('store down')), {});
    await expect(failing).rejects.toThrow('store down');
  });
});
