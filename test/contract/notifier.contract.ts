import { randomInt } from 'node:crypto';
import type { AddressInfo, Server, Socket } from 'node:net';
import { createServer } from 'node:net';
import type { ClosableNotifier } from '../../src/adapters/notifier/notifiersFromConfig';
import type { OtpChannel } from '../../src/domain/user/userEvents';
import { NotificationFailed } from '../../src/ports/notifier';

/** What a message looked like where it arrived. */
export interface Delivered {
  to: string;
  text: string;
}

/** What a runner gives the suite: a notifier pointed at a local server, and ways to make that server misbehave. */
export interface NotifierHarness {
  channel: OtpChannel;
  /** A destination of the channel: an email address or a phone number. */
  destination: string;
  /** Sends to the local server with the right credentials. */
  notifier: ClosableNotifier;
  /** Sends to the local server with a password or token it refuses. */
  notifierWithWrongSecret: ClosableNotifier;
  /** Sends with the right credentials to another address (host:port), giving up after `timeoutMs`. */
  notifierAt(hostAndPort: string, timeoutMs: number): ClosableNotifier;
  /** Every password or token the harness's notifiers hold; none may appear in an error. */
  secrets: string[];
  /** The next message the local server accepted for `destination` with `text`. */
  delivered(destination: string, text: string): Promise<Delivered>;
  /** From now on the local server refuses messages (SMTP 550 / HTTP 500); `false` accepts again. */
  refuse(refusing: boolean): void;
  dispose(): Promise<void>;
}

/** Accepts connections and never says a word: neither an SMTP greeting nor an HTTP answer. */
async function silentServer(): Promise<{ hostAndPort: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    hostAndPort: `127.0.0.1:${port}`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port that was free a moment ago and has nothing listening on it now. */
export async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `127.0.0.1:${port}`;
}

/** Everything an error shows a log or a caller: message, stack, own properties, causes. */
function everythingIn(error: unknown): string {
  const seen = new Set<unknown>();
  const walk = (value: unknown): string => {
    if (!(value instanceof Error) || seen.has(value)) return String(value);
    seen.add(value);
    const props = Object.getOwnPropertyNames(value).map((name) => `${name}=${walk((value as unknown as Record<string, unknown>)[name])}`);
    return [value.message, value.stack ?? '', ...props, walk(value.cause)].join('\n');
  };
  return walk(error);
}

async function failureOf(sending: Promise<void>): Promise<NotificationFailed> {
  const error = await sending.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof NotificationFailed)) throw new Error(`expected a NotificationFailed, got ${String(error)}`);
  return error;
}

const SHORT_TIMEOUT_MS = 300;

export function describeNotifierContract(adapterName: string, createHarness: () => Promise<NotifierHarness>): void {
  describe(`Notifier contract: ${adapterName}`, () => {
    let harness: NotifierHarness;
    const text = () => `Your Filora code is ${String(randomInt(1_000_000)).padStart(6, '0')}. It expires in 10 minutes.`;
    const notification = (body: string, to = harness.destination) => ({ to, subject: 'Your Filora code', text: body });

    beforeEach(async () => {
      harness = await createHarness();
    });

    afterEach(async () => {
      await harness.dispose();
    });

    it('delivers a message with its destination and text', async () => {
      const body = text();
      await harness.notifier.send(notification(body));
      const delivered = await harness.delivered(harness.destination, body);
      expect(delivered.to).toBe(harness.destination);
      expect(delivered.text).toBe(body);
    });

    it('delivers messages one after the other, each to its own destination', async () => {
      const [first, second] = [text(), text()];
      await harness.notifier.send(notification(first));
      await harness.notifier.send(notification(second));
      await expect(harness.delivered(harness.destination, first)).resolves.toMatchObject({ text: first });
      await expect(harness.delivered(harness.destination, second)).resolves.toMatchObject({ text: second });
    });

    it('rejects with NotificationFailed naming the channel when the server refuses the message, and sends again once it accepts', async () => {
      harness.refuse(true);
      const failure = await failureOf(harness.notifier.send(notification(text())));
      expect(failure.channel).toBe(harness.channel);
      expect(failure.message).toContain(harness.channel);

      harness.refuse(false);
      const body = text();
      await harness.notifier.send(notification(body));
      await expect(harness.delivered(harness.destination, body)).resolves.toMatchObject({ text: body });
    });

    it('rejects with NotificationFailed when the server refuses the credentials', async () => {
      const failure = await failureOf(harness.notifierWithWrongSecret.send(notification(text())));
      expect(failure.channel).toBe(harness.channel);
      expect(failure.message).toContain(harness.channel);
    });

    it('rejects with NotificationFailed when nothing listens at the address', async () => {
      const notifier = harness.notifierAt(await closedPort(), SHORT_TIMEOUT_MS);
      const failure = await failureOf(notifier.send(notification(text())));
      expect(failure.channel).toBe(harness.channel);
    });

    it('rejects with NotificationFailed when the server never answers, once its timeout has passed', async () => {
      const silent = await silentServer();
      try {
        const notifier = harness.notifierAt(silent.hostAndPort, SHORT_TIMEOUT_MS);
        const failure = await failureOf(notifier.send(notification(text())));
        expect(failure.channel).toBe(harness.channel);
      } finally {
        await silent.close();
      }
    }, 5_000);

    it('never shows a password or token in a failure', async () => {
      harness.refuse(true);
      const refused = await failureOf(harness.notifier.send(notification(text())));
      harness.refuse(false);
      const failures = [
        refused,
        await failureOf(harness.notifierWithWrongSecret.send(notification(text()))),
        await failureOf(harness.notifierAt(await closedPort(), SHORT_TIMEOUT_MS).send(notification(text()))),
      ];
      for (const failure of failures) {
        const shown = everythingIn(failure);
        for (const secret of harness.secrets) {
          expect(shown).not.toContain(secret);
          expect(shown).not.toContain(encodeURIComponent(secret));
          expect(shown).not.toContain(Buffer.from(secret).toString('base64'));
        }
      }
    });
  });
}
