import type { LinkPermission, SharePermission } from './types';

/** The permissions a share is created with (the API also accepts `download` and `edit`, the same as `read` and `write`). */
export const SHARE_CHOICES: readonly { value: SharePermission; label: string }[] = [
  { value: 'read', label: 'Download: see and download' },
  { value: 'view', label: 'View: details only' },
  { value: 'write', label: 'Edit: download, rename, upload new versions' },
];

export const LINK_CHOICES: readonly { value: LinkPermission; label: string }[] = [
  { value: 'download', label: 'Download: details and content' },
  { value: 'view', label: 'View: details only' },
];

const SHORT_NAMES: Record<SharePermission, string> = {
  view: 'View',
  read: 'Download',
  download: 'Download',
  write: 'Edit',
  edit: 'Edit',
};

/** A permission as a list shows it. */
export function permissionName(permission: SharePermission): string {
  return SHORT_NAMES[permission];
}
