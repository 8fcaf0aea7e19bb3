import { ApiError } from './apiError';

/** A UTF-16 code unit of a surrogate pair standing alone: JSON's `\ud800` escapes can make one, UTF-8 cannot hold it. */
const LONE_SURROGATE = /\p{Cs}/u;

/** The path of the first string (or key) in a parsed JSON value that is not well-formed Unicode, or null. */
export function illFormedTextPath(value: unknown, root: string): string | null {
  // Iterative: a deeply nested body must not overflow the stack.
  const pending: Array<[unknown, string]> = [[value, root]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [current, path] = next;
    if (typeof current === 'string') {
      if (LONE_SURROGATE.test(current)) return path;
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, child] of Object.entries(current)) {
        if (LONE_SURROGATE.test(key)) return path;
        pending.push([child, `${path}.${key}`]);
      }
    }
  }
  return null;
}

/**
 * Refuses text that is not well-formed Unicode (I-JSON, RFC 7493): stored, a lone surrogate cannot be
 * written as UTF-8 or percent-encoded into a header, so a name holding one would break every later read.
 */
export function requireWellFormedText(value: unknown, root: string): void {
  const path = illFormedTextPath(value, root);
  if (path !== null)
    throw new ApiError('validation_error', 'the request holds text that is not well-formed Unicode', [
      { path, message: 'must not contain unpaired surrogates' },
    ]);
}

/** The text with each lone surrogate replaced by U+FFFD, as a UTF-8 encoder would write it. */
export const toWellFormed = (text: string) => text.replace(/\p{Cs}/gu, '\uFFFD');
