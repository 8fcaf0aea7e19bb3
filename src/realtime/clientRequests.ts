import { z } from 'zod';
import { ApiError } from '../api/http/apiError';
import { toApiError } from '../api/http/errorHandler';
import { zodDetails } from '../api/http/validation';
import type { Actor } from '../domain/access/accessPolicy';
import type { Position } from '../ports/eventStore';
import type { ReadStore } from '../ports/readStore';
import { findAccessibleFile } from '../projections/files/fileQueries';
import { findAccessibleFolder } from '../projections/folders/folderQueries';
import type { ChannelSubscription } from './channels';
import { CHANNELS } from './channels';
import type { FeedItems } from './realtimeHub';

const cursor = z.string().min(1).max(200);
const channelFields = { channel: z.enum(CHANNELS), resource_id: z.uuid().optional() };

/** What a client may ask of a realtime connection (the Media Vault seed's messages, plus `resume` and `unsubscribe`). */
export const clientRequest = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('auth'), token: z.string().max(4096), cursor: cursor.optional() }),
  z.strictObject({ type: z.literal('subscribe'), ...channelFields }),
  z.strictObject({ type: z.literal('unsubscribe'), ...channelFields }),
  z.strictObject({ type: z.literal('resume'), cursor }),
]);
export type ClientRequest = z.infer<typeof clientRequest>;
export type ChannelRequest = Pick<Extract<ClientRequest, { type: 'subscribe' }>, 'channel' | 'resource_id'>;

/** The message a client sent, or a validation_error naming what is wrong with it. */
export function parseClientRequest(text: string): ClientRequest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError('validation_error', 'a message must be a JSON object');
  }
  return clientRequestOf(value);
}

/** A request given as a value (a Socket.IO event's argument), or a validation_error naming what is wrong with it. */
export function clientRequestOf(value: unknown): ClientRequest {
  const parsed = clientRequest.safeParse(value);
  if (!parsed.success) throw new ApiError('validation_error', 'the message is not valid', zodDetails(parsed.error));
  return parsed.data;
}

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

/** The position a client's cursor stands for; a cursor this server never gave is a validation_error. */
export function resumePosition(items: FeedItems, value: string): Position {
  const position = items.positionOf(value);
  if (position === null)
    throw new ApiError('validation_error', 'the cursor is not valid', [{ path: 'cursor', message: 'not a feed cursor' }]);
  return position;
}

/** The error a client is told about a request it made: the envelope's code and message, never a stack. */
export function clientError(error: unknown): { code: string; message: string } {
  const known = toApiError(error);
  return known ? { code: known.code, message: known.message } : { code: 'internal_error', message: 'an unexpected error occurred' };
}
