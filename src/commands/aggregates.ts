import type { BlobCommand, BlobState } from '../domain/blob/blobDecider';
import { blobDecider } from '../domain/blob/blobDecider';
import type { BlobEvent } from '../domain/blob/blobEvents';
import { blobEvent } from '../domain/blob/blobEvents';
import type { ClaimCommand, ClaimState } from '../domain/claim/claimDecider';
import { claimDecider } from '../domain/claim/claimDecider';
import type { ClaimEvent } from '../domain/claim/claimEvents';
import { claimEvent } from '../domain/claim/claimEvents';
import type { FileCommand, FileState } from '../domain/file/fileDecider';
import { fileDecider } from '../domain/file/fileDecider';
import type { FileEvent } from '../domain/file/fileEvents';
import { fileEvent } from '../domain/file/fileEvents';
import type { FolderCommand, FolderState } from '../domain/folder/folderDecider';
import { folderDecider } from '../domain/folder/folderDecider';
import type { FolderEvent } from '../domain/folder/folderEvents';
import { folderEvent } from '../domain/folder/folderEvents';
import type { SessionCommand, SessionState } from '../domain/session/sessionDecider';
import { sessionDecider } from '../domain/session/sessionDecider';
import type { SessionEvent } from '../domain/session/sessionEvents';
import { sessionEvent } from '../domain/session/sessionEvents';
import type { UserCommand, UserState } from '../domain/user/userDecider';
import { userDecider } from '../domain/user/userDecider';
import type { UserEvent } from '../domain/user/userEvents';
import { userEvent } from '../domain/user/userEvents';
import type { Aggregate } from './pipeline';

export const userAggregate: Aggregate<UserCommand, UserEvent, UserState> = {
  category: 'user',
  eventSchema: userEvent,
  decider: userDecider,
};
export const claimAggregate: Aggregate<ClaimCommand, ClaimEvent, ClaimState> = {
  category: 'claim',
  eventSchema: claimEvent,
  decider: claimDecider,
};
export const sessionAggregate: Aggregate<SessionCommand, SessionEvent, SessionState> = {
  category: 'session',
  eventSchema: sessionEvent,
  decider: sessionDecider,
};
export const fileAggregate: Aggregate<FileCommand, FileEvent, FileState> = {
  category: 'file',
  eventSchema: fileEvent,
  decider: fileDecider,
};
export const folderAggregate: Aggregate<FolderCommand, FolderEvent, FolderState> = {
  category: 'folder',
  eventSchema: folderEvent,
  decider: folderDecider,
};
export const blobAggregate: Aggregate<BlobCommand, BlobEvent, BlobState> = {
  category: 'blob',
  eventSchema: blobEvent,
  decider: blobDecider,
};
