import type { Readable } from 'node:stream';
import { z } from 'zod';
import { notFound } from '../../domain/shared/domainError';
import { BlobNotFoundError } from '../../ports/errors';
import type { ByteRange } from '../../ports/blobStore';
import type { ApiServices } from '../apiServices';
import { ApiError } from '../http/apiError';
import { idParams, route } from '../http/route';
import type { HeaderSpec, Route } from '../http/route';
import { parseRange } from './byteRange';
import { contentDisposition } from './contentDisposition';
import { entityTag, noneMatch, rangeStillValid } from './entityTags';
import { findAccessibleFile } from '../../projections/files/fileQueries';

const downloadQuery = z.strictObject({ disposition: z.enum(['attachment', 'inline']).default('attachment') });

async function openContent(services: ApiServices, sha256: string, range: ByteRange | undefined): Promise<Readable> {
  try {
    return await services.blobStore.get(sha256, range);
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

/**
 * The current version's content. A single byte range is answered with 206, one outside the content
 * with 416; If-None-Match with the ETag (the sha256) gives 304. Every 200 and 206 appends FileDownloaded
 * before the first byte is sent; a 304, a HEAD and an error append nothing, since no content was served.
 */
export function downloadRoute(services: ApiServices): Route {
  return route({
    method: 'get',
    path: '/files/:id/download',
    tag: 'files',
    access: 'files.read',
    summary: 'Download the current version, whole or a byte range',
    params: idParams,
    query: downloadQuery,
    requestHeaders: {
      Range: {
        description:
          'One byte range, `bytes=<first>-<last>`, `bytes=<first>-` or `bytes=-<suffix length>`; several ranges get the whole content',
      },
      'If-None-Match': { description: 'The ETag held: a match answers 304 without the content' },
      'If-Range': { description: 'The ETag the range was taken from: if the content changed since, the whole content is sent' },
    },
    responses: {
      200: { description: 'The content, as its stored media type', mediaType: '*/*', headers: { ...CONTENT_HEADERS } },
      206: {
        description: 'The requested byte range',
        mediaType: '*/*',
        headers: { ...CONTENT_HEADERS, 'Content-Range': { description: '`bytes <first>-<last>/<size>`', required: true } },
      },
      304: { description: 'Not modified (If-None-Match)', headers: { ETag: CONTENT_HEADERS.ETag } },
      404: { description: 'No such file' },
      416: {
        description: 'The range is outside the content',
        headers: { ETag: CONTENT_HEADERS.ETag, 'Content-Range': { description: '`bytes */<size>`', required: true } },
      },
    },
    async handler({ params, query, principal, metadata, req }) {
      const view = await findAccessibleFile(services.readStore, principal, params.id, 'read');
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
        'Content-Disposition': contentDisposition(view.name, query.disposition),
        'X-Content-Type-Options': 'nosniff',
        // Uploaded HTML or SVG opened inline must not run script with the API's origin.
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
        ...(byteRange ? { 'Content-Range': `bytes ${byteRange.start}-${byteRange.end}/${view.size}` } : {}),
      });
      const status = byteRange ? 206 : 200;
      if (req.method === 'HEAD') return { status, headers };
      const stream = await openContent(services, view.sha256, byteRange);
      try {
        const position = await services.files.recordDownload.run(
          {
            fileId: view._id,
            ownerId: view.owner_id,
            versionId: view.version_id,
            sha256: view.sha256,
            bytes: byteRange ? byteRange.end - byteRange.start + 1 : view.size,
            range: byteRange ?? null,
            downloadedBy: principal.userId,
          },
          metadata,
        );
        return { status, headers, stream, position };
      } catch (error) {
        stream.destroy();
        throw error;
      }
    },
  });
}
