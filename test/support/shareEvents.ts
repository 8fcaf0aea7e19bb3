import { randomUUID } from 'node:crypto';
import type { TestPlatform } from './testPlatform';

export interface ShareOptions {
  kind: 'file' | 'folder';
  resourceId: string;
  ownerId: string;
  principalId: string;
  permission?: 'view' | 'read' | 'download' | 'write' | 'edit';
  expiresAt?: string | null;
}

/**
 * Shares a resource by appending its share event to the resource's stream, as the share command would,
 * and waits until the read models hold it: the read side is tested apart from the share route.
 */
export async function appendShare(platform: TestPlatform, options: ShareOptions): Promise<string> {
  const { kind, resourceId, ownerId, principalId } = options;
  const { position } = await platform.platform.eventStore.append(
    `${kind}-${resourceId}`,
    [
      {
        id: randomUUID(),
        type: kind === 'file' ? 'FileShared' : 'FolderShared',
        data: {
          [kind === 'file' ? 'fileId' : 'folderId']: resourceId,
          ownerId,
          shareId: randomUUID(),
          principalId,
          permission: options.permission ?? 'read',
          expiresAt: options.expiresAt ?? null,
          sharedAt: new Date().toISOString(),
        },
        metadata: { actor: ownerId },
      },
    ],
    { expectedRevision: 'any' },
  );
  if (!(await platform.platform.api.progress.waitFor(position, 5000))) throw new Error('the read models did not catch up with the share');
  return position;
}
