import type { Request } from 'express';
import { z } from 'zod';
import type { Actor } from '../../domain/access/accessPolicy';
import type { LinkResourceKind } from '../../domain/link/linkDecider';
import { notFound } from '../../domain/shared/domainError';
import type { LinkRequest } from '../../commands/links/publicLinks';
import { findAccessibleFile } from '../../projections/files/fileQueries';
import { findAccessibleFolder } from '../../projections/folders/folderQueries';
import { findOwnedLink } from '../../projections/links/linkQueries';
import type { PublicLinkRow } from '../../projections/links/publicLinkRows';
import { PUBLIC_LINKS } from '../../projections/links/publicLinkRows';
import type { ApiServices } from '../apiServices';
import { cursorParam, findPage, limitParam, pageSchema } from '../http/pagination';
import { SHARING_RATE_LIMIT } from '../http/rateLimit/routeRateLimit';
import { settle } from '../http/readAfterWrite';
import { idParams, route } from '../http/route';
import type { Route, RouteResult } from '../http/route';
import { createLinkInput, linkResponse, patchLinkInput } from './linkSchemas';
import { presentLink } from './linkViews';
import { originOf } from '../http/requestOrigin';

const listQuery = z.strictObject({ limit: limitParam(), cursor: cursorParam });

const NOT_FOUND = { description: 'No such link (or it is another user’s)' };
/** Answers that show a token are not kept by caches. */
const NO_STORE = { 'Cache-Control': 'no-store' };

function toRequest(input: z.infer<typeof patchLinkInput>): Partial<LinkRequest> {
  return { permission: input.permission, expiresAt: input.expires_at, password: input.password, maxDownloads: input.max_downloads };
}

/** The owner's side of public links: create them on a file or folder, list, read, change and revoke them. */
export function linkRoutes(services: ApiServices): Route[] {
  const { readStore, progress, limits, links } = services;

  const present = (req: Request) => {
    const origin = originOf(req);
    const now = new Date();
    return (row: PublicLinkRow) => presentLink(row, links.tokens, origin, now);
  };

  const show = async (req: Request, actor: Actor, linkId: string, position: string | null = null, status = 200): Promise<RouteResult> => {
    await settle(progress, position, limits.readWaitMaxMs, linkId);
    const row = await findOwnedLink(readStore, actor.userId, linkId);
    if (!row) throw notFound('link not found');
    return { status, body: present(req)(row), position, headers: NO_STORE };
  };

  /** The owner's file or folder; the link routes of anyone else's are 404 (403 for a grantee, who may not share). */
  const requireShareable = (actor: Actor, kind: LinkResourceKind, id: string) =>
    kind === 'file' ? findAccessibleFile(readStore, actor, id, 'share') : findAccessibleFolder(readStore, actor, id, 'share');

  const resourceRoutes = (kind: LinkResourceKind): Route[] => [
    route({
      method: 'post',
      path: `/${kind}s/:id/links`,
      tag: 'links',
      access: 'shares.manage',
      rateLimit: SHARING_RATE_LIMIT,
      summary: `Create a public link to one of your ${kind}s; anyone with its url reaches it without an account`,
      params: idParams,
      body: createLinkInput,
      responses: {
        201: { description: 'The link, with its url and token', schema: linkResponse },
        403: { description: `The ${kind} is shared with you, but only its owner makes links` },
        404: { description: `No such ${kind}` },
      },
      async handler({ params, body, principal, metadata, req }) {
        const request: LinkRequest = {
          permission: body.permission,
          expiresAt: body.expires_at,
          password: body.password,
          maxDownloads: body.max_downloads,
        };
        const { linkId, position } = await links.commands.create(principal, kind, params.id, request, metadata);
        const created = await show(req, principal, linkId, position, 201);
        return { ...created, headers: { ...created.headers, Location: `/api/v1/links/${linkId}` } };
      },
    }),
    route({
      method: 'get',
      path: `/${kind}s/:id/links`,
      tag: 'links',
      access: 'shares.manage',
      summary: `The public links of one of your ${kind}s, newest first (revoked ones too, with their status)`,
      params: idParams,
      query: listQuery,
      responses: { 200: { description: 'A page of links', schema: pageSchema(linkResponse) }, 404: { description: `No such ${kind}` } },
      async handler({ params, query, principal, req }) {
        await requireShareable(principal, kind, params.id);
        const page = await findPage(
          readStore,
          PUBLIC_LINKS,
          { resource_id: params.id, owner_id: principal.userId },
          { sort: [['created_at', -1]], limit: query.limit, cursor: query.cursor },
          present(req),
        );
        return { status: 200, body: page, headers: NO_STORE };
      },
    }),
  ];

  return [
    ...resourceRoutes('file'),
    ...resourceRoutes('folder'),
    route({
      method: 'get',
      path: '/links/:id',
      tag: 'links',
      access: 'shares.manage',
      summary: 'One of your public links, with its url and token',
      params: idParams,
      responses: { 200: { description: 'The link', schema: linkResponse }, 404: NOT_FOUND },
      handler: ({ params, principal, req }) => show(req, principal, params.id),
    }),
    route({
      method: 'patch',
      path: '/links/:id',
      tag: 'links',
      access: 'shares.manage',
      summary: 'Change a link’s permission, expiry, password or download limit (only the fields sent change)',
      params: idParams,
      body: patchLinkInput,
      responses: {
        200: { description: 'The changed link', schema: linkResponse },
        404: NOT_FOUND,
        409: { description: 'The link is revoked' },
      },
      async handler({ params, body, principal, metadata, req }) {
        const { position } = await links.commands.update(principal, params.id, toRequest(body), metadata);
        return show(req, principal, params.id, position);
      },
    }),
    route({
      method: 'delete',
      path: '/links/:id',
      tag: 'links',
      access: 'shares.manage',
      summary: 'Revoke a link: it stops working on the next request, on every API process',
      params: idParams,
      responses: { 200: { description: 'The revoked link', schema: linkResponse }, 404: NOT_FOUND },
      async handler({ params, principal, metadata, req }) {
        // Answered once the read models hold the revocation, so no holder is served after this answer.
        const { position } = await links.commands.revoke(principal, params.id, metadata);
        return show(req, principal, params.id, position);
      },
    }),
  ];
}
