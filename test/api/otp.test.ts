import { Authenticator } from '../support/authenticator';
import { call, registerAndLogin } from '../support/http';
import { LocalSmtpServer } from '../support/localSmtpServer';
import { SmsGateway } from '../support/smsGateway';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

/** One-time codes over HTTP: a real SMTP server and a Twilio-style gateway receive them, POST /auth/verify checks them. */
const SMS_ACCOUNT = { account: 'AC0123456789abcdef', token: 'gateway-token-not-for-errors' };
const SMS_FROM = '+15005550006';
const PHONE = '+14155550123';

let platform: TestPlatform;
let smtp: LocalSmtpServer;
let sms: SmsGateway;

beforeAll(async () => {
  [smtp, sms] = await Promise.all([LocalSmtpServer.start(), SmsGateway.start(SMS_ACCOUNT)]);
  platform = await startTestPlatform({
    FILORA_SMTP_URL: smtp.url,
    FILORA_MAIL_FROM: 'Filora <codes@filora.test>',
    FILORA_SMS_URL: sms.url,
    FILORA_SMS_ACCOUNT: SMS_ACCOUNT.account,
    FILORA_SMS_TOKEN: SMS_ACCOUNT.token,
    FILORA_SMS_FROM: SMS_FROM,
  });
});
afterAll(async () => {
  await platform.close();
  await Promise.all([smtp.close(), sms.close()]);
});

const codeIn = (text: string): string => /Your Filora code is (\d{6})\. It expires in 10 minutes\./.exec(text)![1]!;

const sendCode = (token: string, body: Record<string, unknown>) => call(platform.url, 'POST', '/api/v1/otp/send', { token, body });
const verify = (token: string, body: Record<string, unknown>) => call(platform.url, 'POST', '/api/v1/auth/verify', { token, body });

async function userEvents(userId: string) {
  return (await platform.platform.eventStore.readStream(`user-${userId}`)).map(({ type, data }) => ({ type, data }));
}

describe('POST /otp/send by email', () => {
  it('delivers a code to the local SMTP server that verifies once through /auth/verify', async () => {
    const { id, token, user } = await registerAndLogin(platform.url);
    const sent = await sendCode(token, { user_id: id, method: 'email' });
    expect(sent.status).toBe(202);
    expect(sent.body).toEqual({
      otp_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      method: 'email',
      destination: `${user.email[0]}***@example.com`,
      expires_at: expect.any(String),
    });
    const expiresIn = new Date(sent.body.expires_at as string).getTime() - Date.now();
    expect(expiresIn).toBeGreaterThan(9 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(10 * 60_000);

    const mail = await smtp.waitForMessage((message) => message.to.includes(user.email));
    expect(mail.from).toBe('codes@filora.test');
    expect(mail.subject).toBe('Your Filora code');
    const code = codeIn(mail.text);

    const verified = await verify(token, { user_id: id, method: 'email', code });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ verified: true, user_id: id });
    expect((await userEvents(id)).filter((event) => event.type === 'UserAuthenticated').at(-1)).toMatchObject({
      data: { method: 'email', otpId: sent.body.otp_id, sessionId: null },
    });

    const again = await verify(token, { method: 'email', code });
    expect(again.status).toBe(401);
    expect(again.body).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('answers a wrong code with 401 and records MfaFailed (user.mfa_failed)', async () => {
    const { id, token, user } = await registerAndLogin(platform.url);
    expect((await sendCode(token, { method: 'email' })).status).toBe(202);
    const code = codeIn((await smtp.waitForMessage((message) => message.to.includes(user.email))).text);
    const wrong = code === '000000' ? '000001' : '000000';

    const refused = await verify(token, { method: 'email', code: wrong });
    expect(refused.status).toBe(401);
    expect((await userEvents(id)).at(-1)).toMatchObject({ type: 'MfaFailed', data: { userId: id, method: 'email', reason: 'wrong_code' } });
    // The right code still works: a wrong guess spends nothing.
    expect((await verify(token, { method: 'email', code })).status).toBe(200);
  });

  it('locks code checks for 5 minutes after 5 wrong codes: 429 with Retry-After, even for the right code', async () => {
    const { token, user } = await registerAndLogin(platform.url);
    await sendCode(token, { method: 'email' });
    const code = codeIn((await smtp.waitForMessage((message) => message.to.includes(user.email))).text);
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++) expect((await verify(token, { method: 'email', code: wrong })).status).toBe(401);
    const locked = await verify(token, { method: 'email', code });
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ error: { code: 'rate_limited' } });
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(4 * 60);
    expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(5 * 60);
  });

  it('never stores the code or the address in clear', async () => {
    const { id, token, user } = await registerAndLogin(platform.url);
    await sendCode(token, { method: 'email' });
    const code = codeIn((await smtp.waitForMessage((message) => message.to.includes(user.email))).text);
    const sent = JSON.stringify((await userEvents(id)).filter((event) => event.type === 'OtpCodeSent'));
    expect(sent).not.toContain(code);
    expect(sent).not.toContain(user.email);
  });
});

describe('POST /otp/send by SMS', () => {
  it('posts the code to the gateway with basic auth, and it verifies', async () => {
    const { id, token } = await registerAndLogin(platform.url);
    const sent = await sendCode(token, { user_id: id, method: 'sms', phone: PHONE });
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({ method: 'sms', destination: '+1********23' });

    const message = await sms.waitForMessage((candidate) => candidate.to === PHONE);
    expect(message).toMatchObject({ from: SMS_FROM, accountSid: SMS_ACCOUNT.account });
    // The gateway accepts only the account's basic auth: the message arriving proves the credentials were sent.
    const code = codeIn(message.body);
    expect((await verify(token, { method: 'email', code })).status).toBe(401);
    expect((await verify(token, { method: 'sms', code })).status).toBe(200);
    expect((await verify(token, { method: 'sms', code })).status).toBe(401);
  });

  it('answers 503 when the gateway refuses, and leaves no code', async () => {
    const { id, token } = await registerAndLogin(platform.url);
    sms.failWith(500);
    try {
      const refused = await sendCode(token, { method: 'sms', phone: '+14155550999' });
      expect(refused.status).toBe(503);
      expect(refused.body).toMatchObject({ error: { code: 'service_unavailable' } });
      expect(JSON.stringify(refused.body)).not.toContain(SMS_ACCOUNT.token);
    } finally {
      sms.failWith(null);
    }
    expect((await userEvents(id)).map((event) => event.type)).not.toContain('OtpCodeSent');
  });

  it('asks for a phone number in E.164 form, and only for SMS', async () => {
    const { token } = await registerAndLogin(platform.url);
    for (const body of [
      { method: 'sms' },
      { method: 'sms', phone: '4155550123' },
      { method: 'sms', phone: '+0155550123' },
      { method: 'email', phone: PHONE },
      { method: 'fax' },
    ]) {
      const refused = await sendCode(token, body);
      expect({ body, status: refused.status }).toEqual({ body, status: 400 });
      expect(refused.body).toMatchObject({ error: { code: 'validation_error' } });
    }
  });
});

describe('one-time codes and the TOTP lockout', () => {
  it('keeps TOTP locked when wrong TOTP codes alternate with codes texted to a number the caller picks', async () => {
    const { token } = await registerAndLogin(platform.url);
    const started = await call(platform.url, 'POST', '/api/v1/auth/mfa/totp', { token });
    const app = new Authenticator(started.body.secret as string);
    const confirmed = await call(platform.url, 'POST', '/api/v1/auth/mfa/totp/confirm', { token, body: { code: await app.nextCode() } });
    expect(confirmed.status).toBe(200);

    const attackerPhone = '+14155550400';
    const seen = new Set<string>();
    const wrongTotp = async () => expect((await verify(token, { method: 'totp', code: '000000' })).status).toBe(401);
    const selfTexted = async () => {
      const sent = await sendCode(token, { method: 'sms', phone: attackerPhone });
      expect(sent.status).toBe(202);
      const message = await sms.waitForMessage((candidate) => candidate.to === attackerPhone && !seen.has(candidate.sid));
      seen.add(message.sid);
      expect((await verify(token, { method: 'sms', code: codeIn(message.body) })).status).toBe(200);
    };
    for (const step of [wrongTotp, wrongTotp, selfTexted, wrongTotp, wrongTotp, selfTexted, wrongTotp]) await step();

    const locked = await verify(token, { method: 'totp', code: await app.nextCode() });
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ error: { code: 'rate_limited' } });
  });
});

describe('POST /otp/send limits and ownership', () => {
  it("answers 404 for another user's id", async () => {
    const [ann, bob] = await Promise.all([registerAndLogin(platform.url), registerAndLogin(platform.url)]);
    const refused = await sendCode(ann.token, { user_id: bob.id, method: 'email' });
    expect(refused.status).toBe(404);
    expect((await userEvents(bob.id)).map((event) => event.type)).not.toContain('OtpCodeSent');
  });

  it('sends one user 5 codes per 15 minutes, then 429 with Retry-After', async () => {
    const { token } = await registerAndLogin(platform.url);
    const phones = ['+14155550101', '+14155550102', '+14155550103', '+14155550104', '+14155550105', '+14155550106'];
    for (const phone of phones.slice(0, 5)) expect((await sendCode(token, { method: 'sms', phone })).status).toBe(202);
    const refused = await sendCode(token, { method: 'sms', phone: phones[5] });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: { code: 'rate_limited', message: expect.stringMatching(/15 minutes/) } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60);
  });

  it('delivers at most 5 of 20 codes asked for at once, each one answered 202 and the rest 429', async () => {
    const { token } = await registerAndLogin(platform.url);
    const phones = Array.from({ length: 20 }, (_, i) => `+1415555030${String(i).padStart(2, '0')}`);
    const answers = await Promise.all(phones.map((phone) => sendCode(token, { method: 'sms', phone })));
    const accepted = answers.filter((answer) => answer.status === 202);
    expect(answers.filter((answer) => answer.status !== 202).map((answer) => answer.status)).toEqual(
      Array.from({ length: 20 - accepted.length }, () => 429),
    );
    // A send answers only once the gateway answered it: every message is in by now.
    const delivered = sms.messages().filter((message) => phones.includes(message.to));
    expect(delivered.length).toBeLessThanOrEqual(5);
    expect(accepted.length).toBe(delivered.length);
    expect(accepted.length).toBeGreaterThan(0);
  });

  it('sends one phone number 5 codes per hour, however many accounts ask', async () => {
    const phone = '+14155550200';
    const [ann, bob] = await Promise.all([registerAndLogin(platform.url), registerAndLogin(platform.url)]);
    for (const caller of [ann, ann, ann, bob, bob]) expect((await sendCode(caller.token, { method: 'sms', phone })).status).toBe(202);
    const refused = await sendCode(bob.token, { method: 'sms', phone });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: { message: expect.stringMatching(/one destination/) } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Bob may still have a code sent elsewhere: his own limit is not used up.
    expect((await sendCode(bob.token, { method: 'sms', phone: '+14155550201' })).status).toBe(202);
  });
});

describe('POST /otp/send on a server without notifiers', () => {
  let bare: TestPlatform;
  beforeAll(async () => {
    bare = await startTestPlatform();
  });
  afterAll(async () => {
    await bare.close();
  });

  it('answers 400 naming the settings to configure', async () => {
    const { token } = await registerAndLogin(bare.url);
    const email = await call(bare.url, 'POST', '/api/v1/otp/send', { token, body: { method: 'email' } });
    expect(email.status).toBe(400);
    expect(email.body).toMatchObject({
      error: { code: 'validation_error', message: expect.stringContaining('FILORA_SMTP_URL'), details: [{ path: 'method' }] },
    });
    const text = await call(bare.url, 'POST', '/api/v1/otp/send', { token, body: { method: 'sms', phone: PHONE } });
    expect(text.status).toBe(400);
    expect(text.body).toMatchObject({ error: { message: expect.stringContaining('FILORA_SMS_URL') } });
  });
});
