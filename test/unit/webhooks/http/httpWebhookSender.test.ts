import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpWebhookSender, RESPONSE_EXCERPT_BYTES } from '../../../../src/webhooks/http/httpWebhookSender';
import { type ReceivedRequest, WebhookReceiver } from '../../../support/webhookReceiver';
import { attempt, httpServer, httpsServer, type LocalServer, resettingTcpServer, silentTcpServer, tableResolver } from './senderFixtures';

describe('HttpWebhookSender', () => {
  let receiver: WebhookReceiver;
  const senders: HttpWebhookSender[] = [];
  const servers: LocalServer[] = [];
  const sender = (options: Partial<ConstructorParameters<typeof HttpWebhookSender>[0]> = {}) => {
    const created = new HttpWebhookSender({ allowPrivate: true, ...options });
    senders.push(created);
    return created;
  };
  const server = async (started: Promise<LocalServer>) => {
    servers.push(await started);
    return servers[servers.length - 1] as LocalServer;
  };

  beforeEach(async () => {
    receiver = await WebhookReceiver.start();
  });
  afterEach(async () => {
    for (const created of senders.splice(0)) created.close();
    await Promise.all([receiver.close(), ...servers.splice(0).map((started) => started.close())]);
  });

  it('POSTs the body and headers as given, and records the answer', async () => {
    receiver.queue([{ status: 200, headers: { 'X-Receiver-Note': 'Thanks' }, body: 'received' }]);
    const request = attempt(receiver.urlFor('/hooks/a?x=1'));

    const result = await sender().send(request);

    const [received] = (await receiver.waitForRequests(1)) as [ReceivedRequest];
    expect(received).toMatchObject({ method: 'POST', path: '/hooks/a?x=1', body: request.body });
    expect(received.headers).toMatchObject({
      'content-type': 'application/json',
      'webhook-id': 'msg_1',
      'content-length': String(Buffer.byteLength(request.body)),
    });
    expect(result).toMatchObject({ status: 200, errorClass: null, errorMessage: null, responseBody: 'received', retryAfterMs: null });
    expect(result.responseHeaders).toMatchObject({ 'x-receiver-note': 'Thanks', 'content-type': 'text/plain' });
    expect(Object.keys(result.responseHeaders).every((name) => name === name.toLowerCase())).toBe(true);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it.each([
    [204, null],
    [302, 'redirect'],
    [308, 'redirect'],
    [400, 'http_status'],
    [410, 'gone'],
    [429, 'rate_limited'],
    [500, 'http_status'],
  ])('classes a %i answer as %s', async (status, errorClass) => {
    receiver.queue([{ status, headers: { location: '/elsewhere' } }]);
    const result = await sender().send(attempt(receiver.urlFor('/hook')));
    expect(result).toMatchObject({ status, errorClass });
    if (errorClass !== null) expect(result.errorMessage).toEqual(expect.any(String));
  });

  it('never follows a redirect', async () => {
    receiver.queue([{ status: 301, headers: { location: receiver.urlFor('/moved') } }]);
    const result = await sender().send(attempt(receiver.urlFor('/hook')));
    expect(result).toMatchObject({ status: 301, errorClass: 'redirect', errorMessage: expect.stringContaining('/moved') });
    expect(receiver.requests('/moved')).toHaveLength(0);
    expect(receiver.requests()).toHaveLength(1);
  });

  it('reads Retry-After in seconds or as an HTTP date', async () => {
    receiver.queue([
      { status: 429, headers: { 'retry-after': '2' } },
      { status: 503, headers: { 'retry-after': new Date(Date.now() + 120_000).toUTCString() } },
    ]);
    const inSeconds = await sender().send(attempt(receiver.urlFor('/hook')));
    const asDate = await sender().send(attempt(receiver.urlFor('/hook')));
    expect(inSeconds).toMatchObject({ status: 429, errorClass: 'rate_limited', retryAfterMs: 2000 });
    expect(asDate.retryAfterMs).toBeGreaterThan(100_000);
    expect(asDate.retryAfterMs).toBeLessThanOrEqual(120_000);
  });

  it('keeps the first 20 kB of the response body, never a cut character', async () => {
    receiver.queue([
      { status: 200, body: 'x'.repeat(50_000) },
      { status: 500, body: '€'.repeat(20_000) },
    ]);
    const ascii = await sender().send(attempt(receiver.urlFor('/hook')));
    const multibyte = await sender().send(attempt(receiver.urlFor('/hook')));
    expect(ascii.responseBody).toBe('x'.repeat(RESPONSE_EXCERPT_BYTES));
    expect(multibyte.responseBody).toBe('€'.repeat(Math.floor(RESPONSE_EXCERPT_BYTES / 3)));
  });

  it('reuses a kept-alive connection for the next attempt to the same endpoint', async () => {
    const endpoint = await server(
      httpServer((request: IncomingMessage, response: ServerResponse) => request.resume().on('end', () => response.end('ok'))),
    );
    const resolver = tableResolver({ 'hooks.test': ['127.0.0.1'] });
    const keptAlive = sender({ resolveHost: resolver.resolve });
    for (let i = 0; i < 5; i += 1) expect((await keptAlive.send(attempt(`http://hooks.test:${endpoint.port}/hook`))).status).toBe(200);
    expect(endpoint.connections()).toBe(1);
    expect(resolver.callsFor('hooks.test')).toBe(1);
  });

  it('sends again on a new connection when a pooled one turns out closed by the endpoint', async () => {
    const endpoint = await server(resettingTcpServer());
    const pooled = sender();
    expect(await pooled.send(attempt(`http://127.0.0.1:${endpoint.port}/hook`))).toMatchObject({ status: 200, responseBody: 'first' });
    expect(await pooled.send(attempt(`http://127.0.0.1:${endpoint.port}/hook`))).toMatchObject({ status: 200, responseBody: 'fresh' });
    expect(endpoint.connections()).toBe(2);
  });

  it('times out when no answer comes in time', async () => {
    receiver.queue([{ status: 200, delayMs: 10_000 }]);
    const result = await sender({ totalTimeoutMs: 200 }).send(attempt(receiver.urlFor('/slow')));
    expect(result).toMatchObject({ status: null, errorClass: 'timeout', errorMessage: expect.stringMatching(/no complete answer/) });
  });

  it('times out when an answer starts but its body never ends, keeping the status', async () => {
    const endpoint = await server(httpServer((_request, response) => response.writeHead(200).write('partial')));
    const result = await sender({ totalTimeoutMs: 200 }).send(attempt(`http://127.0.0.1:${endpoint.port}/hook`));
    expect(result).toMatchObject({ status: 200, errorClass: 'timeout' });
  });

  it('times out connecting when the TLS handshake never completes', async () => {
    const endpoint = await server(silentTcpServer());
    const result = await sender({ connectTimeoutMs: 200 }).send(attempt(`https://127.0.0.1:${endpoint.port}/hook`));
    expect(result).toMatchObject({ status: null, errorClass: 'timeout', errorMessage: expect.stringMatching(/no connection/) });
  });

  it('times out connecting when the name takes too long to resolve', async () => {
    const never = new Promise<never>(() => undefined);
    const result = await sender({ connectTimeoutMs: 200, resolveHost: () => never }).send(attempt('http://slow-dns.test/hook'));
    expect(result).toMatchObject({ status: null, errorClass: 'timeout', errorMessage: expect.stringMatching(/no connection/) });
  });

  it('classes a refused connection, an unresolvable name and a URL it cannot send to', async () => {
    const closed = await server(httpServer(() => undefined));
    await closed.close();
    servers.pop();
    const resolver = tableResolver({});
    expect(await sender().send(attempt(`http://127.0.0.1:${closed.port}/hook`))).toMatchObject({ status: null, errorClass: 'connect' });
    expect(await sender({ resolveHost: resolver.resolve }).send(attempt('http://nowhere.test/hook'))).toMatchObject({ errorClass: 'dns' });
    expect(await sender().send(attempt('not a url'))).toMatchObject({ status: null, errorClass: 'connect' });
    expect(await sender().send(attempt('ftp://127.0.0.1/hook'))).toMatchObject({ status: null, errorClass: 'connect' });
  });

  describe('over HTTPS', () => {
    const okHandler = (request: IncomingMessage, response: ServerResponse) => request.resume().on('end', () => response.end('secure ok'));

    it('refuses a certificate it cannot verify when verify_ssl is on', async () => {
      const endpoint = await server(httpsServer(okHandler));
      const result = await sender().send(attempt(`https://localhost:${endpoint.port}/hook`));
      expect(result).toMatchObject({ status: null, errorClass: 'tls' });
    });

    it('sends to a self-signed endpoint when verify_ssl is off', async () => {
      const endpoint = await server(httpsServer(okHandler));
      const resolver = tableResolver({ 'hooks.test': ['127.0.0.1'] });
      const result = await sender({ resolveHost: resolver.resolve }).send(
        attempt(`https://hooks.test:${endpoint.port}/hook`, { verifySsl: false }),
      );
      expect(result).toMatchObject({ status: 200, errorClass: null, responseBody: 'secure ok' });
    });

    it('keeps verifying connections and unverified ones apart', async () => {
      const endpoint = await server(httpsServer(okHandler));
      const shared = sender();
      const url = `https://localhost:${endpoint.port}/hook`;
      expect((await shared.send(attempt(url, { verifySsl: false }))).status).toBe(200);
      expect(await shared.send(attempt(url, { verifySsl: true }))).toMatchObject({ status: null, errorClass: 'tls' });
    });
  });
});
