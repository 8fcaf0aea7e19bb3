const REDACTED = '[redacted]';

/** An Error or anything shaped like one: errors from fetch and timers may come from another realm (Jest's vm), where instanceof fails. */
export interface ErrorLike {
  name: string;
  message: string;
  code?: unknown;
  cause?: unknown;
}

export function isErrorLike(value: unknown): value is ErrorLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorLike).message === 'string' &&
    typeof (value as ErrorLike).name === 'string'
  );
}

/**
 * Why a send failed, in words safe for logs and answers: the cause's code and message with every secret
 * taken out, whether it appears as given, percent-encoded (as in a URL) or base64-encoded.
 */
export function failureReason(cause: unknown, secrets: readonly string[]): string {
  if (!isErrorLike(cause)) return redact(String(cause), secrets);
  const code = typeof cause.code === 'string' && !cause.message.includes(cause.code) ? `${cause.code}: ` : '';
  return redact(`${code}${cause.message}`, secrets);
}

function redact(text: string, secrets: readonly string[]): string {
  const forms = secrets
    .filter((secret) => secret.length > 0)
    .flatMap((secret) => [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')])
    .sort((a, b) => b.length - a.length);
  return forms.reduce((redacted, form) => redacted.split(form).join(REDACTED), text);
}
