import type { AccessAction, Actor } from '../../domain/access/accessPolicy';
import type { ReadStore } from '../../ports/readStore';
import { findAccessible } from '../accessibleDocuments';
import type { FileView } from './fileViews';
import { FILES } from './fileViews';

/** The file's row, if the actor may perform `action` on it; not found or forbidden otherwise. */
export const findAccessibleFile = (readStore: ReadStore, actor: Actor, fileId: string, action: AccessAction = 'see') =>
  findAccessible<FileView>(readStore, FILES, 'file', actor, fileId, action);
