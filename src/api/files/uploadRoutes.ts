import { z } from 'zod';
import type { Request } from 'express';
import type { UploadOutcome, UploadPlan, UploadTarget } from '../../commands/files/uploadFile';
import type { Actor } from '../../domain/access/accessPolicy';
import { DEFAULT_MIME_TYPE, jsonUploadInput, multipartUploadFields, multipartUploadForm } from './fileSchemas';
import { entryNameField } from '../entries/entryFields';
import type { StoredBlob } from '../../ports/blobStore';
import type { EventMetadata } from '../../ports/eventStore';
import type { ApiServices } from '../apiServices';
import { idParams, route } from '../http/route';
import type { Route, RouteResult } from '../http/route';
import { parseOrReject } from '../http/validation';
import { settle } from '../http/readAfterWrite';
import { findAccessibleFile } from '../../projections/files/fileQueries';
import { fileResponse, presentFile } from './fileViews';
import { readMultipartUpload } from './multipartUpload';
import { bodyStream, discardRestOfBody } from './requestBody';
import type { UploadLimit } from '../../domain/file/uploadQuota';
import { uploadError } from './uploadErrors';
import { peekHead } from './contentHead';
import { partType, rawBodyType } from './mediaTypes';
import { uploadJsonContent } from './jsonUpload';
import { ApiError } from '../http/apiError';

type PlacedUpload = Omit<UploadTarget, 'mimeType'>;

const emptyBody = () =>
  new ApiError('validation_error', 'the request body is empty; send the new content', [
    { path: 'body', message: 'must not be empty; an empty file can be uploaded with POST /files' },
  ]);

/** Where a multipart upload goes; the name defaults to the file part's filename. */
function multipartTarget(fields: Record<string, string>, filename: string | undefined): PlacedUpload {
  const form = parseOrReject(multipartUploadFields, fields, 'body');
  const name = form.name ?? parseOrReject(z.object({ name: entryNameField }), { name: filename ?? '' }, 'body').name;
  return { folderId: form.folder_id, name, overwrite: form.overwrite };
}

export function uploadRoutes(services: ApiServices): Route[] {
  const { files, progress, limits, readStore } = services;

  const answer = async (actor: Actor, fileId: string, position: string, status: number): Promise<RouteResult> => {
    await settle(progress, position, limits.readWaitMaxMs, fileId);
    const body = presentFile(await findAccessibleFile(readStore, actor, fileId));
    return { status, body, position, headers: status === 201 ? { Location: `/api/v1/files/${fileId}` } : {} };
  };

  /** Fields sent after the file part are checked only now: content they refuse is discarded unless something else uses it. */
  const targetOrDiscard = async (blob: StoredBlob, metadata: EventMetadata, target: () => PlacedUpload): Promise<PlacedUpload> => {
    try {
      return target();
    } catch (error) {
      await files.blobs.collect(blob.key, metadata).catch(() => false);
      throw error;
    }
  };

  /** An upload counts against the quota of the folder's owner, who owns what a grantee uploads there. */
  type Allowance = (ownerId: string) => Promise<UploadLimit>;

  const multipart = async (actor: Actor, req: Request, allow: Allowance, metadata: EventMetadata): Promise<UploadOutcome> => {
    let plan: UploadPlan | undefined;
    const upload = await readMultipartUpload(req, {
      beforeFile: async (fields, filename) => {
        plan = await files.uploadFile.precheck(actor, { ...multipartTarget(fields, filename), mimeType: DEFAULT_MIME_TYPE });
      },
      // Fields after the file part name the folder too late: the content streams within the uploader's own allowance then.
      store: async (source) => files.blobs.store(source, (await allow(plan?.key.ownerId ?? actor.userId)).maxBytes),
      discard: async (blob) => void (await files.blobs.collect(blob.key, metadata)),
    });
    const { blob, filename, contentType, head } = upload.file;
    const target = await targetOrDiscard(blob, metadata, () => multipartTarget(upload.fields, filename));
    const mimeType = await partType(contentType, head, target.name);
    return files.uploadFile.record(actor, { ...target, mimeType }, blob, metadata, plan);
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
        'Upload a file: multipart/form-data (streamed; the fields name, folder_id and overwrite all before or all after the file part), or JSON for small content. Without a specific type (none, or application/octet-stream), the type is detected from the content, then from the name',
      body: jsonUploadInput,
      streamedBody: { mediaTypes: ['multipart/form-data'], schema: multipartUploadForm },
      responses: {
        201: { description: 'The new file', schema: fileResponse },
        200: { description: 'With overwrite=true, the file that had the name, with the content as its new version', schema: fileResponse },
        404: { description: 'No such folder' },
        409: { description: 'A file or folder with this name exists in the folder' },
        413: { description: 'Larger than FILORA_MAX_UPLOAD_BYTES, or over the storage quota' },
        503: { description: 'The blob store is unavailable; try again after Retry-After' },
      },
      async handler({ body, streamed, principal, metadata, req }) {
        let limit: UploadLimit | null = null;
        const allow = async (ownerId: string) => (limit = await files.uploadAllowance.forUser(ownerId));
        try {
          const outcome = streamed
            ? await multipart(principal, req, allow, metadata)
            : await uploadJsonContent(files, principal, body, metadata);
          return answer(principal, outcome.fileId, outcome.position, outcome.created ? 201 : 200);
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
      summary:
        "Upload new content for a file as its next version; an empty body is refused (400). The Content-Type becomes its mime type; when it is missing, application/octet-stream or curl's default application/x-www-form-urlencoded, the type is detected from the content, then from the file name's extension",
      params: idParams,
      streamedBody: { mediaTypes: ['application/octet-stream', '*/*'] },
      responses: {
        200: { description: 'The file with its new version', schema: fileResponse },
        404: { description: 'No such file' },
        413: { description: 'Larger than FILORA_MAX_UPLOAD_BYTES, or over the storage quota' },
        503: { description: 'The blob store is unavailable; try again after Retry-After' },
      },
      async handler({ params, principal, metadata, req }) {
        let limit: UploadLimit | null = null;
        try {
          const ownerId = await files.replaceFileContent.precheck(principal, params.id);
          limit = await files.uploadAllowance.forUser(ownerId);
          const { head, content } = await peekHead(bodyStream(req));
          if (head.length === 0) throw emptyBody();
          const currentName = await findAccessibleFile(readStore, principal, params.id).then(
            (file) => file.name,
            () => undefined,
          );
          const blob = await files.blobs.store(content, limit.maxBytes);
          const mimeType = await rawBodyType(req.get('content-type'), head, currentName);
          const { position } = await files.replaceFileContent.run(principal, params.id, blob, mimeType, metadata);
          return answer(principal, params.id, position, 200);
        } catch (error) {
          return failUpload(error, limit, req);
        }
      },
    }),
  ];
}
