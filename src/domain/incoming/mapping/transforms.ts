import type { Parsed } from './payloadPath';

/** The named transforms a field spec may apply, in order, to text (and to each text of a list). */
export const TRANSFORM_NAMES = ['lower', 'upper', 'trim', 'slug', 'date:iso', 'base64:decode'] as const;
export type TransformName = (typeof TRANSFORM_NAMES)[number];

export function isTransformName(name: string): name is TransformName {
  return (TRANSFORM_NAMES as readonly string[]).includes(name);
}

type TextTransform = (text: string) => Parsed<string>;
const ok = (value: string): Parsed<string> => ({ ok: true, value });

export const TRANSFORMS: Record<TransformName, TextTransform> = {
  lower: (text) => ok(text.toLowerCase()),
  upper: (text) => ok(text.toUpperCase()),
  trim: (text) => ok(text.trim()),
  slug: (text) => ok(slug(text)),
  'date:iso': isoDate,
  'base64:decode': decodeBase64Text,
};

/** Lower-case letters and digits of any script, runs of anything else as one '-', accents dropped. */
function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{Mn}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

const NUMBER = /^-?\d+(\.\d+)?$/;
/** Numbers below this are Unix seconds, from it on milliseconds (1e11 s is the year 5138, 1e11 ms is 1973). */
const MILLISECONDS_FROM = 1e11;

/** A date as ISO 8601 UTC: from a date text Date.parse reads (ISO 8601, RFC 2822), or a Unix time in seconds or milliseconds. */
function isoDate(text: string): Parsed<string> {
  const trimmed = text.trim();
  let millis: number;
  if (NUMBER.test(trimmed)) {
    const number = Number(trimmed);
    millis = Math.abs(number) < MILLISECONDS_FROM ? number * 1000 : number;
  } else {
    millis = Date.parse(trimmed);
  }
  const date = new Date(millis);
  // Says what the value was, never the value: it may be a secret the call log masks.
  const kind = NUMBER.test(trimmed) ? 'a number' : 'a text';
  if (Number.isNaN(date.getTime())) return { ok: false, message: `date:iso: the value, ${kind}, is not a date or a Unix time` };
  return ok(date.toISOString());
}

const BASE64_TEXT = /^[A-Za-z0-9+/_-]*={0,2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Standard or URL-safe base64, padded or not, line breaks allowed; the bytes must be UTF-8 text. */
function decodeBase64Text(text: string): Parsed<string> {
  const compact = text.replace(/\s+/g, '');
  if (!BASE64_TEXT.test(compact) || compact.replace(/=+$/, '').length % 4 === 1) {
    return { ok: false, message: 'base64:decode: the value is not base64' };
  }
  try {
    // Node's base64 decoder reads the URL-safe alphabet too.
    return ok(utf8.decode(Buffer.from(compact, 'base64')));
  } catch {
    return {
      ok: false,
      message: 'base64:decode: the bytes are not UTF-8 text (map binary content to content with encoding base64 instead)',
    };
  }
}

const EXCERPT_LENGTH = 40;
export function excerpt(text: string): string {
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH)}…` : text;
}
