import { WebhookReceiver } from '../../support/webhookReceiver';

describe('WebhookReceiver (test support)', () => {
  let receiver: WebhookReceiver;
  beforeEach(async () => (receiver = await WebhookReceiver.start()));
  afterEach(() => receiver.close());

  const post = (path: string, body: string) => fetch(receiver.urlFor(path), { method: 'POST', body, headers: { 'webhook-id': 'msg_1' } });

  it('records each request with its lower-case headers and body, and answers 200 by default', async () => {
    const response = await post('/hooks/a?x=1', '{"id":"1"}');

    expect(response.status).toBe(200);
    const [request] = receiver.requests('/hooks/a');
    expect(request).toMatchObject({ index: 0, method: 'POST', path: '/hooks/a?x=1', body: '{"id":"1"}' });
    expect(request?.headers['webhook-id']).toBe('msg_1');
  });

  it('answers queued answers in order, those of the path first, then the responder', async () => {
    receiver.respondWith(() => ({ status: 204 }));
    receiver.queue([{ status: 500 }, { status: 410, headers: { 'retry-after': '2' } }]);
    receiver.queue([{ status: 429 }], '/b');

    const statuses = [];
    for (const path of ['/b', '/a', '/b', '/a']) statuses.push((await post(path, '')).status);

    expect(statuses).toEqual([429, 500, 410, 204]);
  });

  it('waits for requests that have not arrived yet', async () => {
    const waiting = receiver.waitForRequests(2, { path: '/a' });
    await post('/b', '');
    await post('/a', 'one');
    await post('/a', 'two');

    expect((await waiting).map((request) => request.body)).toEqual(['one', 'two']);
    await expect(receiver.waitForRequests(3, { path: '/a', timeoutMs: 50 })).rejects.toThrow('3 requests (got 2)');
  });

  it('holds a delayed answer until its delay, and close() drops it', async () => {
    receiver.queue([{ status: 200, delayMs: 60_000 }]);
    const pending = post('/slow', '').then(
      () => 'answered',
      () => 'dropped',
    );
    await receiver.waitForRequests(1);
    await receiver.close();

    expect(await pending).toBe('dropped');
  });
});
