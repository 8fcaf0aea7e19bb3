import type { SeededRandom } from './seededRandom';

export interface UserState {
  id: string;
  username: string;
  folders: FolderState[];
  files: FileState[];
  sessions: string[];
}

export interface FolderState {
  id: string;
  ownerId: string;
  parentId: string | null;
  name: string;
}

export interface VersionState {
  versionId: string;
  sha256: string;
  size: number;
}

export interface FileState {
  id: string;
  ownerId: string;
  folderId: string | null;
  name: string;
  mimeType: string;
  versions: VersionState[];
}

/** Removes `item` from `items` in O(1), order not kept. */
export function removeFrom<T>(items: T[], item: T): void {
  const index = items.indexOf(item);
  if (index === -1) return;
  items[index] = items[items.length - 1]!;
  items.pop();
}

/** What the simulated platform holds so far: users with their live folders, files and sessions. */
export class HistoryWorld {
  readonly users: UserState[] = [];
  /** Content already stored, so that some uploads re-use a blob as they do in life. */
  readonly contents: VersionState[] = [];

  constructor(readonly random: SeededRandom) {}

  /** A user with something to act on, favouring the most recent ones. */
  activeUser(): UserState | undefined {
    if (this.users.length === 0) return undefined;
    const recent = Math.min(this.users.length, 200);
    return this.random.next() < 0.7 ? this.users[this.users.length - 1 - this.random.below(recent)] : this.random.pick(this.users);
  }

  /** A user that has a live file, if a few tries find one. */
  userWithFile(): UserState | undefined {
    for (let attempt = 0; attempt < 8; attempt++) {
      const user = this.activeUser();
      if (user && user.files.length > 0) return user;
    }
    return undefined;
  }

  /** New content (or, one time in ten, content some file already has). */
  content(): VersionState {
    if (this.contents.length > 0 && this.random.next() < 0.1) return { ...this.random.pick(this.contents), versionId: this.random.uuid() };
    const content = { versionId: this.random.uuid(), sha256: this.random.sha256(), size: 1024 + this.random.below(8 * 1024 * 1024) };
    this.contents.push(content);
    if (this.contents.length > 5000) this.contents.splice(0, 1000);
    return content;
  }
}
