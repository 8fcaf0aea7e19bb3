import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '../../../src/ports/eventStore';
import { intervalCovers, namedRecipientsOf, sharedResourceOf } from '../../../src/sync/feedAudience';
import { cursorOf, positionOfCursor } from '../../../src/sync/feedCursor';
import { feedItemOf } from '../../../src/sync/feedItem';

const position = (n: number) => String(n).padStart(20, '0');

const recorded = (
  streamId: string,
  type: string,
  data: Record<string, unknown>,
  at = position(10),
  createdAt = '2026-05-01T12:00:00.000Z',
): RecordedEvent => ({
  streamId,
  revision: 0n,
  position: at,
  id: randomUUID(),
  type,
  data,
  metadata: { actor: 'actor-1' },
  createdAt: new Date(createdAt),
});

describe('feed cursors', () => {
  it('round-trip a position, and refuse anything this server did not hand out', () => {
    expect(positionOfCursor(cursorOf(position(42)))).toBe(position(42));
    for (const cursor of [
      '',
      'not base64!',
      Buffer.from('v2:' + position(1)).toString('base64url'),
      Buffer.from('v1:12').toString('base64url'),
    ])
      expect(positionOfCursor(cursor)).toBeNull();
  });
});

describe('feed items', () => {
  it('show public events by their public name, with the actor, the published data and the cursor', () => {
    const event = recorded('file-f1', 'FileRenamed', { fileId: 'f1', ownerId: 'o1', name: 'b', previousName: 'a', folderId: null });
    expect(feedItemOf(event)).toEqual({
      event_id: event.id,
      type: 'file.updated',
      user_id: 'actor-1',
      timestamp: '2026-05-01T12:00:00.000Z',
      payload: event.data,
      cursor: cursorOf(event.position),
    });
  });

  it('leave out internal events, internal categories and usage records', () => {
    expect(feedItemOf(recorded('user-u1', 'UserLoggedIn', { userId: 'u1', sessionId: 's' }))).toBeNull();
    expect(feedItemOf(recorded('claim-x', 'FileUploaded', { ownerId: 'o1' }))).toBeNull();
    expect(feedItemOf(recorded('usage-x', 'UsageRecorded', { records: [] }))).toBeNull();
  });
});

describe('feed audience rules', () => {
  it('takes the resource from the published stream: downloads are their file’s; links and shares reach no other grantee', () => {
    expect(sharedResourceOf(recorded('download-f1', 'FileDownloaded', {}))).toBe('f1');
    expect(sharedResourceOf(recorded('folder-d1', 'FolderRenamed', {}))).toBe('d1');
    expect(sharedResourceOf(recorded('link-l1', 'PublicLinkCreated', {}))).toBeNull();
    expect(sharedResourceOf(recorded('file-f1', 'ShareRevoked', {}))).toBeNull();
    expect(sharedResourceOf(recorded('folder-d1', 'FolderShared', {}))).toBeNull();
  });

  it('names the owner, the user of a user event, and the grantee of a share event', () => {
    expect(namedRecipientsOf(recorded('file-f1', 'FileShared', { ownerId: 'o1', principalId: 'p1' }))).toEqual(['o1', 'p1']);
    expect(namedRecipientsOf(recorded('file-f1', 'FileRenamed', { ownerId: 'o1', principalId: 'p1' }))).toEqual(['o1']);
    expect(namedRecipientsOf(recorded('user-u1', 'UserRegistered', { userId: 'u1' }))).toEqual(['u1']);
  });

  it('covers an event from the interval’s start to its end, inclusive, and only before the share’s expiry', () => {
    const at = (n: number, createdAt?: string) => recorded('file-f1', 'FileRenamed', {}, position(n), createdAt);
    const closed = { from: position(5), to: position(9), expires_at: null };
    expect([4, 5, 9, 10].map((n) => intervalCovers(closed, at(n)))).toEqual([false, true, true, false]);
    const open = { from: position(5), to: null, expires_at: '2026-05-01T12:00:00.000Z' };
    expect(intervalCovers(open, at(50, '2026-05-01T11:59:59.999Z'))).toBe(true);
    expect(intervalCovers(open, at(50, '2026-05-01T12:00:00.000Z'))).toBe(false);
  });
});
