import type { OtpChannel } from '../../domain/user/userEvents';
import type { Notifier } from '../../ports/notifier';
import { HttpSmsNotifier } from './httpSmsNotifier';
import { SmtpNotifier } from './smtpNotifier';

export interface ClosableNotifier extends Notifier {
  close(): Promise<void>;
}

/** The configured notifiers by channel (a `Notifiers`), each able to let go of its connections at shutdown. */
export type ConfiguredNotifiers = Partial<Record<OtpChannel, ClosableNotifier>>;

/** The notifier entries of Config (src/config.ts validates them). */
export interface NotifierSettings {
  FILORA_SMTP_URL?: string;
  FILORA_MAIL_FROM: string;
  FILORA_SMS_URL?: string;
  FILORA_SMS_ACCOUNT?: string;
  FILORA_SMS_TOKEN?: string;
  FILORA_SMS_FROM?: string;
}

/** Email when FILORA_SMTP_URL is set, SMS when FILORA_SMS_URL is (loadConfig has checked the settings that go with it). */
export function notifiersFromConfig(config: NotifierSettings): ConfiguredNotifiers {
  const notifiers: ConfiguredNotifiers = {};
  if (config.FILORA_SMTP_URL) notifiers.email = new SmtpNotifier({ url: config.FILORA_SMTP_URL, from: config.FILORA_MAIL_FROM });
  const { FILORA_SMS_URL: url, FILORA_SMS_ACCOUNT: account, FILORA_SMS_TOKEN: token, FILORA_SMS_FROM: from } = config;
  if (url && account && token && from) notifiers.sms = new HttpSmsNotifier({ url, account, token, from });
  return notifiers;
}

export async function closeNotifiers(notifiers: ConfiguredNotifiers): Promise<void> {
  await Promise.all(Object.values(notifiers).map((notifier) => notifier.close()));
}
