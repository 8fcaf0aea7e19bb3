import { z } from 'zod';
import { DomainError } from '../../domain/shared/domainError';
import type { ReadStore } from '../../ports/readStore';
import type { FileView } from '../../projections/files/fileViews';
import { FILES } from '../../projections/files/fileViews';
import type { PublicLinkRow } from '../../projections/links/publicLinkRows';
import type { ApiServices } from '../apiServices';
import { CONTENT_REQUEST_HEADERS, CONTENT_RESPONSES, disposition, serveFileContent } from '../files/fileContent';
import { ApiError } from '../http/apiError';
import { cursorParam, limitParam, pageSchema } from '../http/pagination';
import type { HeaderSpec, Route } from '../http/route';
import { route } from '../http/route';
import { linkAccessInput, linkAccessResponse, tokenParams } from './linkSchemas';
import { LINK_PASSWORD_HEADER, PublicLinkGate } from './publicLinkGate';
import { fileBeneath, folderBeneath, folderEntries, presentSharedFile, sharedEntry } from './sharedFolderContents';

const PASSWORD_HEADER: Record<string, HeaderSpec> = {
  [LINK_PASSWORD_HEADER]: {
    description: 'The link’s password, if it has one and no access cookie is held (UTF-8); attempts are limited per link and per address',
  },
};

const metadataQuery = z.strictObject({
  folder_id: z.uuid().optional().meta({ description: 'For a folder link: a folder beneath the shared one to list instead' }),
  limit: limitParam(),
  cursor: cursorParam,
});

const downloadQuery = z.strictObject({
  file_id: z.uuid().optional().meta({ description: 'The file to download: required for a folder link, beneath the shared folder' }),
  disposition,
});

const metadataResponse = z
  .object({
    resource_kind: z.enum(['file', 'folder']),
    permission: z.enum(['view', 'download']),
    expires_at: z.string().nullable(),
    has_password: z.boolean(),
    max_downloads: z.int().min(1).nullable(),
    download_count: z.int().min(0),
    created_at: z.string(),
    file: sharedEntry.optional().meta({ description: 'The shared file (a file link)' }),
    folder: z
      .object({ id: z.uuid(), name: z.string(), path: z.array(z.object({ id: z.uuid(), name: z.string() })) })
      .optional()
      .meta({ description: 'The folder listed (a folder link), with its path from the shared folder' }),
    contents: pageSchema(sharedEntry).optional().meta({ description: 'What the folder holds: its folders, then its files, by name' }),
  })
  .meta({ id: 'PublicLinkMetadata' });

const GONE = { description: 'No such link, or it no longer works (revoked, expired, out of downloads, or its file or folder deleted)' };
const PASSWORD_NEEDED = { description: 'The link needs its password, and none (or a wrong one) was given' };
const TOO_MANY_ATTEMPTS = { description: 'Too many password attempts on this link or from this address; see Retry-After' };

const linkFacts = (row: PublicLinkRow) => ({
  resource_kind: row.resource_kind,
  permission: row.permission,
  expires_at: row.expires_at,
  has_password: row.has_password,
  max_downloads: row.max_downloads,
  download_count: row.download_count,
  created_at: row.created_at,
});

const sharedFolderOf = (row: PublicLinkRow) => ({ folderId: row.resource_id, ownerId: row.owner_id });

/** The file a download through the link serves: the shared file, or one beneath the shared folder. */
async function linkedFile(readStore: ReadStore, row: PublicLinkRow, fileId: string | undefined): Promise<FileView> {
  if (row.resource_kind === 'folder') {
    if (fileId === undefined) {
      throw new ApiError('validation_error', 'a folder link downloads one file at a time: name it with file_id', [
        { path: 'query.file_id', message: 'required for a folder link' },
      ]);
    }
    return fileBeneath(readStore, sharedFolderOf(row), fileId);
  }
  const file = fileId === undefined || fileId === row.resource_id ? await readStore.get<FileView>(FILES, row.resource_id) : null;
  if (!file) throw new ApiError('not_found', 'no such file behind this link');
  return file;
}

/** The holder's side of public links: no account, only the token (and the password, for a link that has one). */
export function publicLinkRoutes(services: ApiServices): Route[] {
  const { readStore, blobStore, links } = services;
  const gate = new PublicLinkGate({ readStore, tokens: links.tokens, passwords: links.passwords, counters: services.rateLimitCounters });

  return [
    route({
      method: 'get',
      path: '/public/links/:token',
      tag: 'public links',
      access: 'public',
      summary: 'What a public link shares: the file, or the folder’s listing (or a folder beneath it, with folder_id)',
      params: tokenParams,
      query: metadataQuery,
      requestHeaders: PASSWORD_HEADER,
      responses: {
        200: { description: 'The link and what it shares', schema: metadataResponse },
        401: PASSWORD_NEEDED,
        404: GONE,
        429: TOO_MANY_ATTEMPTS,
      },
      async handler({ params, query, req }) {
        const row = await gate.open(params.token, req);
        if (row.resource_kind === 'file') {
          if (query.folder_id !== undefined) throw new ApiError('not_found', 'a file link has no folders');
          const file = await linkedFile(readStore, row, undefined);
          return { status: 200, body: { ...linkFacts(row), file: presentSharedFile(file) } };
        }
        const { folder, path } = await folderBeneath(readStore, sharedFolderOf(row), query.folder_id ?? row.resource_id);
        const contents = await folderEntries(readStore, folder, { limit: query.limit, cursor: query.cursor });
        return { status: 200, body: { ...linkFacts(row), folder: { id: folder._id, name: folder.name, path }, contents } };
      },
    }),
    route({
      method: 'post',
      path: '/public/links/:token/access',
      tag: 'public links',
      access: 'public',
      summary: 'Exchange a link’s password for an access cookie (HttpOnly, 15 minutes, this link’s paths only)',
      params: tokenParams,
      body: linkAccessInput,
      responses: {
        200: {
          description: 'The password is right; the cookie is set',
          schema: linkAccessResponse,
          headers: { 'Set-Cookie': { description: 'The access cookie', required: true } },
        },
        401: PASSWORD_NEEDED,
        404: GONE,
        429: TOO_MANY_ATTEMPTS,
      },
      async handler({ params, body, req, res }) {
        return { status: 200, body: await gate.exchange(params.token, body.password, req, res), headers: { 'Cache-Control': 'no-store' } };
      },
    }),
    route({
      method: 'get',
      path: '/public/links/:token/download',
      tag: 'public links',
      access: 'public',
      summary: 'Download through a public link, whole or a byte range, as the owner would (each download counted against the link)',
      params: tokenParams,
      query: downloadQuery,
      requestHeaders: { ...CONTENT_REQUEST_HEADERS, ...PASSWORD_HEADER },
      responses: {
        ...CONTENT_RESPONSES,
        400: { description: 'A folder link without file_id' },
        401: PASSWORD_NEEDED,
        403: { description: 'The link lets its holders view, not download' },
        404: GONE,
        429: TOO_MANY_ATTEMPTS,
      },
      async handler({ params, query, metadata, req }) {
        const row = await gate.open(params.token, req);
        const file = await linkedFile(readStore, row, query.file_id);
        if (row.permission !== 'download') throw new ApiError('forbidden', 'this link lets its holders view, not download');
        return serveFileContent(blobStore, req, file, query.disposition, async (download) => {
          try {
            return await links.downloads.count(row._id, download, metadata);
          } catch (error) {
            // Counted on the link's stream, which may know better than the read model: it was revoked, expired or used up meanwhile.
            if (error instanceof DomainError && error.kind === 'forbidden') throw new ApiError('not_found', error.message);
            throw error;
          }
        });
      },
    }),
  ];
}
