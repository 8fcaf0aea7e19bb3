import { randomUUID } from 'node:crypto';
import { deliveryJobPublisher } from '../../../../src/webhooks/dispatcher/deliveryJobs';
import type { DeliveryQueue } from '../../../../src/webhooks/dispatcher/endpointQueues';
import { JobConsumer } from '../../../../src/webhooks/dispatcher/jobConsumer';
import type { DeliveryJob } from '../../../../src/webhooks/webhookPorts';
import { DELIVERY_JOBS_TOPIC } from '../../../../src/webhooks/webhookPorts';
import { openStores, silentLogger } from '../../../support/stores';

describe('delivery jobs consumer', () => {
  let stores: Awaited<ReturnType<typeof openStores>>;
  beforeEach(async () => (stores = await openStores()));
  afterEach(() => stores.close());

  it('hands every job to the queue, skipping messages that are not jobs, without waiting on any endpoint', async () => {
    const queued: DeliveryJob[] = [];
    const queue: DeliveryQueue = { enqueue: (job) => void queued.push(job), close: async () => undefined };
    const consumer = new JobConsumer(stores.messageLog, queue, silentLogger());
    await consumer.start();
    const jobs = Array.from({ length: 3 }, () => ({ deliveryId: randomUUID(), webhookId: randomUUID() }));

    await stores.messageLog.publish(DELIVERY_JOBS_TOPIC, [{ key: 'x', value: Buffer.from('{"deliveryId":"nope"}') }]);
    await deliveryJobPublisher(stores.messageLog)(jobs);
    const deadline = Date.now() + 5000;
    while (queued.length < jobs.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    await consumer.stop();

    expect(queued.sort((a, b) => a.deliveryId.localeCompare(b.deliveryId))).toEqual(
      jobs.sort((a, b) => a.deliveryId.localeCompare(b.deliveryId)),
    );
  });
});
