import { uuidFromName } from '../shared/uuidFromName';

/** The `webhook-id` of one event sent to one webhook: the same on every attempt, every retry and every replay. */
export const messageIdOf = (eventId: string, webhookId: string): string => uuidFromName(`filora:webhook-message:${eventId}:${webhookId}`);

/** The delivery of one event to one webhook; each replay (`replayId`) makes a delivery of its own, with the same message id. */
export const deliveryIdOf = (eventId: string, webhookId: string, replayId?: string): string =>
  uuidFromName(
    replayId === undefined
      ? `filora:webhook-delivery:${eventId}:${webhookId}`
      : `filora:webhook-replay:${replayId}:${eventId}:${webhookId}`,
  );
