import { randomUUID } from 'node:crypto';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { buildAsyncApi } from '../../../src/api/docs/asyncApi';
import { toCloudEvent } from '../../../src/dispatch/cloudEvents';
import type { RecordedEvent } from '../../../src/ports/eventStore';

const document = buildAsyncApi({ title: 'test', version: '1' });

const created: RecordedEvent = {
  streamId: `incoming-${randomUUID()}`,
  revision: 0n,
  position: '1',
  id: randomUUID(),
  type: 'IncomingWebhookCreated',
  data: {
    incomingWebhookId: randomUUID(),
    ownerId: randomUUID(),
    tokenHash: 'a'.repeat(64),
    tokenPrefix: 'fwh_abcdefgh',
    encryptedSecret: 'v1.sealed',
    name: 'contacts',
    action: 'create_file',
    fieldMapping: { name: 'contact.email', content: 'message' },
    upsertField: null,
    folderId: null,
    verification: { kind: 'standard_webhooks' },
    rateLimitPerMinute: 60,
    enabled: true,
    createdAt: '2026-01-01T00:00:00.000Z',
  },
  metadata: {},
  createdAt: new Date('2026-01-01T00:00:00.000Z'),
};

describe('the incoming category in the AsyncAPI document', () => {
  const channels = document.channels as Record<string, { address: string; messages: Record<string, unknown> }>;

  it('has the hooks’ topic with its four events, and not the internal call log', () => {
    const incoming = Object.values(channels).find((channel) => channel.address === 'filora.incoming.v1');
    expect(Object.keys(incoming?.messages ?? {}).sort()).toEqual([
      'IncomingWebhookChanged',
      'IncomingWebhookCreated',
      'IncomingWebhookDeleted',
      'IncomingWebhookTokenRegenerated',
    ]);
    expect(Object.values(channels).map((channel) => channel.address)).not.toContain('filora.incomingcall.v1');
  });

  it('describes the message the relay publishes, which holds neither the token hash nor the sealed secret', () => {
    const { topic, message } = toCloudEvent(created);
    expect(topic).toBe('filora.incoming.v1');
    const published = JSON.parse(message.value!.toString()) as Record<string, unknown>;
    expect(published).not.toHaveProperty('tokenHash');
    expect(published).not.toHaveProperty('encryptedSecret');
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    ajv.addSchema(document, 'asyncapi');
    expect(ajv.validate({ $ref: 'asyncapi#/components/messages/IncomingWebhookCreated/payload' }, published)).toBe(true);
    const schemas = (document.components as { schemas: Record<string, { properties: Record<string, unknown> }> }).schemas;
    const properties = Object.keys(schemas.IncomingWebhookCreatedData!.properties);
    expect(properties).toEqual(expect.arrayContaining(['incomingWebhookId', 'tokenPrefix', 'fieldMapping', 'verification']));
    expect(properties).not.toEqual(expect.arrayContaining(['tokenHash']));
    expect(properties).not.toEqual(expect.arrayContaining(['encryptedSecret']));
  });
});
