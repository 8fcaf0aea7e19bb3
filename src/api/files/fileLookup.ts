import { notFound } from '../../domain/shared/domainError';
import type { ReadStore } from '../../ports/readStore';
import type { FileView } from '../../projections/files/fileViews';
import { FILES } from '../../projections/files/fileViews';

/** A live file of the caller's from the read model; anything else, including another user's file, is not found. */
export async function requireOwnFile(readStore: ReadStore, userId: string, fileId: string): Promise<FileView> {
  const view = await readStore.get<FileView>(FILES, fileId);
  if (!view || view.owner_id !== userId) throw notFound('file not found');
  return view;
}
