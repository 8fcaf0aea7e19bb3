import type { z } from 'zod';
import { blobDecider } from '../domain/blob/blobDecider';
import { blobEvent } from '../domain/blob/blobEvents';
import { claimDecider } from '../domain/claim/claimDecider';
import { claimEvent } from '../domain/claim/claimEvents';
import { fileDecider } from '../domain/file/fileDecider';
import { fileEvent } from '../domain/file/fileEvents';
import { folderDecider } from '../domain/folder/folderDecider';
import { folderEvent } from '../domain/folder/folderEvents';
import { incomingWebhookDecider } from '../domain/incoming/incomingWebhookDecider';
import { INCOMING_WEBHOOK_CATEGORY, incomingWebhookEvent } from '../domain/incoming/incomingWebhookEvents';
import { incomingCallDecider } from '../domain/incoming/incomingCallDecider';
import { INCOMING_CALL_CATEGORY, incomingCallEvent } from '../domain/incoming/incomingCallEvents';
import { linkDecider } from '../domain/link/linkDecider';
import { LINK_CATEGORY, linkEvent } from '../domain/link/linkEvents';
import type { Decider, DomainEvent } from '../domain/shared/decider';
import { sessionDecider } from '../domain/session/sessionDecider';
import { sessionEvent } from '../domain/session/sessionEvents';
import { tokenDecider } from '../domain/token/tokenDecider';
import { tokenEvent } from '../domain/token/tokenEvents';
import { userDecider } from '../domain/user/userDecider';
import { userEvent } from '../domain/user/userEvents';
import { deliveryDecider } from '../domain/webhook/deliveryDecider';
import { DELIVERY_CATEGORY, deliveryEvent } from '../domain/webhook/deliveryEvents';
import { webhookDecider } from '../domain/webhook/webhookDecider';
import { WEBHOOK_CATEGORY, webhookEvent } from '../domain/webhook/webhookEvents';
import type { Aggregate } from './pipeline';

export const aggregate = <C, E extends DomainEvent, S>(
  category: string,
  eventSchema: z.ZodType<E>,
  decider: Decider<C, E, S>,
): Aggregate<C, E, S> => ({
  category,
  eventSchema,
  decider,
});

export const userAggregate = aggregate('user', userEvent, userDecider);
export const claimAggregate = aggregate('claim', claimEvent, claimDecider);
export const sessionAggregate = aggregate('session', sessionEvent, sessionDecider);
export const fileAggregate = aggregate('file', fileEvent, fileDecider);
export const folderAggregate = aggregate('folder', folderEvent, folderDecider);
export const blobAggregate = aggregate('blob', blobEvent, blobDecider);
export const tokenAggregate = aggregate('token', tokenEvent, tokenDecider);
export const linkAggregate = aggregate(LINK_CATEGORY, linkEvent, linkDecider);
export const webhookAggregate = aggregate(WEBHOOK_CATEGORY, webhookEvent, webhookDecider);
export const deliveryAggregate = aggregate(DELIVERY_CATEGORY, deliveryEvent, deliveryDecider);
export const incomingCallAggregate = aggregate(INCOMING_CALL_CATEGORY, incomingCallEvent, incomingCallDecider);
export const incomingWebhookAggregate = aggregate(INCOMING_WEBHOOK_CATEGORY, incomingWebhookEvent, incomingWebhookDecider);
