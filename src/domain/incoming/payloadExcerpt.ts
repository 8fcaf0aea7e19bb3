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

/**
 * Where a value starts in text that is not JSON (or cut short): `"key": …` (group 1), a header-like
 * `key: …` (group 2) or a form field `key=…` (group 3). Quoted keys are at most 256 characters, so a
 * run of escaped quotes is not searched from each of them to its end.
 */
const KEY_BEFORE_VALUE = /"((?:[^"\\]|\\.){0,256})"\s*:\s*|(?<![\w.-])([A-Za-z_][\w.-]*)[ \t]*:[ \t]*|(?<![\w.-])([\w.-]+)=/g;

/**
 * Masks the values at secret-looking keys: after a quoted key the whole JSON value (a text, a list or an
 * object up to its matching close, else up to the next `,`, `}`, `]` or line end), or to the end of the
 * text where it was cut short; after an unquoted `key:` the rest of the line (`Authorization: Bearer …`);
 * after `key=` the form field.
 */
function maskedText(text: string): string {
  let masked = '';
  let copied = 0;
  KEY_BEFORE_VALUE.lastIndex = 0;
  for (let match = KEY_BEFORE_VALUE.exec(text); match !== null; match = KEY_BEFORE_VALUE.exec(text)) {
    const [prefix, quotedKey, headerKey, formKey] = match;
    if (!isSecretLookingKey(quotedKey ?? headerKey ?? formKey ?? '')) continue;
    const valueStart = match.index + prefix.length;
    const valueEnd =
      quotedKey !== undefined
        ? jsonValueEnd(text, valueStart)
        : headerKey !== undefined
          ? lineEnd(text, valueStart)
          : formFieldEnd(text, valueStart);
    masked += text.slice(copied, valueStart) + (quotedKey !== undefined ? `"${MASK}"` : MASK);
    copied = valueEnd;
    KEY_BEFORE_VALUE.lastIndex = Math.max(valueEnd, valueStart + 1);
  }
  return masked + text.slice(copied);
}

const endOf = (text: string, from: number, stop: RegExp): number => {
  stop.lastIndex = from;
  return stop.exec(text)?.index ?? text.length;
};
const lineEnd = (text: string, from: number) => endOf(text, from, /[\r\n]/g);
const formFieldEnd = (text: string, from: number) => endOf(text, from, /[&;\s]/g);

/** Where the JSON value starting at `from` ends: after its closing quote or bracket, or the end of the text it was cut from. */
function jsonValueEnd(text: string, from: number): number {
  const first = text[from];
  if (first !== '"' && first !== '[' && first !== '{') return endOf(text, from, /[,}\]\r\n]/g);
  let depth = 0;
  let inText = false;
  for (let at = from; at < text.length; at++) {
    const char = text[at];
    if (inText) {
      if (char === '\\') at++;
      else if (char === '"') {
        inText = false;
        if (depth === 0) return at + 1;
      }
    } else if (char === '"') inText = true;
    else if (char === '[' || char === '{') depth++;
    else if ((char === ']' || char === '}') && --depth === 0) return at + 1;
  }
  return text.length;
}

/**
 * As many characters as the excerpt can keep (each is at least a byte), never half a surrogate pair: text is
 * masked only that far, and a value that starts there and runs past it is masked whole, as if cut short.
 */
function leadingCharacters(text: string): string {
  const end = /[\uD800-\uDBFF]/.test(text.charAt(PAYLOAD_EXCERPT_BYTES - 1)) ? PAYLOAD_EXCERPT_BYTES - 1 : PAYLOAD_EXCERPT_BYTES;
  return text.slice(0, end);
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
  const safe = json.ok && !nestsDeeperThan(json.value) ? JSON.stringify(masked(json.value)) : maskedText(leadingCharacters(text));
  return cutToBytes(safe, PAYLOAD_EXCERPT_BYTES);
}
