/**
 * How internal events face the outside (webhooks, sync, Kafka): their public names (DESIGN §4) and
 * which categories and fields never leave the platform.
 */
export const PUBLIC_EVENT_NAMES: Readonly<Record<string, string>> = {
  UserRegistered: 'user.registered',
  UserAuthenticated: 'user.authenticated',
  MfaFailed: 'user.mfa_failed',
  FileUploaded: 'upload.completed',
  FileRenamed: 'file.updated',
  FileMoved: 'file.updated',
  FileMetadataChanged: 'file.updated',
  FileContentReplaced: 'file.updated',
  FileDeleted: 'file.deleted',
  FileDownloaded: 'file.downloaded',
  FolderCreated: 'folder.created',
  FolderRenamed: 'folder.updated',
  FolderMoved: 'folder.updated',
  FolderDeleted: 'folder.deleted',
  TokenCreated: 'token.created',
  TokenRevoked: 'token.revoked',
  TokenRegenerated: 'token.regenerated',
  FileShared: 'share.created',
  SharePermissionChanged: 'share.updated',
  ShareRevoked: 'share.revoked',
  ShareExpired: 'share.expired',
  FolderShared: 'share.created',
  FolderSharePermissionChanged: 'share.updated',
  FolderShareRevoked: 'share.revoked',
  FolderShareExpired: 'share.expired',
  PublicLinkCreated: 'link.created',
  PublicLinkUpdated: 'link.updated',
  PublicLinkRevoked: 'link.revoked',
  WebhookRegistered: 'webhook.created',
  WebhookChanged: 'webhook.updated',
  WebhookDisabled: 'webhook.disabled',
  WebhookDeleted: 'webhook.deleted',
};

/** Older names subscribers may use for a public event (DESIGN §4's `file.created`, the Filora seed's `file.shared`). */
export const PUBLIC_EVENT_ALIASES: Readonly<Record<string, string>> = {
  'file.created': 'upload.completed',
  'file.shared': 'share.created',
};

/**
 * Streams that exist for the platform's own bookkeeping (uniqueness claims, refresh-token families, blob
 * references, webhook deliveries and incoming webhook calls: those are read through their APIs, not published).
 */
export const INTERNAL_CATEGORIES: ReadonlySet<string> = new Set([
  'claim',
  'session',
  'blob',
  'delivery',
  'incomingcall',
  // OAuth apps and grants are read through /oauth/apps and /oauth/grants; a grant's stream is its codes and token families.
  'oauthapp',
  'oauthgrant',
]);

/** Fields that hold secrets or their hashes; they are dropped from anything published. */
export const SECRET_FIELDS: ReadonlySet<string> = new Set([
  'passwordHash',
  'refreshTokenHash',
  'previousHash',
  'tokenHash',
  'secret',
  'secretHash',
  'encryptedSecret',
  'recoveryCodeHashes',
  'codeHash',
  'destinationHash',
]);

export const categoryOf = (streamId: string): string => streamId.slice(0, Math.max(0, streamId.indexOf('-')));

export function redactSecrets(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([field]) => !SECRET_FIELDS.has(field)));
}
