import { z } from 'zod';
import { LINK_PERMISSIONS } from '../../domain/link/linkEvents';
import { futureInstant } from '../http/futureInstant';

const permissionField = z
  .enum(LINK_PERMISSIONS)
  .meta({ description: '`view`: the metadata (and a folder’s listing) only; `download`: the content too.' });

const expiresAtField = futureInstant()
  .nullable()
  .meta({ description: 'When the link stops working (it must be in the future); null never.' });

const passwordField = z.string().min(1).max(256);

const maxDownloadsField = z
  .int()
  .min(1)
  .max(1_000_000)
  .nullable()
  .meta({ description: 'Downloads the link serves in all, exactly, however many arrive at once; null no limit.' });

export const createLinkInput = z.strictObject({
  permission: permissionField,
  expires_at: expiresAtField.default(null),
  password: passwordField
    .nullable()
    .default(null)
    .meta({ description: 'Holders must give it (X-Link-Password, or exchanged for a cookie); stored as a scrypt hash.' }),
  max_downloads: maxDownloadsField.default(null),
});

export const patchLinkInput = z
  .strictObject({
    permission: permissionField.optional(),
    expires_at: expiresAtField.optional(),
    password: passwordField
      .nullable()
      .optional()
      .meta({ description: 'A new password, or null to remove it; cookies for the old one stop working.' }),
    max_downloads: maxDownloadsField.optional(),
  })
  .refine((input) => Object.keys(input).length > 0, { message: 'at least one field is required' })
  .meta({ minProperties: 1 });

export const linkAccessInput = z.strictObject({ password: passwordField });

/**
 * A link's token as a path parameter. Shape only (what is not base64url, or too short, is a 400); whether
 * this server issued it is checked in constant time, and an unknown token is a 404.
 */
export const tokenParams = z.strictObject({
  token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{22,128}$/, 'expected a link token')
    .meta({ description: 'The token from the link’s url' }),
});

export const linkResponse = z
  .object({
    id: z.uuid(),
    url: z
      .string()
      .meta({ description: 'Where anyone holding it reaches the link: GET it for the metadata, add /download for the content.' }),
    token: z.string().meta({ description: 'The link’s token (the last part of the url); never stored, recomputed for its owner.' }),
    resource_kind: z.enum(['file', 'folder']),
    resource_id: z.uuid(),
    permission: z.enum(LINK_PERMISSIONS),
    status: z
      .enum(['active', 'expired', 'exhausted', 'revoked', 'resource_deleted'])
      .meta({ description: 'Whether the link works now; anything but `active` answers its holders 404.' }),
    expires_at: z.string().nullable(),
    has_password: z.boolean(),
    max_downloads: z.int().min(1).nullable(),
    download_count: z.int().min(0),
    created_at: z.string(),
    updated_at: z.string(),
    revoked_at: z.string().nullable(),
  })
  .meta({ id: 'PublicLink' });

export const linkAccessResponse = z
  .object({ expires_at: z.string().meta({ description: 'When the access cookie set by this answer stops working.' }) })
  .meta({ id: 'PublicLinkAccess' });
