import { ApiError } from '../api/http/apiError';
import type { Actor } from '../domain/access/accessPolicy';
import type { ReadStore } from '../ports/readStore';
import { findAccessibleFile } from '../projections/files/fileQueries';
import { findAccessibleFolder } from '../projections/folders/folderQueries';
import type { ChannelSubscription } from './channels';
import type { ChannelRequest } from './clientRequests';

/**
 * The subscription a request stands for, once the actor may see its resource (the access policy through
 * the read models: another user's file is not_found, as on every route). Checked when subscribing only: a
 * resource that stops being visible later stops reaching the connection through the feed's audience.
 */
export async function channelSubscription(readStore: ReadStore, actor: Actor, request: ChannelRequest): Promise<ChannelSubscription> {
  const { channel, resource_id: resourceId } = request;
  if (channel === 'sync') {
    if (resourceId !== undefined) throw new ApiError('validation_error', 'the sync channel takes no resource_id');
    return { channel, resourceId: null };
  }
  if (resourceId === undefined) throw new ApiError('validation_error', `the ${channel} channel needs a resource_id`);
  if (channel === 'file') await findAccessibleFile(readStore, actor, resourceId, 'see');
  else await findAccessibleFolder(readStore, actor, resourceId, 'see');
  return { channel, resourceId };
}
