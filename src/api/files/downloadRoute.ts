import { z } from 'zod';
import type { ApiServices } from '../apiServices';
import { idParams, route } from '../http/route';
import type { Route } from '../http/route';
import { CONTENT_REQUEST_HEADERS, CONTENT_RESPONSES, disposition, serveFileContent } from './fileContent';
import { findAccessibleFile } from '../../projections/files/fileQueries';

const downloadQuery = z.strictObject({ disposition });

/** The current version's content, whole or a range (see serveFileContent); each download is recorded as the caller's. */
export function downloadRoute(services: ApiServices): Route {
  return route({
    method: 'get',
    path: '/files/:id/download',
    tag: 'files',
    access: 'files.read',
    summary: 'Download the current version, whole or a byte range',
    params: idParams,
    query: downloadQuery,
    requestHeaders: CONTENT_REQUEST_HEADERS,
    responses: { ...CONTENT_RESPONSES, 404: { description: 'No such file' } },
    async handler({ params, query, principal, metadata, req }) {
      const view = await findAccessibleFile(services.readStore, principal, params.id, 'read');
      return serveFileContent(services.blobStore, req, view, query.disposition, (download) =>
        services.files.recordDownload.run({ ...download, downloadedBy: principal.userId }, metadata),
      );
    },
  });
}
