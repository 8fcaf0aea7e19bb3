import type { AttemptReport } from '../../../../src/webhooks/dispatcher/endpointWorkerTypes';
import { deferred, failedRetrying, made, attemptResult, succeeded, workerKit } from './endpointWorkerKit';

const MINUTE = 60_000;

beforeEach(() => jest.useFakeTimers({ now: new Date('2026-03-01T12:00:00Z') }));
afterEach(() => jest.useRealTimers());

const ids = (count: number, prefix = 'd') => Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);

describe('endpoint worker: rate and concurrency (Bottleneck)', () => {
  it('sends at most the rate per minute, evenly spaced, and exactly the rate each minute', async () => {
    const { worker, started } = workerKit({ settings: { rateLimitPerMinute: 4, maxConcurrency: 5 } });
    for (const id of ids(10)) worker.submit(id);
    await jest.advanceTimersByTimeAsync(10);
    expect(started).toEqual(['d1']);
    await jest.advanceTimersByTimeAsync(MINUTE / 4);
    expect(started).toEqual(['d1', 'd2']);
    await jest.advanceTimersByTimeAsync(MINUTE / 2);
    expect(started).toHaveLength(4);
    await jest.advanceTimersByTimeAsync(MINUTE / 4);
    expect(started).toHaveLength(5);
    await jest.advanceTimersByTimeAsync(MINUTE);
    expect(started).toHaveLength(9);
    await worker.stop();
  });

  it('runs at most max_concurrency attempts at once', async () => {
    const answers = ids(6).map(() => deferred<AttemptReport>());
    const { worker, started, running } = workerKit({
      settings: { rateLimitPerMinute: 60_000, maxConcurrency: 2 },
      answer: (id) => answers[Number(id.slice(1)) - 1]!.promise,
    });
    for (const id of ids(6)) worker.submit(id);
    await jest.advanceTimersByTimeAsync(100);
    expect(running()).toBe(2);
    answers[0]!.resolve(succeeded());
    await jest.advanceTimersByTimeAsync(100);
    expect(started).toEqual(['d1', 'd2', 'd3']);
    expect(running()).toBe(2);
    for (const answer of answers) answer.resolve(succeeded());
    await jest.advanceTimersByTimeAsync(100);
    expect(started).toHaveLength(6);
    expect(worker.depth).toBe(0);
    await worker.stop();
  });

  it('a changed rate applies to what is still queued, from the attempt after the one already waiting for its turn', async () => {
    const { worker, started } = workerKit({ settings: { rateLimitPerMinute: 1 } });
    for (const id of ids(5)) worker.submit(id);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(started).toHaveLength(1);
    worker.configure({ rateLimitPerMinute: 600, maxConcurrency: 1, ordering: 'none' });
    await jest.advanceTimersByTimeAsync(2 * MINUTE);
    expect(started).toHaveLength(5);
    await worker.stop();
  });
});

describe('endpoint worker: no delivery twice', () => {
  it('a delivery queued or in flight is not queued again', async () => {
    const first = deferred<AttemptReport>();
    const { worker, started } = workerKit({ answer: (id) => (id === 'd1' ? first.promise : succeeded()) });
    worker.submit('d1');
    worker.submit('d1');
    await jest.advanceTimersByTimeAsync(10);
    worker.submit('d1');
    expect(worker.depth).toBe(1);
    first.resolve(succeeded());
    await jest.advanceTimersByTimeAsync(10);
    expect(started).toEqual(['d1']);
    worker.submit('d1');
    await jest.advanceTimersByTimeAsync(10);
    expect(started).toEqual(['d1', 'd1']);
    await worker.stop();
  });

  it('holds no more than maxQueued deliveries; the rest are left to the due scheduler', async () => {
    const { worker } = workerKit({ settings: { rateLimitPerMinute: 1 }, options: { maxQueued: 3 } });
    for (const id of ids(10)) worker.submit(id);
    expect(worker.depth).toBe(3);
    await worker.stop();
  });

  it('a retry due soon is re-run from memory; one due later is let go', async () => {
    const { worker, started } = workerKit({
      options: { localRetryWithinMs: MINUTE },
      answer: (id, attempt) => (attempt > 1 ? succeeded() : failedRetrying(id === 'soon' ? 5_000 : 5 * MINUTE)),
    });
    worker.submit('soon');
    worker.submit('later');
    await jest.advanceTimersByTimeAsync(100);
    expect(worker.depth).toBe(1);
    await jest.advanceTimersByTimeAsync(5_000);
    expect(started).toEqual(['soon', 'later', 'soon']);
    expect(worker.depth).toBe(0);
    await worker.stop();
  });
});

describe('endpoint worker: adaptive throttling', () => {
  it('waits for a Retry-After before sending anything else to the endpoint', async () => {
    const { worker, started } = workerKit({
      answer: (id, attempt) => (id === 'd1' && attempt === 1 ? failedRetrying(2_000, { status: 503, retryAfterMs: 2_000 }) : succeeded()),
    });
    worker.submit('d1');
    worker.submit('d2');
    await jest.advanceTimersByTimeAsync(1_990);
    expect(started).toEqual(['d1']);
    await jest.advanceTimersByTimeAsync(100);
    expect(started).toEqual(['d1', 'd2', 'd1']);
    await worker.stop();
  });

  it('after a 429 the rate halves, then recovers a step per quiet minute', async () => {
    let pushedBack = false;
    const { worker, started } = workerKit({
      settings: { rateLimitPerMinute: 60 },
      answer: () => {
        if (pushedBack) return succeeded();
        pushedBack = true;
        return made(attemptResult({ status: 429, errorClass: 'rate_limited' }), { outcome: 'failed', nextAttemptAt: null });
      },
    });
    for (const id of ids(200)) worker.submit(id);
    await jest.advanceTimersByTimeAsync(MINUTE - 1);
    // 1 before the 429, then 30 a minute instead of 60.
    expect(started.length).toBeLessThanOrEqual(31);
    expect(started.length).toBeGreaterThanOrEqual(29);
    const afterFirstMinute = started.length;
    await jest.advanceTimersByTimeAsync(MINUTE);
    const secondMinute = started.length - afterFirstMinute;
    expect(secondMinute).toBeGreaterThan(50);
    expect(secondMinute).toBeLessThanOrEqual(60);
    await worker.stop();
  });
});

describe('endpoint worker: per_resource ordering', () => {
  const described = {
    a1: { resource: 'file-a', position: '01' },
    b1: { resource: 'file-b', position: '02' },
    a2: { resource: 'file-a', position: '03' },
    a3: { resource: 'file-a', position: '04' },
    b2: { resource: 'file-b', position: '05' },
  };

  it('holds back only the failing resource, and delivers it in order once the failing one succeeds', async () => {
    const { worker, started } = workerKit({
      settings: { ordering: 'per_resource', maxConcurrency: 3 },
      described,
      answer: (id, attempt) => (id === 'a1' && attempt < 4 ? failedRetrying(1_000) : succeeded()),
    });
    for (const id of ['a1', 'b1', 'a2', 'a3', 'b2']) worker.submit(id);
    await jest.advanceTimersByTimeAsync(500);
    expect(started).toEqual(['a1', 'b1', 'b2']);
    await jest.advanceTimersByTimeAsync(2_000);
    expect(started.filter((id) => id.startsWith('a'))).toEqual(['a1', 'a1', 'a1']);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(started.filter((id) => id.startsWith('a'))).toEqual(['a1', 'a1', 'a1', 'a1', 'a2', 'a3']);
    await worker.stop();
  });

  it('a delivery that fails for good releases its resource', async () => {
    const { worker, started } = workerKit({
      settings: { ordering: 'per_resource' },
      described,
      answer: (id) =>
        id === 'a1'
          ? made(attemptResult({ status: 500, errorClass: 'http_status' }), { outcome: 'failed', nextAttemptAt: null })
          : succeeded(),
    });
    for (const id of ['a1', 'a2']) worker.submit(id);
    await jest.advanceTimersByTimeAsync(100);
    expect(started).toEqual(['a1', 'a2']);
    await worker.stop();
  });

  it('without ordering, a failing delivery holds nothing back', async () => {
    const { worker, started } = workerKit({
      described,
      answer: (id, attempt) => (id === 'a1' && attempt === 1 ? failedRetrying(1_000) : succeeded()),
    });
    for (const id of ['a1', 'a2', 'a3']) worker.submit(id);
    await jest.advanceTimersByTimeAsync(100);
    expect(started).toEqual(['a1', 'a2', 'a3']);
    await worker.stop();
  });

  it('a resource whose earlier delivery is unfinished elsewhere (after a restart) is let go for the due scheduler', async () => {
    const asked: Array<{ id: string; finishedHere: readonly string[] }> = [];
    const { worker, started } = workerKit({
      settings: { ordering: 'per_resource' },
      described,
      earlierUnfinished: async (delivery, finishedHere) => {
        asked.push({ id: delivery.deliveryId, finishedHere });
        return delivery.deliveryId === 'a2';
      },
    });
    worker.submit('a2');
    worker.submit('b1');
    await jest.advanceTimersByTimeAsync(100);
    expect(started).toEqual(['b1']);
    expect(worker.depth).toBe(0);
    worker.submit('a1');
    await jest.advanceTimersByTimeAsync(100);
    expect(started).toEqual(['b1', 'a1']);
    expect(asked.map(({ id }) => id)).toEqual(['a2', 'b1', 'a1']);
    await worker.stop();
  });

  it('a lease refused (another process holds it) makes the next of the resource ask the read model again', async () => {
    const asked: Array<{ id: string; finishedHere: readonly string[] }> = [];
    const { worker, started } = workerKit({
      settings: { ordering: 'per_resource' },
      described,
      answer: (id) => (id === 'a1' ? { kind: 'not_leased' } : succeeded()),
      earlierUnfinished: async (delivery, finishedHere) => {
        asked.push({ id: delivery.deliveryId, finishedHere: [...finishedHere] });
        return delivery.deliveryId === 'a2';
      },
    });
    for (const id of ['a1', 'a2', 'a3']) worker.submit(id);
    await jest.advanceTimersByTimeAsync(100);
    expect(started).toEqual(['a1']);
    expect(asked.map(({ id }) => id)).toEqual(['a1', 'a2']);
    expect(worker.depth).toBe(0);
    await worker.stop();
  });
});

describe('endpoint worker: circuit breaker', () => {
  it('after 10 failures in a row sends nothing while it cools off, then one probe decides', async () => {
    let healthy = false;
    const { worker, started } = workerKit({
      settings: { maxConcurrency: 1 },
      options: { localRetryWithinMs: 0 },
      answer: () => (healthy ? succeeded() : failedRetrying(10 * MINUTE)),
    });
    for (const id of ids(15)) worker.submit(id);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(started).toHaveLength(10);
    await jest.advanceTimersByTimeAsync(MINUTE - 2_000);
    expect(started).toHaveLength(10);
    await jest.advanceTimersByTimeAsync(2_000);
    expect(started).toHaveLength(11);
    await jest.advanceTimersByTimeAsync(MINUTE - 2_000);
    expect(started).toHaveLength(11);
    healthy = true;
    await jest.advanceTimersByTimeAsync(2_000);
    expect(started).toHaveLength(15);
    await worker.stop();
  });

  it('disables the endpoint after 5 days of failures and stops', async () => {
    const { worker, breaker, disabledFor, started } = workerKit({
      options: { localRetryWithinMs: 0 },
      answer: () => failedRetrying(MINUTE),
    });
    const since = new Date(Date.now() - 5 * 24 * 3_600_000);
    breaker.recall({ consecutiveFailures: 3, failingSince: since });
    worker.submit('d1');
    worker.submit('d2');
    await jest.advanceTimersByTimeAsync(100);
    expect(disabledFor).toEqual([`every delivery attempt has failed since ${since.toISOString()}`]);
    expect(started).toEqual(['d1']);
    expect(worker.isStopped).toBe(true);
  });

  it('stops at a 410 or once the webhook is gone', async () => {
    const gone = workerKit({
      answer: () => made(attemptResult({ status: 410, errorClass: 'gone' }), { outcome: 'failed', nextAttemptAt: null }),
    });
    gone.worker.submit('d1');
    gone.worker.submit('d2');
    await jest.advanceTimersByTimeAsync(100);
    expect(gone.started).toEqual(['d1']);
    expect(gone.worker.isStopped).toBe(true);

    const deleted = workerKit({ answer: () => ({ kind: 'endpoint_gone' }) });
    deleted.worker.submit('d1');
    deleted.worker.submit('d2');
    await jest.advanceTimersByTimeAsync(100);
    expect(deleted.started).toEqual(['d1']);
    expect(deleted.worker.isStopped).toBe(true);
  });
});
