import type { Readable } from 'node:stream';
import busboy from 'busboy';
import type { Request } from 'express';
import type { StoredBlob } from '../../ports/blobStore';
import { hashWhileRead } from '../http/idempotency/bodyDigest';
import { ApiError } from '../http/apiError';
import { peekHead } from './contentHead';

export interface UploadedPart {
  blob: StoredBlob;
  /** The part's filename, when it had one. */
  filename: string | undefined;
  /** The part's Content-Type as the client sent it; text/plain when it sent none. */
  contentType: string;
  /** The first bytes of the content, to recognise its format by. */
  head: Buffer;
}

export interface MultipartUpload {
  fields: Record<string, string>;
  file: UploadedPart;
}

export interface MultipartHandlers {
  /** Streams the file part into storage; a rejection (413 among others) ends the whole upload. */
  store(source: Readable): Promise<StoredBlob>;
  /**
   * Runs before any content is stored when the text fields came before the file part (they are then all
   * of them), with the part's filename: checks that fail there (name taken, no such folder) answer before
   * the content is uploaded.
   */
  beforeFile(fields: Record<string, string>, filename: string | undefined): Promise<void>;
  /** Lets go of content stored for an upload that then failed (a bad field after the file part). */
  discard(blob: StoredBlob): Promise<void>;
}

/** Small text fields only: the content is the one file part. */
const LIMITS = { files: 1, fields: 10, parts: 12, fieldSize: 8 * 1024, fieldNameSize: 100, headerPairs: 50 };

const invalid = (message: string) => new ApiError('validation_error', message, [{ path: 'body', message }]);

/**
 * Reads a multipart/form-data upload as a stream: text fields are collected (they are small), the file
 * part streams into storage as it arrives and is never held in memory (but for its first bytes, kept to
 * tell its type). The text fields come all before the file part (the usual order: they are then checked
 * before any content is stored) or all after it
 * (they are checked once the content is stored, and refused content is discarded); a form that splits
 * them is refused, since what was checked early could then change. Resolves once the whole body is read.
 * If the client disconnects, the storage discards what it received (the file stream fails) before this
 * rejects.
 */
export function readMultipartUpload(req: Request, handlers: MultipartHandlers): Promise<MultipartUpload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: LIMITS, defParamCharset: 'utf8' });
    } catch {
      reject(invalid('the multipart body has no boundary'));
      return;
    }
    // No prototype: a field named __proto__ is then a field like any other (and refused as unknown).
    const fields: Record<string, string> = Object.create(null) as Record<string, string>;
    let file: Promise<UploadedPart> | null = null;
    let failure: unknown = null;

    // Rejects once the file part (if any) has let go of its content, so a failed upload leaves nothing behind.
    const fail = (error: unknown) => {
      if (failure !== null) return;
      failure = error;
      req.unpipe(parser);
      parser.destroy(error instanceof Error ? error : new Error(String(error)));
      const settled = file
        ? file.then(
            (part) => handlers.discard(part.blob),
            () => undefined,
          )
        : Promise.resolve();
      void settled.catch(() => undefined).then(() => reject(error));
    };

    let fieldsBeforeFile = 0;
    parser.on('field', (name, value, info) => {
      if (info.nameTruncated || info.valueTruncated) return fail(invalid(`the field ${name.slice(0, 100)} is too long`));
      if (Object.hasOwn(fields, name)) return fail(invalid(`the field ${name} is sent twice`));
      if (file && fieldsBeforeFile > 0) return fail(invalid('send the text fields all before the file part or all after it'));
      fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      // The parser destroys the part's stream with the upload's error; the failure is reported through `fail`.
      stream.on('error', () => undefined);
      if (name !== 'file') {
        stream.resume();
        return fail(invalid(`the content must be sent in a part named "file", not "${name.slice(0, 100)}"`));
      }
      fieldsBeforeFile = Object.keys(fields).length;
      file = (async () => {
        if (fieldsBeforeFile > 0) await handlers.beforeFile({ ...fields }, info.filename);
        const { head, content } = await peekHead(stream);
        return { blob: await handlers.store(content), head, filename: info.filename, contentType: info.mimeType };
      })();
      file.catch(fail);
    });
    for (const limit of ['partsLimit', 'filesLimit', 'fieldsLimit'] as const) {
      parser.on(limit, () =>
        fail(invalid('the form has too many parts: send one "file" part and at most the fields name, folder_id and overwrite')),
      );
    }
    parser.on('error', () => fail(invalid('the multipart body is malformed')));
    parser.on('close', () => {
      if (failure !== null) return;
      if (!file) return fail(invalid('the form has no "file" part'));
      file.then((part) => resolve({ fields: { ...fields }, file: part }), fail);
    });
    req.on('close', () => {
      if (!req.complete) fail(new ApiError('validation_error', 'the upload was interrupted before its end'));
    });
    hashWhileRead(req);
    req.pipe(parser);
  });
}
