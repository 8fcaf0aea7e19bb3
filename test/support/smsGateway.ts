import { randomBytes } from 'node:crypto';
import type { ReceivedRequest, ScriptedAnswer } from './webhookReceiver';
import { WebhookReceiver } from './webhookReceiver';

/** One message the gateway accepted (answered 201), in arrival order. */
export interface SmsMessage {
  /** The gateway's id, as answered. */
  sid: string;
  accountSid: string;
  to: string;
  from: string;
  body: string;
}

export interface SmsGatewayAccount {
  /** The account SID: the path's `{sid}` and the basic-auth user. */
  account: string;
  token: string;
}

const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/;

/**
 * A local HTTP receiver that behaves as a Twilio-style SMS gateway for one account:
 * `POST /2010-04-01/Accounts/{sid}/Messages.json`, form-encoded To, From, Body, HTTP basic auth
 * (account:token). Accepts with 201 `{sid, status: 'queued', ...}`; a wrong account or password gets
 * 401, a missing field 400, another path 404. `failWith` / `failNext` make it answer an error instead.
 */
export class SmsGateway {
  private readonly acceptedByRequest = new Map<number, SmsMessage>();
  private failure: number | null = null;

  private constructor(
    private readonly receiver: WebhookReceiver,
    private readonly account: SmsGatewayAccount,
  ) {}

  static async start(account: SmsGatewayAccount): Promise<SmsGateway> {
    const receiver = await WebhookReceiver.start();
    const gateway = new SmsGateway(receiver, account);
    receiver.respondWith((request) => gateway.answer(request));
    return gateway;
  }

  /** The account's messages endpoint, as FILORA_SMS_URL takes it. */
  get url(): string {
    return this.receiver.urlFor(`/2010-04-01/Accounts/${encodeURIComponent(this.account.account)}/Messages.json`);
  }

  /** Every request, accepted or not, oldest first. */
  requests(): ReceivedRequest[] {
    return this.receiver.requests();
  }

  /** The messages accepted so far, oldest first. */
  messages(): SmsMessage[] {
    return [...this.acceptedByRequest.values()];
  }

  /** From now on, answer every request with this status (null: behave again). */
  failWith(status: number | null): void {
    this.failure = status;
  }

  /** Answer the next request with this status, whatever it is. */
  failNext(status: number): void {
    this.receiver.queue([errorAnswer(status, 'failure scripted by the test')]);
  }

  /** Holds the next request `delayMs` before answering it 504 (a gateway too slow to wait for). */
  delayNext(delayMs: number): void {
    this.receiver.queue([{ ...errorAnswer(504, 'answered too late'), delayMs }]);
  }

  /** Resolves with the first accepted message that satisfies `predicate`; rejects after `timeoutMs`. */
  async waitForMessage(predicate: (message: SmsMessage) => boolean = () => true, timeoutMs?: number): Promise<SmsMessage> {
    const matches = (request: ReceivedRequest) => {
      const message = this.acceptedByRequest.get(request.index);
      return message !== undefined && predicate(message);
    };
    const request = await this.receiver.waitForRequest(matches, timeoutMs);
    return this.acceptedByRequest.get(request.index) as SmsMessage;
  }

  close(): Promise<void> {
    return this.receiver.close();
  }

  private answer(request: ReceivedRequest): ScriptedAnswer {
    if (this.failure !== null) return errorAnswer(this.failure, 'failure scripted by the test');
    const accountSid = MESSAGES_PATH.exec(request.path)?.[1];
    if (accountSid === undefined) return errorAnswer(404, 'The requested resource was not found');
    if (request.method !== 'POST') return errorAnswer(405, 'Method not allowed');
    if (!this.authorized(request, decodeURIComponent(accountSid))) return errorAnswer(401, 'Authenticate');
    const form = new URLSearchParams(request.body);
    const [to, from, body] = [form.get('To'), form.get('From'), form.get('Body')];
    if (!to || !from || !body) return errorAnswer(400, 'A To, From and Body are required');
    const message: SmsMessage = { sid: `SM${randomBytes(16).toString('hex')}`, accountSid, to, from, body };
    this.acceptedByRequest.set(request.index, message);
    return json(201, { sid: message.sid, account_sid: accountSid, to, from, body, status: 'queued' });
  }

  private authorized(request: ReceivedRequest, accountSid: string): boolean {
    const expected = `Basic ${Buffer.from(`${this.account.account}:${this.account.token}`).toString('base64')}`;
    return accountSid === this.account.account && request.headers.authorization === expected;
  }
}

function errorAnswer(status: number, message: string): ScriptedAnswer {
  return json(status, { code: status, message, status });
}

function json(status: number, body: unknown): ScriptedAnswer {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
