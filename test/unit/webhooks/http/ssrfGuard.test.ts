import { HttpWebhookSender } from '../../../../src/webhooks/http/httpWebhookSender';
import { WebhookReceiver } from '../../../support/webhookReceiver';
import { attempt, tableResolver, warningLogger } from './senderFixtures';

describe('the SSRF guard of the webhook sender', () => {
  let receiver: WebhookReceiver;
  let port: string;
  const senders: HttpWebhookSender[] = [];
  let log: ReturnType<typeof warningLogger>;
  const sender = (allowPrivate: boolean, resolver = tableResolver({})) => {
    const created = new HttpWebhookSender({ allowPrivate, resolveHost: resolver.resolve, logger: log.logger });
    senders.push(created);
    return created;
  };

  beforeEach(async () => {
    log = warningLogger();
    receiver = await WebhookReceiver.start();
    port = new URL(receiver.url).port;
  });
  afterEach(async () => {
    for (const created of senders.splice(0)) created.close();
    await receiver.close();
  });

  it.each([
    '127.0.0.1',
    '[::1]',
    '[::ffff:127.0.0.1]',
    '[::ffff:7f00:1]',
    '0x7f.1',
    '2130706433',
    '169.254.169.254',
    '10.0.0.1',
    '0.0.0.0',
  ])('refuses an address written in the URL: %s', async (host) => {
    const result = await sender(false).send(attempt(`http://${host}:${port}/hook`));
    expect(result).toMatchObject({ status: null, errorClass: 'ssrf_refused', errorMessage: expect.stringMatching(/address/) });
    expect(receiver.requests()).toHaveLength(0);
  });

  it('refuses a name that resolves to a private address, without connecting; the address is only in the server log', async () => {
    const resolver = tableResolver({ 'internal.test': ['127.0.0.1'] });
    const result = await sender(false, resolver).send(attempt(`http://internal.test:${port}/hook`));
    expect(result).toMatchObject({
      errorClass: 'ssrf_refused',
      errorMessage: 'internal.test resolves to an address webhooks may not reach',
    });
    expect(receiver.requests()).toHaveLength(0);
    expect(log.warnings).toEqual([
      { message: expect.any(String), fields: { host: 'internal.test', address: '127.0.0.1', refusal: 'loopback' } },
    ]);
  });

  it('refuses a name when any one of its addresses is private', async () => {
    const resolver = tableResolver({ 'mixed.test': ['93.184.215.14', '2606:4700::1', '10.1.2.3'] });
    const result = await sender(false, resolver).send(attempt(`http://mixed.test:${port}/hook`));
    expect(result).toMatchObject({ errorClass: 'ssrf_refused', errorMessage: 'mixed.test resolves to an address webhooks may not reach' });
    expect(log.warnings[0]?.fields).toMatchObject({ address: '10.1.2.3', refusal: 'private' });
  });

  it('tells the owner only that a name did not resolve, not what the resolver said', async () => {
    const result = await sender(false).send(attempt(`http://unknown.internal:${port}/hook`));
    expect(result).toMatchObject({ errorClass: 'dns', errorMessage: 'unknown.internal did not resolve' });
    expect(log.warnings[0]?.fields).toMatchObject({ host: 'unknown.internal', code: 'ENOTFOUND' });
  });

  it('refuses localhost through the system resolver', async () => {
    const created = new HttpWebhookSender({ allowPrivate: false });
    senders.push(created);
    expect(await created.send(attempt(`http://localhost:${port}/hook`))).toMatchObject({ errorClass: 'ssrf_refused' });
    expect(receiver.requests()).toHaveLength(0);
  });

  it('connects to the very address it checked: a second answer of the name is never asked for', async () => {
    // A rebinding DNS server: a reachable address first, the metadata service on every later question.
    const resolver = tableResolver({ 'rebinding.test': (call) => (call === 1 ? ['127.0.0.1'] : ['169.254.169.254']) });
    const result = await sender(true, resolver).send(attempt(`http://rebinding.test:${port}/hook`));
    expect(result).toMatchObject({ status: 200, errorClass: null });
    expect(resolver.callsFor('rebinding.test')).toBe(1);
    const [received] = await receiver.waitForRequests(1);
    expect(received?.headers.host).toBe(`rebinding.test:${port}`);
  });

  it('lets private addresses through when FILORA_WEBHOOK_ALLOW_PRIVATE is on, but never the metadata service', async () => {
    const resolver = tableResolver({ 'metadata.test': ['169.254.169.254'] });
    expect(await sender(true).send(attempt(receiver.urlFor('/hook')))).toMatchObject({ status: 200, errorClass: null });
    expect(await sender(true, resolver).send(attempt(`http://metadata.test:${port}/hook`))).toMatchObject({ errorClass: 'ssrf_refused' });
  });
});
