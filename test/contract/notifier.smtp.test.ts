import { SmtpNotifier } from '../../src/adapters/notifier/smtpNotifier';
import { LocalSmtpServer } from '../support/localSmtpServer';
import { describeNotifierContract } from './notifier.contract';

const USER = 'filora';
/** Characters a URL must percent-encode, so that both of the password's forms are looked for in failures. */
const PASSWORD = 'pw:S3cr3t/sm@tp%';
const WRONG_PASSWORD = 'pw:Wr0ng/sm@tp%';
const FROM = 'Filora <codes@filora.test>';

describeNotifierContract('smtp', async () => {
  const server = await LocalSmtpServer.start({ credentials: { user: USER, pass: PASSWORD } });
  const made: SmtpNotifier[] = [];
  const notifier = (url: string, timeoutMs?: number) => {
    const built = new SmtpNotifier({ url, from: FROM, timeoutMs });
    made.push(built);
    return built;
  };
  return {
    channel: 'email',
    destination: 'alice@example.test',
    notifier: notifier(server.urlWith(USER, PASSWORD)),
    notifierWithWrongSecret: notifier(server.urlWith(USER, WRONG_PASSWORD)),
    notifierAt: (hostAndPort, timeoutMs) => notifier(`smtp://${USER}:${encodeURIComponent(PASSWORD)}@${hostAndPort}`, timeoutMs),
    secrets: [PASSWORD, WRONG_PASSWORD],
    delivered: async (destination, text) => {
      const mail = await server.waitForMessage((received) => received.to.includes(destination) && received.text.trimEnd() === text);
      return { to: mail.to.join(', '), text: mail.text.trimEnd() };
    },
    refuse: (refusing) => server.refuseRecipients(refusing ? { code: 550, message: 'Mailbox unavailable' } : null),
    dispose: async () => {
      await Promise.all(made.map((built) => built.close()));
      await server.close();
    },
  };
});

describe('SmtpNotifier against a local SMTP server', () => {
  let server: LocalSmtpServer;
  let notifier: SmtpNotifier;

  beforeEach(async () => {
    server = await LocalSmtpServer.start({ credentials: { user: USER, pass: PASSWORD } });
    notifier = new SmtpNotifier({ url: server.urlWith(USER, PASSWORD), from: FROM });
  });

  afterEach(async () => {
    await notifier.close();
    await server.close();
  });

  it("logs in with the URL's credentials and sends from the configured address, with the subject", async () => {
    await notifier.send({ to: 'bob@example.test', subject: 'Votre code Filora ✓', text: 'Code : 123456 — valable 10 minutes.' });
    const mail = await server.waitForMessage();
    expect(mail.user).toBe(USER);
    expect(mail.from).toBe('codes@filora.test');
    expect(mail.headers.from).toBe('Filora <codes@filora.test>');
    expect(mail.subject).toBe('Votre code Filora ✓');
    expect(mail.text.trimEnd()).toBe('Code : 123456 — valable 10 minutes.');
  });

  it("names the refused recipient's reply in the failure", async () => {
    server.refuseRecipients({ code: 550, message: 'No such mailbox' });
    await expect(notifier.send({ to: 'nobody@example.test', subject: 's', text: 't' })).rejects.toThrow(/550/);
  });
});
