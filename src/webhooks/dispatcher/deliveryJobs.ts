import { z } from 'zod';
import type { ConsumedMessage, MessageLog, OutgoingMessage } from '../../ports/messageLog';
import type { DeliveryJob } from '../webhookPorts';
import { DELIVERY_JOBS_TOPIC } from '../webhookPorts';

const deliveryJob = z.object({ deliveryId: z.uuid(), webhookId: z.uuid() });

/** A job as a message: keyed by webhook id, so one consumer owns each endpoint and its limiter stays exact. */
export const deliveryJobMessage = (job: DeliveryJob): OutgoingMessage => ({
  key: job.webhookId,
  value: Buffer.from(JSON.stringify({ deliveryId: job.deliveryId, webhookId: job.webhookId })),
});

/** The job a message carries, or null for one that is not a job (it is skipped, not retried). */
export function deliveryJobOf(message: ConsumedMessage): DeliveryJob | null {
  try {
    const parsed = deliveryJob.safeParse(JSON.parse(message.value.toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Publishes jobs on DELIVERY_JOBS_TOPIC (nothing for none). */
export type PublishDeliveryJobs = (jobs: readonly DeliveryJob[]) => Promise<void>;

export const deliveryJobPublisher =
  (messageLog: MessageLog): PublishDeliveryJobs =>
  (jobs) =>
    messageLog.publish(DELIVERY_JOBS_TOPIC, jobs.map(deliveryJobMessage));
