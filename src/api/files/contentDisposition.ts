import { toWellFormed } from '../http/wellFormedText';

/** Characters RFC 8187 allows unencoded in `filename*`; encodeURIComponent leaves ' ( ) * unencoded, which it does not. */
const encodeExtValue = (value: string) =>
  encodeURIComponent(toWellFormed(value)).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Content-Disposition per RFC 6266: `filename*` carries the exact name in UTF-8, and `filename` a
 * printable-ASCII fallback (quotes, backslashes and `%` replaced) for clients that do not read it. A name
 * stored before ill-formed text was refused gets U+FFFD for its lone surrogates rather than failing.
 */
export function contentDisposition(name: string, disposition: 'attachment' | 'inline'): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encodeExtValue(name)}`;
}
