import { randomUUID } from 'node:crypto';
import { PUBLIC_EVENT_NAMES, redactSecrets } from '../../../../src/domain/publicEvents';
import { webhookBody } from '../../../../src/domain/webhook/deliveryEvents';
import { PAYLOAD_MAPPINGS } from '../../../../src/webhooks/payloads/payloadMappings';
import { WEBHOOK_PAYLOAD_SCHEMAS } from '../../../../src/webhooks/payloads/payloadSchemas';
import {
  serializeWebhookBody,
  testWebhookBody,
  toWebhookBody,
  webhookEventNameOf,
  WebhookPayloadError,
} from '../../../../src/webhooks/payloads/toWebhookBody';

const owner = randomUUID();
const fileId = randomUUID();
const folderId = randomUUID();
const at = '2026-01-20T10:30:00.000Z';
const sha256 = 'a'.repeat(64);
const grant = { ownerId: owner, shareId: randomUUID(), principalId: randomUUID(), permission: 'read', expiresAt: null };
const linkSettings = { permission: 'download', expiresAt: null, passwordHash: 'scrypt$secret-hash', maxDownloads: 3 };
const webhookSettings = {
  url: 'https://example.com/hook',
  events: ['file.*'],
  name: 'hook',
  description: null,
  rateLimitPerMinute: 100,
  maxConcurrency: 4,
  ordering: 'none',
  verifySsl: true,
  enabled: true,
};

/** One stored event of every type that has a public name, as the deciders record them. */
const EXAMPLES: Record<string, Record<string, unknown>> = {
  UserRegistered: { userId: owner, username: 'alice', email: 'alice@example.com', displayName: 'Alice', passwordHash: 'scrypt$x' },
  UserAuthenticated: { userId: owner, method: 'totp', sessionId: randomUUID(), totpStep: 58_000_000, recoveryCodeIndex: null, otpId: null },
  MfaFailed: { userId: owner, method: 'totp', reason: 'wrong_code', failedAt: at },
  FileUploaded: {
    fileId,
    ownerId: owner,
    folderId,
    name: 'document.pdf',
    versionId: randomUUID(),
    version: 1,
    size: 1024000,
    sha256,
    mimeType: 'application/pdf',
  },
  FileRenamed: { fileId, ownerId: owner, folderId: null, name: 'b.pdf', previousName: 'a.pdf' },
  FileMoved: { fileId, ownerId: owner, name: 'b.pdf', folderId, previousFolderId: null },
  FileMetadataChanged: { fileId, ownerId: owner, description: 'notes', tags: ['x'] },
  FileContentReplaced: {
    fileId,
    ownerId: owner,
    versionId: randomUUID(),
    version: 2,
    size: 10,
    sha256,
    mimeType: 'text/plain',
    previousSize: 9,
    previousMimeType: 'text/plain',
  },
  FileDeleted: {
    fileId,
    ownerId: owner,
    folderId,
    name: 'b.pdf',
    size: 10,
    mimeType: 'text/plain',
    storedBytes: 19,
    versionCount: 2,
    deletedAt: at,
    reason: 'deleted',
  },
  FileDownloaded: { fileId, ownerId: owner, versionId: randomUUID(), sha256, bytes: 10, range: null, downloadedBy: randomUUID() },
  FolderCreated: { folderId, ownerId: owner, parentId: null, name: 'docs' },
  FolderRenamed: { folderId, ownerId: owner, parentId: null, name: 'papers', previousName: 'docs' },
  FolderMoved: { folderId, ownerId: owner, name: 'papers', parentId: randomUUID(), previousParentId: null },
  FolderDeleted: { folderId, ownerId: owner, parentId: null, name: 'papers', deletedAt: at, reason: 'deleted' },
  TokenCreated: {
    tokenId: randomUUID(),
    ownerId: owner,
    prefix: 'fl_abcdefgh',
    secretHash: 'f'.repeat(64),
    name: 'ci',
    scopes: ['files.read'],
    ipAllowlist: [],
    rateLimitPerHour: 1000,
    expiresAt: null,
  },
  TokenRevoked: { tokenId: randomUUID(), ownerId: owner },
  TokenRegenerated: { tokenId: randomUUID(), ownerId: owner, prefix: 'fl_12345678', secretHash: 'e'.repeat(64) },
  FileShared: { fileId, ...grant, sharedAt: at },
  SharePermissionChanged: { fileId, ...grant, previousPermission: 'view', previousExpiresAt: null },
  ShareRevoked: { fileId, ...grant, revokedAt: at },
  ShareExpired: { fileId, ...grant, expiresAt: at },
  FolderShared: { folderId, ...grant, sharedAt: at },
  FolderSharePermissionChanged: { folderId, ...grant, previousPermission: 'view', previousExpiresAt: null },
  FolderShareRevoked: { folderId, ...grant, revokedAt: at },
  FolderShareExpired: { folderId, ...grant, expiresAt: at },
  PublicLinkCreated: { linkId: randomUUID(), ownerId: owner, resourceKind: 'file', resourceId: fileId, ...linkSettings, createdAt: at },
  PublicLinkUpdated: { linkId: randomUUID(), ownerId: owner, ...linkSettings, passwordVersion: 1 },
  PublicLinkRevoked: { linkId: randomUUID(), ownerId: owner, revokedAt: at },
  WebhookRegistered: { webhookId: randomUUID(), ownerId: owner, encryptedSecret: 'v1.sealed', ...webhookSettings, registeredAt: at },
  WebhookChanged: { webhookId: randomUUID(), ownerId: owner, url: 'https://example.com/other', enabled: false },
  WebhookDisabled: { webhookId: randomUUID(), ownerId: owner, reason: 'the endpoint answered 410 Gone', disabledAt: at },
  WebhookDeleted: { webhookId: randomUUID(), ownerId: owner },
};

const recorded = (type: string) => ({ type, data: EXAMPLES[type]!, createdAt: new Date(at) });

describe('webhook payloads', () => {
  it('exist for every event with a public name, under that name, each with a schema', () => {
    expect(Object.keys(PAYLOAD_MAPPINGS).sort()).toEqual(Object.keys(PUBLIC_EVENT_NAMES).sort());
    for (const [type, mapping] of Object.entries(PAYLOAD_MAPPINGS)) {
      expect([type, mapping.name]).toEqual([type, PUBLIC_EVENT_NAMES[type]]);
      expect(WEBHOOK_PAYLOAD_SCHEMAS[mapping.name]).toBeDefined();
    }
    expect(Object.keys(EXAMPLES).sort()).toEqual(Object.keys(PUBLIC_EVENT_NAMES).sort());
  });

  it.each(Object.keys(PUBLIC_EVENT_NAMES))('%s becomes a body {id, event, timestamp, data} its public schema accepts', (type) => {
    const body = toWebhookBody(recorded(type), 'msg_1');
    expect(Object.keys(body)).toEqual(['id', 'event', 'timestamp', 'data']);
    expect(webhookBody.parse(body)).toEqual(body);
    expect(body).toMatchObject({ id: 'msg_1', event: PUBLIC_EVENT_NAMES[type], timestamp: at });
    expect(WEBHOOK_PAYLOAD_SCHEMAS[body.event as keyof typeof WEBHOOK_PAYLOAD_SCHEMAS].parse(body.data)).toEqual(body.data);
    expect(Object.keys(body.data).every((field) => /^[a-z0-9_]+$/.test(field))).toBe(true);
  });

  it('uses the Filora seed’s field names for upload.completed', () => {
    expect(toWebhookBody(recorded('FileUploaded'), 'msg_1').data).toMatchObject({
      file_id: fileId,
      file_name: 'document.pdf',
      file_size: 1024000,
      mime_type: 'application/pdf',
      folder_id: folderId,
    });
  });

  it('never carries a secret field, and is the same from the event log as from its published (redacted) form', () => {
    for (const type of Object.keys(EXAMPLES)) {
      const fromLog = serializeWebhookBody(toWebhookBody(recorded(type), 'm'));
      const fromTopic = serializeWebhookBody(toWebhookBody({ ...recorded(type), data: redactSecrets(EXAMPLES[type]!) }, 'm'));
      expect(fromTopic).toBe(fromLog);
      expect(fromLog).not.toMatch(/scrypt|v1\.sealed|password|secret_hash|encrypted/);
    }
  });

  it('tells which change a file.updated is, and keeps only the changed settings in webhook.updated', () => {
    expect(toWebhookBody(recorded('FileMoved'), 'm').data).toMatchObject({
      change: 'moved',
      folder_id: folderId,
      previous_folder_id: null,
    });
    expect(toWebhookBody(recorded('FileContentReplaced'), 'm').data).toMatchObject({ change: 'content_replaced', version: 2 });
    expect(Object.keys(toWebhookBody(recorded('WebhookChanged'), 'm').data).sort()).toEqual(['enabled', 'owner_id', 'url', 'webhook_id']);
  });

  it('refuses events webhooks never receive and data that is not the event’s', () => {
    expect(() => toWebhookBody({ type: 'UserLoggedIn', data: {}, createdAt: new Date() }, 'm')).toThrow(WebhookPayloadError);
    expect(() => toWebhookBody({ type: 'FileUploaded', data: { fileId: 'x' }, createdAt: new Date() }, 'm')).toThrow(WebhookPayloadError);
    expect(webhookEventNameOf('FileUploaded')).toBe('upload.completed');
    expect(webhookEventNameOf('UserLoggedIn')).toBeNull();
  });

  it('serializes compactly, so the seed’s JSON.stringify of the parsed body gives the bytes back', () => {
    const text = serializeWebhookBody(toWebhookBody(recorded('FileUploaded'), 'm'));
    expect(text).not.toMatch(/\n|": /);
    expect(JSON.stringify(JSON.parse(text))).toBe(text);
  });

  it('makes the test event’s body', () => {
    const webhookId = randomUUID();
    const body = testWebhookBody(webhookId, 'msg_test', new Date(at));
    expect(body).toMatchObject({ id: 'msg_test', event: 'webhook.test', timestamp: at, data: { webhook_id: webhookId } });
  });
});
