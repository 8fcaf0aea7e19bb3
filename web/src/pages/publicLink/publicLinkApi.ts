import { api, urlOf } from '../../api/client';
import { paths } from '../../routes';
import type { PublicLinkMetadata } from './types';

const linkPath = (token: string) => `/public/links/${encodeURIComponent(token)}`;

/** The link's file, or its folder's listing (a folder beneath the shared one with `folderId`, a later page with `cursor`); anonymous. */
export const fetchPublicLink = (token: string, folderId: string | undefined, signal?: AbortSignal, cursor?: string) =>
  api<PublicLinkMetadata>('GET', linkPath(token), { anonymous: true, signal, query: { folder_id: folderId, limit: 100, cursor } });

/** Trades the password for an HttpOnly cookie on this link's paths (15 minutes), which later reads send. */
export const unlockPublicLink = (token: string, password: string) =>
  api<unknown>('POST', `${linkPath(token)}/access`, { anonymous: true, body: { password } });

/** A plain address for the browser to download from (the access cookie goes with it). */
export const publicDownloadUrl = (token: string, fileId?: string) => urlOf(`${linkPath(token)}/download`, { file_id: fileId });

/** The console's page for a link: the address to hand out. */
export const publicLinkAddress = (token: string) => `${location.origin}${paths.publicLink(token)}`;
