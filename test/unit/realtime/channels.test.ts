import { randomUUID } from 'node:crypto';
import { matchesAnyChannel, matchesChannel } from '../../../src/realtime/channels';
import type { FeedItem } from '../../../src/sync/feedTypes';

const item = (payload: Record<string, unknown>): FeedItem => ({
  event_id: randomUUID(),
  type: 'file.updated',
  user_id: null,
  timestamp: new Date(0).toISOString(),
  payload,
  cursor: 'c',
});

describe('channels', () => {
  const fileId = randomUUID();
  const folderId = randomUUID();

  it('a file channel carries the events that name the file', () => {
    expect(matchesChannel(item({ fileId }), { channel: 'file', resourceId: fileId })).toBe(true);
    expect(matchesChannel(item({ fileId: randomUUID(), folderId: fileId }), { channel: 'file', resourceId: fileId })).toBe(false);
  });

  it('a folder channel carries the folder’s events and those of what is in it or was moved out of it', () => {
    const folder = { channel: 'folder', resourceId: folderId } as const;
    expect(matchesChannel(item({ folderId }), folder)).toBe(true);
    expect(matchesChannel(item({ fileId, folderId }), folder)).toBe(true);
    expect(matchesChannel(item({ fileId, folderId: null, previousFolderId: folderId }), folder)).toBe(true);
    expect(matchesChannel(item({ folderId: randomUUID(), parentId: folderId }), folder)).toBe(true);
    expect(matchesChannel(item({ folderId: randomUUID(), parentId: null, previousParentId: folderId }), folder)).toBe(true);
    expect(matchesChannel(item({ fileId, folderId: randomUUID() }), folder)).toBe(false);
  });

  it('no subscription, or sync, is the whole feed', () => {
    expect(matchesAnyChannel(item({ fileId }), [])).toBe(true);
    expect(matchesAnyChannel(item({ fileId }), [{ channel: 'sync', resourceId: null }])).toBe(true);
    expect(matchesAnyChannel(item({ fileId }), [{ channel: 'folder', resourceId: folderId }])).toBe(false);
  });
});
