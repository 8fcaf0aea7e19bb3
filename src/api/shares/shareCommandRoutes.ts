import type { z } from 'zod';
import type { ShareItem, SharedResources } from '../../commands/shares/shareResources';
import type { SharedKind } from '../../commands/shares/sharedStreams';
import type { Actor } from '../../domain/access/accessPolicy';
import { DomainError, notFound, unavailable } from '../../domain/shared/domainError';
import type { EventMetadata } from '../../ports/eventStore';
import { readModelsAtHead } from '../../projections/currentQuery';
import type { UserView } from '../../projections/users/usersProjection';
import { USERS } from '../../projections/users/usersProjection';
import type { ApiServices } from '../apiServices';
import { SHARING_RATE_LIMIT } from '../http/rateLimit/routeRateLimit';
import { settle } from '../http/readAfterWrite';
import type { Route, RouteResult } from '../http/route';
import { idParams, route } from '../http/route';
import type { NamedUser } from './shareGrantees';
import { resolveNamedUsers } from './shareGrantees';
import { revokeParams, revokeResponse, shareFilesInput, shareFolderInput, shareResponse } from './shareCommandSchemas';

type ShareInput = z.infer<typeof shareFolderInput>;
type ResultItem = z.infer<typeof shareResponse>['results']['created'][number];
type Bucket = keyof z.infer<typeof shareResponse>['results'];

const shareResponses = (noun: string) => ({
  201: {
    description: `What became of each ${noun} × user pair: created, updated (another permission or expiry), skipped (self, already_shared) or failed (user_not_found, ${noun}_not_found, forbidden)`,
    schema: shareResponse,
  },
  400: { description: 'No user named, more than 100 users or 100 files, or an expiry that has passed: nothing is shared' },
  403: { description: `The ${noun} is shared with you, but only its owner shares it` },
  404: { description: `No such ${noun}` },
  429: { description: 'More than 100 sharing requests in an hour' },
});

const revokeResponses = (noun: string) => ({
  200: {
    description: `The share is revoked and every read model has applied it: no API process serves the ${noun} to the user any more. Repeated (nothing left to revoke), it changes nothing and answers 200 too, revoked false`,
    schema: revokeResponse,
  },
  403: { description: `The ${noun} is shared with you, but only its owner revokes its shares` },
  404: { description: `No such ${noun}` },
  503: { description: 'The revocation is recorded but not yet applied everywhere; repeat the request after Retry-After' },
});

/** The error a single-resource request answers when its one resource was refused. */
function refusal(kind: SharedKind, reason: string): DomainError {
  if (reason === `${kind}_not_found`) return notFound(`${kind} not found`);
  if (reason === 'forbidden') return new DomainError('forbidden', `only the owner shares this ${kind}`);
  return new DomainError('invalid', reason);
}

/** Each user once: a user named by username and by email gets one item per resource. */
function onePerUser(named: readonly NamedUser[]): NamedUser[] {
  const seen = new Set<string>();
  return named.filter(({ user }) => user === null || (!seen.has(user._id) && Boolean(seen.add(user._id))));
}

/** The answer in the seed's shape: one item per resource × named user, in buckets, with their counts. */
function presentResults(kind: SharedKind, input: ShareInput, named: readonly NamedUser[], shared: SharedResources) {
  const results: Record<Bucket, ResultItem[]> = { created: [], updated: [], failed: [], skipped: [] };
  const byPair = new Map<string, ShareItem>(shared.items.map((item) => [`${item.resourceId}:${item.principalId}`, item]));
  for (const resource of shared.resources) {
    const place =
      kind === 'file' ? { file_id: resource.resourceId, filename: resource.name } : { folder_id: resource.resourceId, name: resource.name };
    for (const { username, email, user } of named) {
      const who = {
        username: user?.username ?? username ?? null,
        ...(email !== undefined ? { email } : {}),
        grantee_user_id: user?._id ?? null,
      };
      const item = user ? byPair.get(`${resource.resourceId}:${user._id}`) : undefined;
      if (!item) {
        results.failed.push({ ...place, ...who, permission: input.permission, reason: resource.failure ?? 'user_not_found' });
        continue;
      }
      results[item.outcome].push({ ...place, ...who, permission: item.permission, ...(item.reason ? { reason: item.reason } : {}) });
    }
  }
  const summary = {
    created: results.created.length,
    updated: results.updated.length,
    failed: results.failed.length,
    skipped: results.skipped.length,
  };
  const message = `Sharing complete: ${summary.created + summary.updated} successful, ${summary.failed} failed`;
  return { message, results, summary };
}

/** Sharing files and folders with users, and revoking those shares (the owner's commands). */
export function shareCommandRoutes(services: ApiServices): Route[] {
  const { files, readStore, eventStore, progress, limits } = services;

  const share = async (
    actor: Actor,
    kind: SharedKind,
    resourceIds: readonly string[],
    single: boolean,
    input: ShareInput,
    metadata: EventMetadata,
  ): Promise<RouteResult> => {
    const named = onePerUser(await resolveNamedUsers(readStore, input.usernames ?? [], input.emails ?? []));
    const grantees = named.flatMap(({ user }) =>
      user ? [{ principalId: user._id, permission: input.permission, expiresAt: input.expires_at ?? null }] : [],
    );
    const shared = await files.shareResources.run(actor, kind, resourceIds, grantees, metadata);
    const failure = single ? shared.resources[0]?.failure : null;
    if (failure) throw refusal(kind, failure);
    await settle(progress, shared.position, limits.readWaitMaxMs);
    return { status: 201, body: presentResults(kind, input, named, shared), position: shared.position };
  };

  /** Answers only once every read model holds the revocation (or, with nothing to revoke, everything appended so far). */
  const revoke = async (actor: Actor, kind: SharedKind, id: string, userId: string, metadata: EventMetadata): Promise<RouteResult> => {
    const { revoked, position } = await files.revokeShare.run(actor, kind, id, userId, metadata);
    const applied =
      position !== null
        ? await progress.waitFor(position, limits.readWaitMaxMs)
        : await readModelsAtHead(eventStore, progress, limits.readWaitMaxMs);
    if (!applied) throw unavailable('the revocation is recorded but not yet applied everywhere; repeat the request');
    const user = await readStore.get<UserView>(USERS, userId);
    const resource = kind === 'file' ? { file_id: id } : { folder_id: id };
    const message = revoked
      ? `${kind === 'file' ? 'File' : 'Folder'} share revoked successfully`
      : 'Nothing to revoke: the user holds no share of it';
    return {
      status: 200,
      body: { message, ...resource, grantee_user_id: userId, grantee_username: user?.username ?? null, revoked },
      position,
    };
  };

  return [
    route({
      method: 'post',
      path: '/files/:id/shares',
      aliases: ['/files/:id/share', '/api/files/:id/share'],
      tag: 'shares',
      access: 'shares.manage',
      rateLimit: SHARING_RATE_LIMIT,
      summary:
        "Share files with users (owner only): the path's file, or up to 100 file_ids, with up to 100 users by username or email. Sharing again with another permission or expiry updates the share",
      params: idParams,
      body: shareFilesInput,
      responses: shareResponses('file'),
      handler: ({ params, body, principal, metadata }) =>
        share(principal, 'file', body.file_ids ?? [params.id], body.file_ids === undefined, body, metadata),
    }),
    route({
      method: 'post',
      path: '/folders/:id/shares',
      tag: 'shares',
      access: 'shares.manage',
      rateLimit: SHARING_RATE_LIMIT,
      summary:
        'Share a folder with users (owner only): the share reaches everything beneath it, now and later. Sharing again with another permission or expiry updates the share',
      params: idParams,
      body: shareFolderInput,
      responses: shareResponses('folder'),
      handler: ({ params, body, principal, metadata }) => share(principal, 'folder', [params.id], true, body, metadata),
    }),
    route({
      method: 'delete',
      path: '/files/:id/shares/:userId',
      aliases: ['/files/:id/share/:userId', '/api/files/:id/share/:userId'],
      tag: 'shares',
      access: 'shares.manage',
      summary: 'Revoke a user’s share of a file (owner only); answers once no API process serves the file to that user any more',
      params: revokeParams,
      responses: revokeResponses('file'),
      handler: ({ params, principal, metadata }) => revoke(principal, 'file', params.id, params.userId, metadata),
    }),
    route({
      method: 'delete',
      path: '/folders/:id/shares/:userId',
      tag: 'shares',
      access: 'shares.manage',
      summary: 'Revoke a user’s share of a folder (owner only); answers once no API process serves the folder to that user any more',
      params: revokeParams,
      responses: revokeResponses('folder'),
      handler: ({ params, principal, metadata }) => revoke(principal, 'folder', params.id, params.userId, metadata),
    }),
  ];
}
