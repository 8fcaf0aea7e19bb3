import { HttpSmsNotifier } from '../../../src/adapters/notifier/httpSmsNotifier';
import { closeNotifiers, notifiersFromConfig } from '../../../src/adapters/notifier/notifiersFromConfig';
import { SmtpNotifier } from '../../../src/adapters/notifier/smtpNotifier';
import { ConfigError, loadConfig } from '../../../src/config';

const SMS = {
  FILORA_SMS_URL: 'https://api.twilio.com/2010-04-01/Accounts/AC123/Messages.json',
  FILORA_SMS_ACCOUNT: 'AC123',
  FILORA_SMS_TOKEN: 'token-secret',
  FILORA_SMS_FROM: '+15005550006',
};

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('loadConfig accepted the configuration');
}

describe('notifier configuration', () => {
  it('configures no channel by default, and sends mail from Filora <no-reply@localhost>', () => {
    const config = loadConfig({});
    expect(config.FILORA_MAIL_FROM).toBe('Filora <no-reply@localhost>');
    expect(notifiersFromConfig(config)).toEqual({});
  });

  it.each(['smtp://mail.example.com:587', 'smtps://user:p%40ss@mail.example.com:465', 'smtp://127.0.0.1:2525'])(
    'takes the SMTP URL %s and builds the email notifier',
    async (url) => {
      const notifiers = notifiersFromConfig(loadConfig({ FILORA_SMTP_URL: url }));
      expect(notifiers.email).toBeInstanceOf(SmtpNotifier);
      expect(notifiers.sms).toBeUndefined();
      await closeNotifiers(notifiers);
    },
  );

  it.each(['http://mail.example.com', 'mail.example.com:25', 'smtp://', 'not a url'])(
    'refuses the SMTP URL %j, naming the variable',
    (url) => {
      expect(problemsOf({ FILORA_SMTP_URL: url })).toMatch(/FILORA_SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
    },
  );

  it('never repeats a refused SMTP URL, which may hold a password', () => {
    const problems = problemsOf({ FILORA_SMTP_URL: 'ftp://user:hunter2-secret@mail.example.com' });
    expect(problems).toContain('FILORA_SMTP_URL');
    expect(problems).not.toContain('hunter2-secret');
  });

  it.each(['codes@example.com', 'Filora Codes <codes@example.com>'])('takes the sender %j', (from) => {
    expect(loadConfig({ FILORA_MAIL_FROM: from }).FILORA_MAIL_FROM).toBe(from);
  });

  it.each(['', 'example.com', 'Filora <codes>', 'a@b c@d'])('refuses the sender %j', (from) => {
    expect(problemsOf({ FILORA_MAIL_FROM: from })).toContain('FILORA_MAIL_FROM');
  });

  it('builds the SMS notifier from the gateway URL, account, token and sender', async () => {
    const notifiers = notifiersFromConfig(loadConfig(SMS));
    expect(notifiers.sms).toBeInstanceOf(HttpSmsNotifier);
    expect(notifiers.email).toBeUndefined();
    await closeNotifiers(notifiers);
  });

  it.each(['FILORA_SMS_ACCOUNT', 'FILORA_SMS_TOKEN', 'FILORA_SMS_FROM'] as const)('requires %s with FILORA_SMS_URL', (missing) => {
    const env: Record<string, string> = { ...SMS };
    delete env[missing];
    expect(problemsOf(env)).toContain(`${missing}: required when FILORA_SMS_URL is set`);
  });

  it('requires FILORA_SMS_URL when another SMS setting is given', () => {
    expect(problemsOf({ FILORA_SMS_TOKEN: 'token-secret' })).toContain('FILORA_SMS_URL: required');
  });

  it.each(['ftp://gateway.example.com/messages', 'https://AC123:token@gateway.example.com/messages', 'gateway'])(
    'refuses the SMS URL %j',
    (url) => {
      const problems = problemsOf({ ...SMS, FILORA_SMS_URL: url });
      expect(problems).toContain('FILORA_SMS_URL: must be an http:// or https:// URL without credentials');
      expect(problems).not.toContain('token@');
    },
  );
});
