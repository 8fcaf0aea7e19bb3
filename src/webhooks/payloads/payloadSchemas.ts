import { z } from 'zod';
import { AUTHENTICATION_METHODS, SECOND_FACTOR_METHODS } from '../../domain/user/userEvents';
import { SCOPES } from '../../domain/access/scopes';
import { LINK_PERMISSIONS } from '../../domain/link/linkEvents';
import { SHARE_PERMISSIONS } from '../../domain/share/shareEvents';
import { WEBHOOK_ORDERINGS } from '../../domain/webhook/webhookEvents';

/**
 * What `data` holds in a webhook body, per public event name: the Filora seed's field names (`file_id`,
 * `file_name`, `file_size`, `mime_type`, `folder_id`, …). These schemas check every body the platform sends
 * and generate the OpenAPI `webhooks` section and the AsyncAPI document.
 */

const id = z.uuid();
const instant = z.iso.datetime();
const nullableFolder = id.nullable().meta({ description: 'The folder; null is the owner’s root.' });
const fileSize = z.int().min(0).meta({ description: 'Bytes.' });
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const resourceKind = z.enum(['file', 'folder']);

const fileBase = { file_id: id, owner_id: id };
const folderBase = { folder_id: id, owner_id: id };

const uploadCompleted = z
  .object({
    ...fileBase,
    file_name: z.string(),
    file_size: fileSize,
    mime_type: z.string(),
    folder_id: nullableFolder,
    version: z.literal(1),
    version_id: id,
    sha256,
  })
  .meta({ id: 'UploadCompletedData', description: 'A new file and its first version.' });

const fileUpdated = z
  .discriminatedUnion('change', [
    z.object({
      change: z.literal('renamed'),
      ...fileBase,
      file_name: z.string(),
      previous_file_name: z.string(),
      folder_id: nullableFolder,
    }),
    z.object({
      change: z.literal('moved'),
      ...fileBase,
      file_name: z.string(),
      folder_id: nullableFolder,
      previous_folder_id: nullableFolder,
    }),
    z.object({ change: z.literal('metadata_changed'), ...fileBase, description: z.string().nullable(), tags: z.array(z.string()) }),
    z.object({
      change: z.literal('content_replaced'),
      ...fileBase,
      version: z.int().min(2),
      version_id: id,
      file_size: fileSize,
      mime_type: z.string(),
      sha256,
      previous_file_size: fileSize,
      previous_mime_type: z.string(),
    }),
  ])
  .meta({ id: 'FileUpdatedData', description: 'A file was renamed, moved, described or given new content; `change` says which.' });

const fileDeleted = z
  .object({
    ...fileBase,
    file_name: z.string(),
    file_size: fileSize,
    mime_type: z.string(),
    folder_id: nullableFolder,
    version_count: z.int().min(1),
    deleted_at: instant,
    reason: z.enum(['deleted', 'folder_deleted']),
  })
  .meta({ id: 'FileDeletedData' });

const fileDownloaded = z
  .object({
    ...fileBase,
    version_id: id,
    sha256,
    bytes: fileSize,
    range: z.object({ start: fileSize, end: fileSize }).nullable().meta({ description: 'The inclusive byte range of a partial download.' }),
    downloaded_by: id.meta({ description: 'The user who downloaded, or the public link the bytes went through.' }),
    link_id: id.nullable(),
  })
  .meta({ id: 'FileDownloadedData' });

const folderCreated = z.object({ ...folderBase, folder_name: z.string(), parent_id: nullableFolder }).meta({ id: 'FolderCreatedData' });

const folderUpdated = z
  .discriminatedUnion('change', [
    z.object({
      change: z.literal('renamed'),
      ...folderBase,
      folder_name: z.string(),
      previous_folder_name: z.string(),
      parent_id: nullableFolder,
    }),
    z.object({
      change: z.literal('moved'),
      ...folderBase,
      folder_name: z.string(),
      parent_id: nullableFolder,
      previous_parent_id: nullableFolder,
    }),
  ])
  .meta({ id: 'FolderUpdatedData' });

const folderDeleted = z
  .object({
    ...folderBase,
    folder_name: z.string(),
    parent_id: nullableFolder,
    deleted_at: instant,
    reason: z.enum(['deleted', 'parent_deleted']),
  })
  .meta({ id: 'FolderDeletedData' });

const tokenBase = { token_id: id, owner_id: id };
const tokenCreated = z
  .object({
    ...tokenBase,
    name: z.string(),
    prefix: z.string().meta({ description: 'The first characters of the token, to tell tokens apart; not the token.' }),
    scopes: z.array(z.enum(SCOPES)),
    ip_allowlist: z.array(z.string()),
    rate_limit: z.int().min(1).meta({ description: 'Requests per hour.' }),
    expires_at: instant.nullable(),
  })
  .meta({ id: 'TokenCreatedData' });
const tokenRevoked = z.object(tokenBase).meta({ id: 'TokenRevokedData' });
const tokenRegenerated = z.object({ ...tokenBase, prefix: z.string() }).meta({ id: 'TokenRegeneratedData' });

const shareGrant = {
  share_id: id,
  resource_kind: resourceKind,
  resource_id: id,
  owner_id: id,
  shared_with: id.meta({ description: 'The user the share is for.' }),
  permission: z.enum(SHARE_PERMISSIONS),
  expires_at: instant.nullable(),
};
const shareCreated = z.object({ ...shareGrant, shared_at: instant }).meta({ id: 'ShareCreatedData' });
const shareUpdated = z
  .object({ ...shareGrant, previous_permission: z.enum(SHARE_PERMISSIONS), previous_expires_at: instant.nullable() })
  .meta({ id: 'ShareUpdatedData' });
const shareRevoked = z.object({ ...shareGrant, revoked_at: instant }).meta({ id: 'ShareRevokedData' });
const shareExpired = z.object({ ...shareGrant, expires_at: instant }).meta({ id: 'ShareExpiredData' });

const linkSettings = {
  link_id: id,
  owner_id: id,
  permission: z.enum(LINK_PERMISSIONS),
  expires_at: instant.nullable(),
  max_downloads: z.int().positive().nullable(),
};
const linkCreated = z
  .object({ ...linkSettings, resource_kind: resourceKind, resource_id: id, created_at: instant })
  .meta({ id: 'LinkCreatedData' });
const linkUpdated = z.object(linkSettings).meta({ id: 'LinkUpdatedData' });
const linkRevoked = z.object({ link_id: id, owner_id: id, revoked_at: instant }).meta({ id: 'LinkRevokedData' });

const userRegistered = z
  .object({ user_id: id, username: z.string(), email: z.string(), display_name: z.string() })
  .meta({ id: 'UserRegisteredData' });

const userAuthenticated = z
  .object({
    user_id: id,
    method: z.enum(AUTHENTICATION_METHODS),
    session_id: id.nullable().describe('The session a login started; null for a second factor checked on its own'),
  })
  .meta({ id: 'UserAuthenticatedData' });

const userMfaFailed = z
  .object({
    user_id: id,
    method: z.enum(SECOND_FACTOR_METHODS),
    reason: z.enum(['wrong_code', 'replayed_code', 'expired_code']),
    failed_at: z.string(),
  })
  .meta({ id: 'UserMfaFailedData' });

const webhookSettings = {
  url: z.string(),
  events: z.array(z.string()),
  name: z.string().nullable(),
  description: z.string().nullable(),
  rate_limit_per_minute: z.int().positive(),
  max_concurrency: z.int().positive(),
  ordering: z.enum(WEBHOOK_ORDERINGS),
  verify_ssl: z.boolean(),
  enabled: z.boolean(),
};
const webhookBase = { webhook_id: id, owner_id: id };
const webhookCreated = z.object({ ...webhookBase, ...webhookSettings, created_at: instant }).meta({ id: 'WebhookCreatedData' });
const webhookUpdated = z
  .object({ ...webhookBase, ...z.object(webhookSettings).partial().shape })
  .meta({ id: 'WebhookUpdatedData', description: 'The settings that changed, and only those.' });
const webhookDisabled = z
  .object({ ...webhookBase, reason: z.string(), disabled_at: instant })
  .meta({ id: 'WebhookDisabledData', description: 'Disabled by its owner, by a 410 answer, or after five days of failures.' });
const webhookDeleted = z.object(webhookBase).meta({ id: 'WebhookDeletedData' });

/** `POST /webhooks/{id}/test` sends this event, to that webhook only; it is never recorded or published. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';
const webhookTest = z.object({ webhook_id: id, message: z.string() }).meta({ id: 'WebhookTestData' });

/** One schema per public event name (DESIGN §4's names, as PUBLIC_EVENT_NAMES gives them) and the test event. */
export const WEBHOOK_PAYLOAD_SCHEMAS = {
  'upload.completed': uploadCompleted,
  'file.updated': fileUpdated,
  'file.deleted': fileDeleted,
  'file.downloaded': fileDownloaded,
  'folder.created': folderCreated,
  'folder.updated': folderUpdated,
  'folder.deleted': folderDeleted,
  'token.created': tokenCreated,
  'token.revoked': tokenRevoked,
  'token.regenerated': tokenRegenerated,
  'share.created': shareCreated,
  'share.updated': shareUpdated,
  'share.revoked': shareRevoked,
  'share.expired': shareExpired,
  'link.created': linkCreated,
  'link.updated': linkUpdated,
  'link.revoked': linkRevoked,
  'user.registered': userRegistered,
  'user.authenticated': userAuthenticated,
  'user.mfa_failed': userMfaFailed,
  'webhook.created': webhookCreated,
  'webhook.updated': webhookUpdated,
  'webhook.disabled': webhookDisabled,
  'webhook.deleted': webhookDeleted,
  [WEBHOOK_TEST_EVENT]: webhookTest,
} as const;

export type WebhookEventName = keyof typeof WEBHOOK_PAYLOAD_SCHEMAS;
export type WebhookPayload<Name extends WebhookEventName> = z.infer<(typeof WEBHOOK_PAYLOAD_SCHEMAS)[Name]>;
