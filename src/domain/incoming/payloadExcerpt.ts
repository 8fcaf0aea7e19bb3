import { nestsDeeperThan } from './mapping/payloadDepth';

/** How much of a call's payload the log keeps. */
export const PAYLOAD_EXCERPT_BYTES = 4096;

export const MASK = '***';

/** Secret-looking when the key, lower-cased without separators, contains one of these. */
const SECRET_KEY_PARTS = [
  'password',
  'passwd',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'accesskey',
  'authorization',
  'signature',
  'privatekey',
  'credential',
  'cookie',
  'cardnumber',
  'creditcard',
  'iban',
];
/** Short ones only as a whole word of the key (`ssn`, `user_pin`), so `className` or `spinner` stay readable. */
const SECRET_KEY_WORDS = new Set(['ssn', 'cvv', 'cvc', 'pin', 'pwd']);

const wordsOf = (key: string): string[] =>
  key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);

export function isSecretLookingKey(key: string): boolean {
  const words = wordsOf(key);
  const joined = words.join('');
  return SECRET_KEY_PARTS.some((part) => joined.includes(part)) || words.some((word) => SECRET_KEY_WORDS.has(word));
}

function masked(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(masked);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, isSecretLookingKey(key) ? MASK : masked(inner)]));
}

/** `"key": "value"` / `"key": 123` pairs and `key=value` form fields, in text that is not JSON (or cut short). */
const QUOTED_PAIR = /("((?:[^"\\]|\\.)*)"\s*:\s*)("(?:[^"\\]|\\.)*"?|[^\s,{}[\]]+)/g;
const FORM_PAIR = /(^|[&;\s])([\w.-]+)(=)([^&;\s]*)/g;

function maskedText(text: string): string {
  return text
    .replace(QUOTED_PAIR, (pair: string, prefix: string, key: string) => (isSecretLookingKey(key) ? `${prefix}"${MASK}"` : pair))
    .replace(FORM_PAIR, (pair: string, before: string, key: string, equals: string) =>
      isSecretLookingKey(key) ? `${before}${key}${equals}${MASK}` : pair,
    );
}

/** The longest start of `text` that fits in `maxBytes` of UTF-8, never splitting a character. */
function cutToBytes(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  let end = maxBytes;
  // Back up over continuation bytes (10xxxxxx) to the start of the character that would be split.
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}

function parsedJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * What the call log keeps of a payload: its first 4 kB with the values at secret-looking keys (password,
 * token, api_key, authorization, card_number, ssn, …, at any depth) replaced by "***". JSON is masked
 * before it is cut, so a secret cannot show through a cut; other text (or JSON cut short by the size
 * limit, or nested deeper than a payload may be) is masked where it looks like `"key": value` or `key=value`.
 */
export function payloadExcerpt(body: Buffer): string {
  const text = body.toString('utf8');
  const json = parsedJson(text);
  // JSON nested too deep to walk (refused as a payload anyway) is masked as text.
  const safe = json.ok && !nestsDeeperThan(json.value) ? JSON.stringify(masked(json.value)) : maskedText(text);
  return cutToBytes(safe, PAYLOAD_EXCERPT_BYTES);
}
