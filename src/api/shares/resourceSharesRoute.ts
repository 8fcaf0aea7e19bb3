import type { z, ZodType } from 'zod';
import type { AccessAction, Actor } from '../../domain/access/accessPolicy';
import { sharesReaching } from '../../projections/access/shareQueries';
import type { ReadStore } from '../../ports/readStore';
import { idParams, route } from '../http/route';
import type { Route } from '../http/route';
import type { resourceShareItem } from './shareQuerySchemas';
import { presentResourceShare, usersById } from './shareQueryViews';

type ResourceShare = z.infer<typeof resourceShareItem>;

/** A kind of resource whose owner lists who it is shared with. */
export interface SharedResourceKind<Resource extends { _id: string }> {
  noun: 'file' | 'folder';
  aliases?: readonly string[];
  schema: ZodType;
  find(readStore: ReadStore, actor: Actor, id: string, action: AccessAction): Promise<Resource>;
  /** The fields that name the resource in the answer, next to its shares. */
  named(resource: Resource): Record<string, string>;
}

async function sharesOf(readStore: ReadStore, resourceId: string): Promise<ResourceShare[]> {
  const shares = await sharesReaching(readStore, resourceId, new Date());
  const users = await usersById(
    readStore,
    shares.map((share) => share.grant.principal_id),
  );
  return shares.map((share) => presentResourceShare(share, users.get(share.grant.principal_id)));
}

/** GET /<noun>s/:id/shares: the resource's own shares and those of the folders above it, for its owner. */
export function resourceSharesRoute<Resource extends { _id: string }>(readStore: ReadStore, kind: SharedResourceKind<Resource>): Route {
  const { noun } = kind;
  return route({
    method: 'get',
    path: `/${noun}s/:id/shares`,
    aliases: kind.aliases,
    tag: 'shares',
    access: 'shares.manage',
    summary: `Who a ${noun} is shared with (owner only): its own shares and those of the folders above it; at most 1,000 of each`,
    params: idParams,
    responses: {
      200: { description: 'The shares', schema: kind.schema },
      403: { description: `The ${noun} is shared with you, but only its owner sees its shares` },
      404: { description: `No such ${noun}` },
    },
    async handler({ params, principal }) {
      const resource = await kind.find(readStore, principal, params.id, 'share');
      const shares = await sharesOf(readStore, resource._id);
      return { status: 200, body: { ...kind.named(resource), shares, total_shares: shares.length } };
    },
  });
}
