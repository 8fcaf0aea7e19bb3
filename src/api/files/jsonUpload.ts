import { Readable } from 'node:stream';
import type { FileCommands } from '../../commands/fileCommands';
import type { UploadOutcome, UploadTarget } from '../../commands/files/uploadFile';
import type { Actor } from '../../domain/access/accessPolicy';
import type { UploadLimit } from '../../domain/file/uploadQuota';
import type { StoredBlob } from '../../ports/blobStore';
import type { EventMetadata } from '../../ports/eventStore';
import { HEAD_BYTES } from './contentHead';
import type { JsonUploadInput } from './fileSchemas';
import { jsonContentType } from './mediaTypes';
import { uploadError } from './uploadErrors';

export type JsonContentEncoding = JsonUploadInput['encoding'];

/** Content sent inside JSON (text or base64), decoded, with the media type it is stored as. */
export interface JsonContent {
  bytes: Buffer;
  mimeType: string;
}

/** Decodes the content and settles its type: the one given when specific, else detected from the bytes, then from `name`. */
export async function decodeJsonContent(
  content: string,
  encoding: JsonContentEncoding,
  givenType: string | undefined,
  name: string,
): Promise<JsonContent> {
  const bytes = Buffer.from(content, encoding === 'base64' ? 'base64' : 'utf8');
  return { bytes, mimeType: await jsonContentType(givenType, encoding, bytes.subarray(0, HEAD_BYTES), name) };
}

/** Stores content within what `ownerId` may still store; past the upload limit or the quota, the REST API's 413 with nothing stored. */
export async function storeWithinAllowance(files: FileCommands, ownerId: string, bytes: Buffer): Promise<StoredBlob> {
  let limit: UploadLimit | null = null;
  try {
    limit = await files.uploadAllowance.forUser(ownerId);
    return await files.blobs.store(Readable.from([bytes]), limit.maxBytes);
  } catch (error) {
    throw uploadError(error, limit);
  }
}

/**
 * A file from JSON content (POST /files with a JSON body, an incoming webhook's create_file): checks the
 * folder and name before storing, stores within the owner's allowance, records the upload.
 */
export async function uploadJsonContent(
  files: FileCommands,
  actor: Actor,
  input: JsonUploadInput,
  metadata: EventMetadata,
): Promise<UploadOutcome> {
  const { bytes, mimeType } = await decodeJsonContent(input.content, input.encoding, input.mime_type, input.name);
  const target: UploadTarget = { folderId: input.folder_id, name: input.name, mimeType, overwrite: input.overwrite };
  const plan = await files.uploadFile.precheck(actor, target);
  const blob = await storeWithinAllowance(files, plan.key.ownerId, bytes);
  try {
    return await files.uploadFile.record(actor, target, blob, metadata, plan);
  } catch (error) {
    throw uploadError(error, null);
  }
}
