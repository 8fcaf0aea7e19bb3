import type { Scope } from '../../domain/access/scopes';

/** What granting a scope lets an app do, in the words the consent page shows the user. */
export const SCOPE_DESCRIPTIONS: Readonly<Record<Scope, string>> = {
  'files.read': 'See and download your files and folders',
  'files.write': 'Upload, change, move and delete your files and folders (and see them)',
  'shares.manage': 'Share your files and folders with other people, and create or revoke public links',
  'webhooks.manage': 'Create and manage webhooks that tell other services about changes to your files',
  'audit.read': 'Read the history of what happened to your account and files',
};
