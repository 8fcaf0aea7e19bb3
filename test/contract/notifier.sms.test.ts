import { HttpSmsNotifier } from '../../src/adapters/notifier/httpSmsNotifier';
import { SmsGateway } from '../support/smsGateway';
import { closedPort, describeNotifierContract } from './notifier.contract';

const ACCOUNT = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = 'tok:S3cr3t/sms@gw%';
const WRONG_TOKEN = 'tok:Wr0ng/sms@gw%';
const FROM = '+15005550006';
const MESSAGES_PATH = `/2010-04-01/Accounts/${ACCOUNT}/Messages.json`;

describeNotifierContract('http sms', async () => {
  const gateway = await SmsGateway.start({ account: ACCOUNT, token: TOKEN });
  const notifier = (url: string, token: string, timeoutMs?: number) =>
    new HttpSmsNotifier({ url, account: ACCOUNT, token, from: FROM, timeoutMs });
  return {
    channel: 'sms',
    destination: '+15551234567',
    notifier: notifier(gateway.url, TOKEN),
    notifierWithWrongSecret: notifier(gateway.url, WRONG_TOKEN),
    notifierAt: (hostAndPort, timeoutMs) => notifier(`http://${hostAndPort}${MESSAGES_PATH}`, TOKEN, timeoutMs),
    secrets: [TOKEN, WRONG_TOKEN],
    delivered: async (destination, text) => {
      const message = await gateway.waitForMessage((received) => received.to === destination && received.body === text);
      return { to: message.to, text: message.body };
    },
    refuse: (refusing) => gateway.failWith(refusing ? 500 : null),
    dispose: () => gateway.close(),
  };
});

describe('HttpSmsNotifier against a local gateway', () => {
  let gateway: SmsGateway;
  let notifier: HttpSmsNotifier;

  beforeEach(async () => {
    gateway = await SmsGateway.start({ account: ACCOUNT, token: TOKEN });
    notifier = new HttpSmsNotifier({ url: gateway.url, account: ACCOUNT, token: TOKEN, from: FROM });
  });

  afterEach(() => gateway.close());

  it('posts To, From and Body as a form with basic auth', async () => {
    await notifier.send({ to: '+15551234567', subject: 'ignored by SMS', text: 'Your Filora code is 123456' });
    const [request] = gateway.requests();
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe(MESSAGES_PATH);
    expect(request?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT}:${TOKEN}`).toString('base64')}`);
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({
      To: '+15551234567',
      From: FROM,
      Body: 'Your Filora code is 123456',
    });
    expect(gateway.messages()).toHaveLength(1);
  });

  it.each([401, 429, 500, 503])('names the status %i the gateway answered', async (status) => {
    gateway.failNext(status);
    await expect(notifier.send({ to: '+15551234567', subject: '', text: 'x' })).rejects.toThrow(new RegExp(`HTTP ${status}`));
  });

  it('names why the gateway could not be reached', async () => {
    const refused = new HttpSmsNotifier({
      url: `http://${await closedPort()}${MESSAGES_PATH}`,
      account: ACCOUNT,
      token: TOKEN,
      from: FROM,
    });
    await expect(refused.send({ to: '+15551234567', subject: '', text: 'x' })).rejects.toThrow(/ECONNREFUSED/);
  });

  it('gives up on a gateway that does not answer in time, saying so', async () => {
    const slow = new HttpSmsNotifier({ url: gateway.url, account: ACCOUNT, token: TOKEN, from: FROM, timeoutMs: 200 });
    gateway.delayNext(2_000);
    await expect(slow.send({ to: '+15551234567', subject: '', text: 'x' })).rejects.toThrow(/did not answer within 200 ms/);
  });

  it('reports a redirect instead of following it with the credentials', async () => {
    gateway.failNext(307);
    await expect(notifier.send({ to: '+15551234567', subject: '', text: 'x' })).rejects.toThrow(/HTTP 307/);
    expect(gateway.requests()).toHaveLength(1);
  });
});
