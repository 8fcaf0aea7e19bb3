import type { Readable } from 'node:stream';
import type { Request } from 'express';
import { z } from 'zod';
import type { FileDownloaded } from '../../domain/file/fileEvents';
import { notFound } from '../../domain/shared/domainError';
import type { BlobStore, ByteRange } from '../../ports/blobStore';
import { BlobNotFoundError } from '../../ports/errors';
import type { Position } from '../../ports/eventStore';
import type { FileView } from '../../projections/files/fileViews';
import { ApiError } from '../http/apiError';
import type { HeaderSpec, ResponseSpec, RouteResult } from '../http/route';
import { parseRange } from './byteRange';
import { contentDisposition } from './contentDisposition';
import { entityTag, noneMatch, rangeStillValid } from './entityTags';

export const disposition = z.enum(['attachment', 'inline']).default('attachment');
export type Disposition = z.infer<typeof disposition>;

/** The download being served, for the event that records it (who downloaded is the caller's to add). */
export type ServedDownload = Omit<FileDownloaded['data'], 'downloadedBy' | 'linkId'>;

/** Records a download before its first byte is sent; a refusal (thrown) answers instead of the content. */
export type RecordServedDownload = (download: ServedDownload) => Promise<Position>;

async function openContent(blobStore: BlobStore, sha256: string, range: ByteRange | undefined): Promise<Readable> {
  try {
    return await blobStore.get(sha256, range);
  } catch (error) {
    // The file was deleted (and its content collected) after the read model was read.
    if (error instanceof BlobNotFoundError) throw notFound('file not found');
    throw error;
  }
}

const CONTENT_HEADERS = {
  ETag: { description: "The content's SHA-256 as a strong entity tag", required: true },
  'Accept-Ranges': { description: '`bytes`', required: true },
  'Content-Length': { description: 'Bytes in this answer', schema: z.int().min(0), required: true },
  'Content-Disposition': { description: '`attachment` (or `inline` with ?disposition=inline) with the file name', required: true },
  'Cache-Control': { description: '`private, no-cache`: revalidate with If-None-Match', required: true },
} satisfies Record<string, HeaderSpec>;

/** The request headers a download reads. */
export const CONTENT_REQUEST_HEADERS: Record<string, HeaderSpec> = {
  Range: {
    description:
      'One byte range, `bytes=<first>-<last>`, `bytes=<first>-` or `bytes=-<suffix length>`; several ranges get the whole content',
  },
  'If-None-Match': { description: 'The ETag held: a match answers 304 without the content' },
  'If-Range': { description: 'The ETag the range was taken from: if the content changed since, the whole content is sent' },
};

/** The answers of a download, whoever serves it. */
export const CONTENT_RESPONSES: Record<number, ResponseSpec> = {
  200: { description: 'The content, as its stored media type', mediaType: '*/*', headers: { ...CONTENT_HEADERS } },
  206: {
    description: 'The requested byte range',
    mediaType: '*/*',
    headers: { ...CONTENT_HEADERS, 'Content-Range': { description: '`bytes <first>-<last>/<size>`', required: true } },
  },
  304: { description: 'Not modified (If-None-Match)', headers: { ETag: CONTENT_HEADERS.ETag } },
  416: {
    description: 'The range is outside the content',
    headers: { ETag: CONTENT_HEADERS.ETag, 'Content-Range': { description: '`bytes */<size>`', required: true } },
  },
};

/**
 * The current version's content. A single byte range is answered with 206, one outside the content
 * with 416; If-None-Match with the ETag (the sha256) gives 304. Every 200 and 206 is recorded (`record`)
 * before the first byte is sent; a 304, a HEAD and an error record nothing, since no content was served.
 */
export async function serveFileContent(
  blobStore: BlobStore,
  req: Request,
  view: FileView,
  asDisposition: Disposition,
  record: RecordServedDownload,
): Promise<RouteResult> {
  const etag = entityTag(view.sha256);
  const headers: Record<string, string> = { ETag: etag, 'Accept-Ranges': 'bytes', 'Cache-Control': 'private, no-cache' };
  if (noneMatch(req.get('if-none-match'), etag)) return { status: 304, headers };
  const range = rangeStillValid(req.get('if-range'), etag) ? parseRange(req.get('range'), view.size) : { kind: 'whole' as const };
  if (range.kind === 'unsatisfiable')
    throw new ApiError('range_not_satisfiable', 'the range is outside the content', [], {
      ...headers,
      'Content-Range': `bytes */${view.size}`,
    });
  const byteRange = range.kind === 'partial' ? { start: range.start, end: range.end } : undefined;
  Object.assign(headers, {
    'Content-Type': view.mime_type,
    'Content-Length': String(byteRange ? byteRange.end - byteRange.start + 1 : view.size),
    'Content-Disposition': contentDisposition(view.name, asDisposition),
    'X-Content-Type-Options': 'nosniff',
    // Uploaded HTML or SVG opened inline must not run script with the API's origin.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    ...(byteRange ? { 'Content-Range': `bytes ${byteRange.start}-${byteRange.end}/${view.size}` } : {}),
  });
  const status = byteRange ? 206 : 200;
  if (req.method === 'HEAD') return { status, headers };
  const stream = await openContent(blobStore, view.sha256, byteRange);
  try {
    const position = await record({
      fileId: view._id,
      ownerId: view.owner_id,
      versionId: view.version_id,
      sha256: view.sha256,
      bytes: byteRange ? byteRange.end - byteRange.start + 1 : view.size,
      range: byteRange ?? null,
    });
    return { status, headers, stream, position };
  } catch (error) {
    stream.destroy();
    throw error;
  }
}
