import { randomUUID } from 'node:crypto';
import { schemas as asyncApiSchemas } from '@asyncapi/specs';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { toCloudEvent } from '../../src/dispatch/cloudEvents';
import { PUBLIC_EVENT_NAMES } from '../../src/domain/publicEvents';
import { WEBHOOK_PAYLOAD_SCHEMAS } from '../../src/webhooks/payloads/payloadSchemas';
import { testWebhookBody, toWebhookBody } from '../../src/webhooks/payloads/toWebhookBody';
import { call } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

type Json = Record<string, unknown>;
let platform: TestPlatform;
let index: Json;
let openApi: Json;
let asyncApi: Json;

const served = async (path: string): Promise<Json> => {
  const response = await call<Json>(platform.url, 'GET', path);
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
  return response.body;
};

// Fetched once: compiling the AsyncAPI meta-schema blocks for seconds, after which a kept-alive socket may be gone.
beforeAll(async () => {
  platform = await startTestPlatform();
  [index, openApi, asyncApi] = await Promise.all([served('/'), served('/api/v1/openapi.json'), served('/api/v1/asyncapi.json')]);
});
afterAll(async () => {
  await platform.close();
});

const owner = randomUUID();
const uploaded = {
  streamId: `file-${randomUUID()}`,
  revision: 0n,
  position: '42',
  id: randomUUID(),
  type: 'FileUploaded',
  data: {
    fileId: randomUUID(),
    ownerId: owner,
    folderId: null,
    name: 'document.pdf',
    versionId: randomUUID(),
    version: 1,
    size: 1024000,
    sha256: 'a'.repeat(64),
    mimeType: 'application/pdf',
  },
  metadata: {},
  createdAt: new Date(),
};
const registered = {
  ...uploaded,
  streamId: `user-${owner}`,
  type: 'UserRegistered',
  data: { userId: owner, username: 'alice', email: 'alice@example.com', displayName: 'Alice', passwordHash: 'scrypt$secret' },
};

/** A JSON pointer segment. */
const pointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

describe('the OpenAPI webhooks section', () => {
  it('has one POST per event a webhook receives, signed headers required, its body from the payload schema', async () => {
    const document = openApi;
    const webhooks = document.webhooks as Record<
      string,
      { post: { parameters: { name: string; required: boolean }[]; requestBody: Json } }
    >;
    expect(Object.keys(webhooks).sort()).toEqual(Object.keys(WEBHOOK_PAYLOAD_SCHEMAS).sort());
    expect(Object.keys(webhooks)).toEqual(expect.arrayContaining([...new Set(Object.values(PUBLIC_EVENT_NAMES))]));
    for (const operation of Object.values(webhooks)) {
      expect(operation.post.parameters.filter((header) => header.required).map((header) => header.name)).toEqual(
        expect.arrayContaining(['webhook-id', 'webhook-timestamp', 'webhook-signature', 'x-filora-signature']),
      );
    }
    const components = (document.components as { schemas: Record<string, { properties?: Json }> }).schemas;
    expect(Object.keys(components.UploadCompletedData?.properties ?? {})).toEqual(
      expect.arrayContaining(['file_id', 'file_name', 'file_size', 'mime_type', 'folder_id']),
    );
  });

  it('describes the bodies actually sent: each validates against the served schema of its event', async () => {
    const document = openApi;
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    ajv.addSchema(document, 'openapi');
    const validatorOf = (event: string) =>
      ajv.getSchema(`openapi#/webhooks/${pointer(event)}/post/requestBody/content/application~1json/schema`)!;
    for (const body of [
      toWebhookBody(uploaded, 'msg_1'),
      toWebhookBody(registered, 'msg_2'),
      testWebhookBody(randomUUID(), 'msg_3', new Date()),
    ]) {
      const validate = validatorOf(body.event);
      expect([body.event, validate(JSON.parse(JSON.stringify(body)))]).toEqual([body.event, true]);
    }
    const wrong = { ...toWebhookBody(uploaded, 'msg_1'), data: { file_id: 'not a uuid' } };
    expect(validatorOf('upload.completed')(wrong)).toBe(false);
    expect(validatorOf('file.deleted')(JSON.parse(JSON.stringify(toWebhookBody(uploaded, 'msg_1'))))).toBe(false);
  });
});

describe('GET /api/v1/asyncapi.json', () => {
  it('is listed by GET /', async () => {
    expect(index).toMatchObject({ asyncapi: '/api/v1/asyncapi.json', metrics: '/metrics' });
  });

  it('is a valid AsyncAPI 3.0 document', async () => {
    const document = asyncApi;
    // The AsyncAPI schema carries its own copy of the draft-07 meta-schema, so Ajv's must stay out.
    const ajv = new Ajv({ strict: false, allErrors: true, meta: false, validateSchema: false });
    addFormats(ajv);
    const validate = ajv.compile(asyncApiSchemas['3.0.0']);
    expect(validate(document) ? [] : validate.errors).toEqual([]);
    expect(document.asyncapi).toBe('3.0.0');
    expect(validate({ ...document, operations: { consume: { action: 'read' } } })).toBe(false);
  });

  it('has a channel per published topic, a message per event type, and every $ref resolving', async () => {
    const document = asyncApi;
    const channels = document.channels as Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
    const addresses = Object.values(channels).map((channel) => channel.address);
    expect(addresses).toEqual(
      expect.arrayContaining([
        'filora.user.v1',
        'filora.file.v1',
        'filora.folder.v1',
        'filora.token.v1',
        'filora.link.v1',
        'filora.webhook.v1',
      ]),
    );
    expect(addresses).not.toEqual(expect.arrayContaining(['filora.delivery.v1', 'filora.session.v1', 'filora.claim.v1', 'filora.blob.v1']));
    const messageNames = Object.values(channels).flatMap((channel) => Object.keys(channel.messages));
    expect(messageNames).toEqual(expect.arrayContaining(Object.keys(PUBLIC_EVENT_NAMES)));
    const resolve = (ref: string) =>
      ref
        .slice(2)
        .split('/')
        .reduce<unknown>((node, key) => (node as Json | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], document);
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"([^"]+)"/g)].map((match) => match[1]!);
    expect(refs.length).toBeGreaterThan(50);
    expect(refs.filter((ref) => resolve(ref) === undefined)).toEqual([]);
    const messages = (document.components as { messages: Record<string, Json> }).messages;
    expect(messages.FileUploaded).toMatchObject({ 'x-filora-event': 'upload.completed' });
  });

  it('describes the messages the relay actually publishes, and no secret field', async () => {
    const document = asyncApi;
    const text = JSON.stringify(document);
    for (const secret of ['passwordHash', 'secretHash', 'encryptedSecret', 'refreshTokenHash']) expect(text).not.toContain(`"${secret}"`);
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    ajv.addSchema(document, 'asyncapi');
    for (const event of [uploaded, registered]) {
      const { message } = toCloudEvent(event);
      const validate = ajv.getSchema(`asyncapi#/components/messages/${event.type}/payload`)!;
      expect([event.type, validate(JSON.parse(message.value!.toString()))]).toEqual([event.type, true]);
      expect(ajv.validate({ $ref: 'asyncapi#/components/schemas/CloudEventHeaders' }, message.headers)).toBe(true);
    }
  });
});
