import type { z } from 'zod';
import {
  fileContentReplaced,
  fileDeleted,
  fileDownloaded,
  fileMetadataChanged,
  fileMoved,
  fileRenamed,
  fileUploaded,
} from '../../domain/file/fileEvents';
import { folderCreated, folderDeleted, folderMoved, folderRenamed } from '../../domain/folder/folderEvents';
import { publicLinkCreated, publicLinkRevoked, publicLinkUpdated } from '../../domain/link/linkEvents';
import { fileShareEvents, folderShareEvents } from '../../domain/share/shareEvents';
import { tokenCreated, tokenRegenerated, tokenRevoked } from '../../domain/token/tokenEvents';
import { mfaFailed, userAuthenticated, userRegistered } from '../../domain/user/userEvents';
import type { WebhookSettings } from '../../domain/webhook/webhookEvents';
import { webhookChanged, webhookDeleted, webhookDisabled, webhookRegistered } from '../../domain/webhook/webhookEvents';
import type { WebhookEventName, WebhookPayload } from './payloadSchemas';

/**
 * How each internal event type becomes its public event's `data`: `source` reads the stored data (as
 * published: secret fields are gone, see redactSecrets), `toData` renames it to the seed's field names.
 */
export interface PayloadMapping {
  name: WebhookEventName;
  source: z.ZodType<unknown>;
  toData: (data: never) => Record<string, unknown>;
}

function mapping<Name extends WebhookEventName, Source extends z.ZodType>(
  name: Name,
  source: Source,
  toData: (data: z.infer<Source>) => WebhookPayload<Name>,
): PayloadMapping {
  return { name, source, toData: toData as (data: never) => Record<string, unknown> };
}

type GrantData = Omit<z.infer<typeof fileShareEvents.shared.shape.data>, 'fileId' | 'sharedAt'>;
/** A share event's data: a grant on a file (`fileId`) or on a folder (`folderId`). */
type ShareData = GrantData & ({ fileId: string } | { folderId: string });

/** What every share payload carries: the grant, and the resource it is on. */
const grantOf = (data: ShareData): Omit<WebhookPayload<'share.created'>, 'shared_at'> => ({
  share_id: data.shareId,
  resource_kind: 'fileId' in data ? 'file' : 'folder',
  resource_id: 'fileId' in data ? data.fileId : data.folderId,
  owner_id: data.ownerId,
  shared_with: data.principalId,
  permission: data.permission,
  expires_at: data.expiresAt,
});

/** The four share events of one resource kind (shareEvents.ts builds both kinds alike), by type. */
const shareMappings = (events: typeof fileShareEvents | typeof folderShareEvents) => ({
  [events.shared.shape.type.value]: mapping('share.created', events.shared.shape.data, (data) => ({
    ...grantOf(data),
    shared_at: data.sharedAt,
  })),
  [events.changed.shape.type.value]: mapping('share.updated', events.changed.shape.data, (data) => ({
    ...grantOf(data),
    previous_permission: data.previousPermission,
    previous_expires_at: data.previousExpiresAt,
  })),
  [events.revoked.shape.type.value]: mapping('share.revoked', events.revoked.shape.data, (data) => ({
    ...grantOf(data),
    revoked_at: data.revokedAt,
  })),
  [events.expired.shape.type.value]: mapping('share.expired', events.expired.shape.data, (data) => ({
    ...grantOf(data),
    expires_at: data.expiresAt,
  })),
});

// The password hash is a secret field, dropped before publishing, so whether a link has one is not told.
type LinkSettings = Pick<z.infer<typeof publicLinkUpdated.shape.data>, 'linkId' | 'ownerId' | 'permission' | 'expiresAt' | 'maxDownloads'>;
const linkSettingsOf = (data: LinkSettings) => ({
  link_id: data.linkId,
  owner_id: data.ownerId,
  permission: data.permission,
  expires_at: data.expiresAt,
  max_downloads: data.maxDownloads,
});

interface WebhookSettingsPayload {
  url: string;
  events: string[];
  name: string | null;
  description: string | null;
  rate_limit_per_minute: number;
  max_concurrency: number;
  ordering: WebhookSettings['ordering'];
  verify_ssl: boolean;
  enabled: boolean;
}

/** A webhook's settings by their API names; a change carries only those that changed, so the others are left out. */
function webhookSettingsOf(data: WebhookSettings): WebhookSettingsPayload;
function webhookSettingsOf(data: Partial<WebhookSettings>): Partial<WebhookSettingsPayload>;
function webhookSettingsOf(data: Partial<WebhookSettings>): Partial<WebhookSettingsPayload> {
  const settings: Partial<WebhookSettingsPayload> = {
    url: data.url,
    events: data.events,
    name: data.name,
    description: data.description,
    rate_limit_per_minute: data.rateLimitPerMinute,
    max_concurrency: data.maxConcurrency,
    ordering: data.ordering,
    verify_ssl: data.verifySsl,
    enabled: data.enabled,
  };
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
}

/** Every internal event type with a public name (PUBLIC_EVENT_NAMES), and how its body's data is made. */
export const PAYLOAD_MAPPINGS: Readonly<Record<string, PayloadMapping>> = {
  FileUploaded: mapping('upload.completed', fileUploaded.shape.data, (data) => ({
    file_id: data.fileId,
    owner_id: data.ownerId,
    file_name: data.name,
    file_size: data.size,
    mime_type: data.mimeType,
    folder_id: data.folderId,
    version: data.version,
    version_id: data.versionId,
    sha256: data.sha256,
  })),
  FileRenamed: mapping('file.updated', fileRenamed.shape.data, (data) => ({
    change: 'renamed',
    file_id: data.fileId,
    owner_id: data.ownerId,
    file_name: data.name,
    previous_file_name: data.previousName,
    folder_id: data.folderId,
  })),
  FileMoved: mapping('file.updated', fileMoved.shape.data, (data) => ({
    change: 'moved',
    file_id: data.fileId,
    owner_id: data.ownerId,
    file_name: data.name,
    folder_id: data.folderId,
    previous_folder_id: data.previousFolderId,
  })),
  FileMetadataChanged: mapping('file.updated', fileMetadataChanged.shape.data, (data) => ({
    change: 'metadata_changed',
    file_id: data.fileId,
    owner_id: data.ownerId,
    description: data.description,
    tags: data.tags,
  })),
  FileContentReplaced: mapping('file.updated', fileContentReplaced.shape.data, (data) => ({
    change: 'content_replaced',
    file_id: data.fileId,
    owner_id: data.ownerId,
    version: data.version,
    version_id: data.versionId,
    file_size: data.size,
    mime_type: data.mimeType,
    sha256: data.sha256,
    previous_file_size: data.previousSize,
    previous_mime_type: data.previousMimeType,
  })),
  FileDeleted: mapping('file.deleted', fileDeleted.shape.data, (data) => ({
    file_id: data.fileId,
    owner_id: data.ownerId,
    file_name: data.name,
    file_size: data.size,
    mime_type: data.mimeType,
    folder_id: data.folderId,
    version_count: data.versionCount,
    deleted_at: data.deletedAt,
    reason: data.reason,
  })),
  FileDownloaded: mapping('file.downloaded', fileDownloaded.shape.data, (data) => ({
    file_id: data.fileId,
    owner_id: data.ownerId,
    version_id: data.versionId,
    sha256: data.sha256,
    bytes: data.bytes,
    range: data.range,
    downloaded_by: data.downloadedBy,
    link_id: data.linkId ?? null,
  })),
  FolderCreated: mapping('folder.created', folderCreated.shape.data, (data) => ({
    folder_id: data.folderId,
    owner_id: data.ownerId,
    folder_name: data.name,
    parent_id: data.parentId,
  })),
  FolderRenamed: mapping('folder.updated', folderRenamed.shape.data, (data) => ({
    change: 'renamed',
    folder_id: data.folderId,
    owner_id: data.ownerId,
    folder_name: data.name,
    previous_folder_name: data.previousName,
    parent_id: data.parentId,
  })),
  FolderMoved: mapping('folder.updated', folderMoved.shape.data, (data) => ({
    change: 'moved',
    folder_id: data.folderId,
    owner_id: data.ownerId,
    folder_name: data.name,
    parent_id: data.parentId,
    previous_parent_id: data.previousParentId,
  })),
  FolderDeleted: mapping('folder.deleted', folderDeleted.shape.data, (data) => ({
    folder_id: data.folderId,
    owner_id: data.ownerId,
    folder_name: data.name,
    parent_id: data.parentId,
    deleted_at: data.deletedAt,
    reason: data.reason,
  })),
  TokenCreated: mapping('token.created', tokenCreated.shape.data.omit({ secretHash: true }), (data) => ({
    token_id: data.tokenId,
    owner_id: data.ownerId,
    name: data.name,
    prefix: data.prefix,
    scopes: data.scopes,
    ip_allowlist: data.ipAllowlist,
    rate_limit: data.rateLimitPerHour,
    expires_at: data.expiresAt,
  })),
  TokenRevoked: mapping('token.revoked', tokenRevoked.shape.data, (data) => ({ token_id: data.tokenId, owner_id: data.ownerId })),
  TokenRegenerated: mapping('token.regenerated', tokenRegenerated.shape.data.omit({ secretHash: true }), (data) => ({
    token_id: data.tokenId,
    owner_id: data.ownerId,
    prefix: data.prefix,
  })),
  ...shareMappings(fileShareEvents),
  ...shareMappings(folderShareEvents),
  PublicLinkCreated: mapping('link.created', publicLinkCreated.shape.data.omit({ passwordHash: true }), (data) => ({
    ...linkSettingsOf(data),
    resource_kind: data.resourceKind,
    resource_id: data.resourceId,
    created_at: data.createdAt,
  })),
  PublicLinkUpdated: mapping('link.updated', publicLinkUpdated.shape.data.omit({ passwordHash: true }), linkSettingsOf),
  PublicLinkRevoked: mapping('link.revoked', publicLinkRevoked.shape.data, (data) => ({
    link_id: data.linkId,
    owner_id: data.ownerId,
    revoked_at: data.revokedAt,
  })),
  UserRegistered: mapping('user.registered', userRegistered.shape.data.omit({ passwordHash: true }), (data) => ({
    user_id: data.userId,
    username: data.username,
    email: data.email,
    display_name: data.displayName,
  })),
  UserAuthenticated: mapping('user.authenticated', userAuthenticated.shape.data, (data) => ({
    user_id: data.userId,
    method: data.method,
    session_id: data.sessionId,
  })),
  MfaFailed: mapping('user.mfa_failed', mfaFailed.shape.data, (data) => ({
    user_id: data.userId,
    method: data.method,
    reason: data.reason,
    failed_at: data.failedAt,
  })),
  WebhookRegistered: mapping('webhook.created', webhookRegistered.shape.data.omit({ encryptedSecret: true }), (data) => ({
    webhook_id: data.webhookId,
    owner_id: data.ownerId,
    ...webhookSettingsOf(data),
    created_at: data.registeredAt,
  })),
  WebhookChanged: mapping('webhook.updated', webhookChanged.shape.data, (data) => ({
    webhook_id: data.webhookId,
    owner_id: data.ownerId,
    ...webhookSettingsOf(data),
  })),
  WebhookDisabled: mapping('webhook.disabled', webhookDisabled.shape.data, (data) => ({
    webhook_id: data.webhookId,
    owner_id: data.ownerId,
    reason: data.reason,
    disabled_at: data.disabledAt,
  })),
  WebhookDeleted: mapping('webhook.deleted', webhookDeleted.shape.data, (data) => ({ webhook_id: data.webhookId, owner_id: data.ownerId })),
};
