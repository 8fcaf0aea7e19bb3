import { z } from 'zod';
import { ApiError } from '../api/http/apiError';
import { zodDetails } from '../api/http/validation';
import { CHANNELS } from './channels';

const cursor = z.string().min(1).max(200);
const channelFields = { channel: z.enum(CHANNELS), resource_id: z.uuid().optional() };

const authRequest = z.strictObject({ type: z.literal('auth'), token: z.string().max(4096), cursor: cursor.optional() });
const subscribeRequest = z.strictObject({ type: z.literal('subscribe'), ...channelFields });
const unsubscribeRequest = z.strictObject({ type: z.literal('unsubscribe'), ...channelFields });
const resumeRequest = z.strictObject({ type: z.literal('resume'), cursor });

/** What a client may ask of a realtime connection (the Media Vault seed's messages, plus `resume` and `unsubscribe`). */
export const clientRequest = z.discriminatedUnion('type', [authRequest, subscribeRequest, unsubscribeRequest, resumeRequest]);
export type ClientRequest = z.infer<typeof clientRequest>;

/** What an admitted client may ask (Socket.IO clients authenticate in the handshake, so never `auth`). */
export const admittedRequest = z.discriminatedUnion('type', [subscribeRequest, unsubscribeRequest, resumeRequest]);
export type AdmittedRequest = z.infer<typeof admittedRequest>;

export type ChannelRequest = Pick<z.infer<typeof subscribeRequest>, 'channel' | 'resource_id'>;

/** The message a client sent, or a validation_error naming what is wrong with it. */
export function parseClientRequest(text: string): ClientRequest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError('validation_error', 'a message must be a JSON object');
  }
  return validRequest(clientRequest, value);
}

/** A request of an admitted client given as a value (a Socket.IO event's argument), or a validation_error naming what is wrong with it. */
export function admittedRequestOf(value: unknown): AdmittedRequest {
  return validRequest(admittedRequest, value);
}

function validRequest<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ApiError('validation_error', 'the message is not valid', zodDetails(parsed.error));
  return parsed.data;
}
