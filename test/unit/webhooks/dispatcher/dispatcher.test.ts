import { WebhookDispatcher } from '../../../../src/webhooks/dispatcher/dispatcher';
import type { DueScheduler } from '../../../../src/webhooks/dispatcher/dueScheduler';
import type { FanOut } from '../../../../src/webhooks/dispatcher/fanOut';
import type { JobConsumer } from '../../../../src/webhooks/dispatcher/jobConsumer';
import { silentLogger } from '../../../support/stores';

/** The dispatcher's parts as fakes that log what was done to them; the jobs consumer fails its first `failures` starts. */
function parts(failures: number) {
  const calls: string[] = [];
  let refusals = failures;
  const jobs = {
    start: async () => {
      calls.push('jobs.start');
      if (refusals-- > 0) throw new Error('The group coordinator is not available');
    },
    stop: async () => void calls.push('jobs.stop'),
  };
  const fanOut = { start: async () => void calls.push('fanOut.start'), stop: async () => void calls.push('fanOut.stop') };
  const scheduler = { start: () => void calls.push('scheduler.start'), stop: async () => void calls.push('scheduler.stop') };
  const queue = { enqueue: () => undefined, close: async () => void calls.push('queue.close') };
  const sender = { close: () => void calls.push('sender.close') };
  const dispatcher = new WebhookDispatcher(
    fanOut as unknown as FanOut,
    jobs as unknown as JobConsumer,
    queue,
    scheduler as unknown as DueScheduler,
    sender,
    silentLogger(),
  );
  return { dispatcher, calls };
}

describe('webhook dispatcher', () => {
  it('starts the jobs consumer before the fan-out that feeds it, stops taking work before closing the queues, then closes the sender', async () => {
    const { dispatcher, calls } = parts(0);

    await dispatcher.start();
    await dispatcher.stop();

    expect(calls).toEqual([
      'jobs.start',
      'fanOut.start',
      'scheduler.start',
      'scheduler.stop',
      'fanOut.stop',
      'jobs.stop',
      'queue.close',
      'sender.close',
    ]);
  });

  it('tries again to join the message log while it refuses', async () => {
    const { dispatcher, calls } = parts(2);

    await dispatcher.start();

    expect(calls).toEqual(['jobs.start', 'jobs.start', 'jobs.start', 'fanOut.start', 'scheduler.start']);
    await dispatcher.stop();
  });

  it('gives up joining when stopped meanwhile', async () => {
    const { dispatcher, calls } = parts(Number.POSITIVE_INFINITY);
    const starting = dispatcher.start();
    await new Promise((resolve) => setTimeout(resolve, 50));

    await dispatcher.stop();
    await starting;

    expect(calls).not.toContain('fanOut.start');
    expect(calls).not.toContain('scheduler.start');
  });
});
