import { z } from 'zod';
import { SHARE_PERMISSIONS } from '../../domain/share/shareEvents';
import { futureInstant } from '../http/futureInstant';

/** Most users, and most files, one share request names: past either it is refused whole, with nothing shared. */
export const MAX_SHARE_USERS = 100;
export const MAX_SHARE_FILES = 100;

const identifier = z.string().trim().min(1).max(320);

const TOO_MANY_USERS = `at most ${MAX_SHARE_USERS} users in one request`;

/** What the union of a name and a list of them says when neither fits (zod's own is only "Invalid input"). */
const oneOrManyError =
  (noun: string) =>
  (issue: { input?: unknown }): string =>
    Array.isArray(issue.input) && issue.input.length > MAX_SHARE_USERS
      ? TOO_MANY_USERS
      : `expected ${noun} (a non-empty string), or a list of at most ${MAX_SHARE_USERS} of them`;

/** One name or a list of them, as the seed accepts; always a list once parsed. */
const oneOrMany = (noun: string, description: string) =>
  z
    .union([identifier, z.array(identifier).max(MAX_SHARE_USERS)], { error: oneOrManyError(noun) })
    .transform((value) => (Array.isArray(value) ? value : [value]))
    .meta({ description });

const shareFields = {
  usernames: oneOrMany('a username', 'Users to share with, by username (case-insensitive): one, or a list').optional(),
  emails: oneOrMany('an email address', 'Users to share with, by email (case-insensitive), beside or instead of usernames').optional(),
  permission: z
    .enum(SHARE_PERMISSIONS)
    .default('read')
    .meta({ description: 'view: metadata only; read = download: and the content; write = edit: and rename, metadata, new versions' }),
  expires_at: futureInstant()
    .nullable()
    .optional()
    .meta({ description: 'When the share stops working (checked at every access); absent or null never' }),
};

const usersCount = (input: { usernames?: string[]; emails?: string[] }) => (input.usernames?.length ?? 0) + (input.emails?.length ?? 0);

/** At least one user, and at most MAX_SHARE_USERS of them, usernames and emails together. */
const withUsers = <T extends z.ZodType<{ usernames?: string[]; emails?: string[] }>>(schema: T) =>
  schema
    .refine((input) => usersCount(input) > 0, { message: 'name at least one user in usernames or emails', path: ['usernames'] })
    .refine((input) => usersCount(input) <= MAX_SHARE_USERS, {
      message: TOO_MANY_USERS,
      path: ['usernames'],
    });

export const shareFilesInput = withUsers(
  z.strictObject({
    ...shareFields,
    file_ids: z
      .array(z.uuid())
      .min(1)
      .max(MAX_SHARE_FILES)
      .optional()
      .meta({ description: `Files to share in one request (at most ${MAX_SHARE_FILES}); the path's file when absent` }),
  }),
);

export const shareFolderInput = withUsers(z.strictObject(shareFields));

export const revokeParams = z.strictObject({ id: z.uuid(), userId: z.uuid() });

const shareItem = z
  .object({
    file_id: z.uuid().optional(),
    folder_id: z.uuid().optional(),
    /** The file's name (`name` for a folder), when the request could read it. */
    filename: z.string().nullable().optional(),
    name: z.string().nullable().optional(),
    /** The username asked for, or the user's found by email; null for an email no user has. */
    username: z.string().nullable(),
    email: z.string().optional(),
    grantee_user_id: z.uuid().nullable(),
    permission: z.enum(SHARE_PERMISSIONS),
    /** Why the item was skipped (self, already_shared) or failed (user_not_found, file_not_found, folder_not_found, forbidden). */
    reason: z.string().optional(),
  })
  .meta({ id: 'ShareResultItem' });

const count = z.int().min(0);
const counts = z.object({ created: count, updated: count, failed: count, skipped: count });

export const shareResponse = z
  .object({
    message: z.string(),
    results: z.object({
      created: z.array(shareItem),
      updated: z.array(shareItem),
      failed: z.array(shareItem),
      skipped: z.array(shareItem),
    }),
    summary: counts,
  })
  .meta({ id: 'ShareResults' });

export const revokeResponse = z
  .object({
    message: z.string(),
    file_id: z.uuid().optional(),
    folder_id: z.uuid().optional(),
    grantee_user_id: z.uuid(),
    grantee_username: z.string().nullable(),
    /** False when the user held no share of it (a repeated revoke): nothing changed. */
    revoked: z.boolean(),
  })
  .meta({ id: 'ShareRevoked' });
