import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { uploadJson } from '../../test/support/files';
import { registerAndLogin } from '../../test/support/http';
import type { TestPlatform } from '../../test/support/testPlatform';
import { startTestPlatform } from '../../test/support/testPlatform';

/**
 * The embedded platform in the benchmark's own process (so its heap can be measured and its appends timed
 * where they are made), with production durability (synchronous FULL), and one user owning one file.
 */
export interface RealtimeWorld {
  platform: TestPlatform;
  userId: string;
  token: string;
  fileId: string;
  /** Appends one public event on the file (a metadata change) with the given id: an event the user's feed shows. */
  touchFile(eventId: string, note: string): Promise<void>;
}

export async function startRealtimeWorld(tempDir: string, env: Record<string, string> = {}): Promise<RealtimeWorld> {
  const platform = await startTestPlatform({ FILORA_SQLITE_SYNCHRONOUS: 'FULL', ...env }, join(tempDir, 'server'));
  const user = await registerAndLogin(platform.url);
  const file = await uploadJson(platform.url, user.token, { name: 'watched.txt', content: 'watched' });
  const fileId = file.body.id;
  return {
    platform,
    userId: user.id,
    token: user.token,
    fileId,
    touchFile: (eventId, note) => appendMetadataChange(platform, { fileId, ownerId: user.id }, eventId, note),
  };
}

/** Appends a public event on a file (a metadata change whose description is `note`) with the given id. */
export async function appendMetadataChange(
  platform: TestPlatform,
  file: { fileId: string; ownerId: string },
  eventId: string,
  note: string,
): Promise<void> {
  const data = { ...file, description: note, tags: [] };
  await platform.platform.eventStore.append(
    `file-${file.fileId}`,
    [{ id: eventId, type: 'FileMetadataChanged', data, metadata: { actor: file.ownerId, correlationId: randomUUID() } }],
    { expectedRevision: 'any' },
  );
}

/** Wall-clock ms, comparable with the client process's (same machine). */
export const wallClockMs = (): number => performance.timeOrigin + performance.now();
