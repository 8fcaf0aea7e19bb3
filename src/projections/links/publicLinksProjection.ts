import { fileDeleted } from '../../domain/file/fileEvents';
import { folderDeleted } from '../../domain/folder/folderEvents';
import { isExhausted } from '../../domain/link/linkDecider';
import { linkEvent } from '../../domain/link/linkEvents';
import { z } from 'zod';
import { documentProjection } from '../documentProjection';
import type { PublicLinkRow } from './publicLinkRows';
import { LINK_NEVER_EXPIRES, PUBLIC_LINKS } from './publicLinkRows';

/** A link's own events, and the deletions that make links to the deleted file or folder dead. */
const publicLinksEvent = z.discriminatedUnion('type', [...linkEvent.options, fileDeleted, folderDeleted]);
type PublicLinksEvent = z.infer<typeof publicLinksEvent>;

const activeUntil = (expiresAt: string | null): string => expiresAt ?? LINK_NEVER_EXPIRES;

function evolveLink(row: PublicLinkRow | null, event: PublicLinksEvent, at: string): PublicLinkRow | null {
  switch (event.type) {
    case 'PublicLinkCreated': {
      const { data } = event;
      return {
        _id: data.linkId,
        owner_id: data.ownerId,
        resource_kind: data.resourceKind,
        resource_id: data.resourceId,
        permission: data.permission,
        expires_at: data.expiresAt,
        active_until: activeUntil(data.expiresAt),
        has_password: data.passwordHash !== null,
        password_hash: data.passwordHash,
        password_version: 0,
        max_downloads: data.maxDownloads,
        download_count: 0,
        exhausted: isExhausted(0, data.maxDownloads),
        revoked: false,
        revoked_at: null,
        resource_deleted: false,
        created_at: data.createdAt,
        updated_at: data.createdAt,
      };
    }
    case 'PublicLinkUpdated': {
      if (!row) return null;
      const { permission, expiresAt, passwordHash, maxDownloads, passwordVersion } = event.data;
      return {
        ...row,
        permission,
        expires_at: expiresAt,
        active_until: activeUntil(expiresAt),
        has_password: passwordHash !== null,
        password_hash: passwordHash,
        password_version: passwordVersion,
        max_downloads: maxDownloads,
        exhausted: isExhausted(row.download_count, maxDownloads),
        updated_at: at,
      };
    }
    case 'PublicLinkRevoked':
      return row && { ...row, revoked: true, revoked_at: event.data.revokedAt, updated_at: at };
    case 'PublicLinkDownloadCounted': {
      if (!row) return null;
      const downloads = event.data.downloadNumber;
      return { ...row, download_count: downloads, exhausted: isExhausted(downloads, row.max_downloads) };
    }
    case 'FileDeleted':
    case 'FolderDeleted':
      return row && { ...row, resource_deleted: true, updated_at: at };
  }
}

/** Public links as their owner lists them and their holders reach them; the token is never stored. */
export const publicLinksProjection = documentProjection<PublicLinksEvent, PublicLinkRow>({
  name: 'public_links',
  version: 1,
  collection: PUBLIC_LINKS,
  handles: publicLinksEvent.options.map((option) => option.shape.type.value),

  async setup(store) {
    await store.ensureIndex(PUBLIC_LINKS, {
      fields: [
        ['owner_id', 1],
        ['created_at', -1],
      ],
    });
    await store.ensureIndex(PUBLIC_LINKS, {
      fields: [
        ['resource_id', 1],
        ['created_at', -1],
      ],
    });
  },
  parse: (event) => publicLinksEvent.parse(event),
  key: (event) => {
    switch (event.type) {
      case 'FileDeleted':
        return { matching: { resource_id: event.data.fileId } };
      case 'FolderDeleted':
        return { matching: { resource_id: event.data.folderId } };
      default:
        return event.data.linkId;
    }
  },
  evolve: evolveLink,
});
