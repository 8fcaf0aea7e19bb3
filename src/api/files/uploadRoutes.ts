import { Readable } from 'node:stream';
import { z } from 'zod';
import type { Request } from 'express';
import type { UploadOutcome, UploadTarget } from '../../commands/files/uploadFile';
import type { JsonUploadInput } from '../../commands/files/fileSchemas';
import {
  DEFAULT_MIME_TYPE,
  jsonUploadInput,
  mimeTypeOf,
  multipartUploadFields,
  multipartUploadForm,
} from '../../commands/files/fileSchemas';
import { entryNameField } from '../../commands/entries/entryFields';
import type { StoredBlob } from '../../ports/blobStore';
import type { EventMetadata } from '../../ports/eventStore';
import type { ApiServices } from '../apiServices';
import { idParams, route } from '../http/route';
import type { Route, RouteResult } from '../http/route';
import { parseOrReject } from '../http/validation';
import { settle } from '../http/readAfterWrite';
import { requireOwnFile } from './fileLookup';
import { fileResponse, presentFile } from './fileViews';
import { readMultipartUpload } from './multipartUpload';
import { bodyStream, discardRestOfBody } from './requestBody';
import type { UploadLimit } from './uploadLimit';
import { uploadError, uploadLimit } from './uploadLimit';

/** The target of a multipart upload; the name defaults to the file part's filename. */
function multipartTarget(ownerId: string, fields: Record<string, string>, filename: string | undefined, contentType: string): UploadTarget {
  const form = parseOrReject(multipartUploadFields, fields, 'body');
  const name = form.name ?? parseOrReject(z.object({ name: entryNameField }), { name: filename ?? '' }, 'body').name;
  return { ownerId, folderId: form.folder_id, name, mimeType: mimeTypeOf(contentType), overwrite: form.overwrite };
}

export function uploadRoutes(services: ApiServices): Route[] {
  const { files, progress, limits, readStore } = services;

  const answer = async (ownerId: string, fileId: string, position: string, status: number): Promise<RouteResult> => {
    await settle(progress, position, limits.readWaitMaxMs, fileId);
    const body = presentFile(await requireOwnFile(readStore, ownerId, fileId));
    return { status, body, position, headers: status === 201 ? { Location: `/api/v1/files/${fileId}` } : {} };
  };

  /** Fields sent after the file part are checked only now: content they refuse is discarded unless something else uses it. */
  const targetOrDiscard = async (blob: StoredBlob, metadata: EventMetadata, target: () => UploadTarget): Promise<UploadTarget> => {
    try {
      return target();
    } catch (error) {
      await files.blobs.collect(blob.key, metadata).catch(() => false);
      throw error;
    }
  };

  const multipart = async (ownerId: string, req: Request, limit: UploadLimit, metadata: EventMetadata): Promise<UploadOutcome> => {
    const upload = await readMultipartUpload(req, {
      beforeFile: (fields, filename) => files.uploadFile.precheck(multipartTarget(ownerId, fields, filename, DEFAULT_MIME_TYPE)),
      store: (source) => files.blobs.store(source, limit.maxBytes),
      discard: async (blob) => void (await files.blobs.collect(blob.key, metadata)),
    });
    const { blob, filename, contentType } = upload.file;
    const target = await targetOrDiscard(blob, metadata, () => multipartTarget(ownerId, upload.fields, filename, contentType));
    return files.uploadFile.record(target, blob, metadata);
  };

  const json = async (ownerId: string, input: JsonUploadInput, limit: UploadLimit, metadata: EventMetadata): Promise<UploadOutcome> => {
    const mimeType = input.mime_type ?? (input.encoding === 'text' ? 'text/plain' : DEFAULT_MIME_TYPE);
    const target: UploadTarget = { ownerId, folderId: input.folder_id, name: input.name, mimeType, overwrite: input.overwrite };
    await files.uploadFile.precheck(target);
    const content = Buffer.from(input.content, input.encoding === 'base64' ? 'base64' : 'utf8');
    const blob = await files.blobs.store(Readable.from([content]), limit.maxBytes);
    return files.uploadFile.record(target, blob, metadata);
  };

  /** Maps what an upload threw; a body left unread is drained for a while so the client reads the answer. */
  const failUpload = (error: unknown, limit: UploadLimit | null, req: Request): never => {
    discardRestOfBody(req);
    throw uploadError(error, limit);
  };

  return [
    route({
      method: 'post',
      path: '/files',
      tag: 'files',
      access: 'files.write',
      summary:
        'Upload a file: multipart/form-data (streamed; the fields name, folder_id and overwrite all before or all after the file part), or JSON for small content',
      body: jsonUploadInput,
      streamedBody: { mediaTypes: ['multipart/form-data'], schema: multipartUploadForm },
      responses: {
        201: { description: 'The new file', schema: fileResponse },
        200: { description: 'With overwrite=true, the file that had the name, with the content as its new version', schema: fileResponse },
        404: { description: 'No such folder' },
        409: { description: 'A file or folder with this name exists in the folder' },
        413: { description: 'Larger than FILORA_MAX_UPLOAD_BYTES, or over the storage quota' },
      },
      async handler({ body, streamed, principal, metadata, req }) {
        let limit: UploadLimit | null = null;
        try {
          limit = await uploadLimit(services, principal.userId);
          const outcome = streamed
            ? await multipart(principal.userId, req, limit, metadata)
            : await json(principal.userId, body, limit, metadata);
          return answer(principal.userId, outcome.fileId, outcome.position, outcome.created ? 201 : 200);
        } catch (error) {
          return failUpload(error, limit, req);
        }
      },
    }),
    route({
      method: 'put',
      path: '/files/:id/content',
      tag: 'files',
      access: 'files.write',
      summary: 'Upload new content for a file, as its next version; the request Content-Type becomes its mime type',
      params: idParams,
      streamedBody: { mediaTypes: ['application/octet-stream', '*/*'] },
      responses: {
        200: { description: 'The file with its new version', schema: fileResponse },
        404: { description: 'No such file' },
        413: { description: 'Larger than FILORA_MAX_UPLOAD_BYTES, or over the storage quota' },
      },
      async handler({ params, principal, metadata, req }) {
        let limit: UploadLimit | null = null;
        try {
          await files.replaceFileContent.precheck(principal.userId, params.id);
          limit = await uploadLimit(services, principal.userId);
          const blob = await files.blobs.store(bodyStream(req), limit.maxBytes);
          const { position } = await files.replaceFileContent.run(
            principal.userId,
            params.id,
            blob,
            mimeTypeOf(req.get('content-type')),
            metadata,
          );
          return answer(principal.userId, params.id, position, 200);
        } catch (error) {
          return failUpload(error, limit, req);
        }
      },
    }),
  ];
}
