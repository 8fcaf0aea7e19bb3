/**
 * Dot paths into a sender's payload: `contact.email`, `items[0].name`, `matrix[1][2]`; `$` is the whole payload.
 * A key is any text without `.`, `[`, `]` or control characters, and no whitespace at either end.
 */

export type PathSegment = string | number;

export interface PayloadPath {
  /** As the owner wrote it, for messages. */
  text: string;
  segments: PathSegment[];
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export const WHOLE_PAYLOAD = '$';
const MAX_PATH_LENGTH = 256;
const MAX_SEGMENTS = 32;
const MAX_INDEX = 1_000_000;
// eslint-disable-next-line no-control-regex
const KEY = /^[^.[\]\u0000-\u001f\u007f]+$/;
const INDEX = /^\[(0|[1-9][0-9]*)\]/;

export function parsePayloadPath(text: string): Parsed<PayloadPath> {
  if (text === WHOLE_PAYLOAD) return { ok: true, value: { text, segments: [] } };
  if (text.length === 0) return { ok: false, message: 'must not be empty' };
  if (text.length > MAX_PATH_LENGTH) return { ok: false, message: `must be at most ${MAX_PATH_LENGTH} characters` };
  const segments: PathSegment[] = [];
  let rest = text;
  let expectKey = true;
  while (rest.length > 0) {
    const index = INDEX.exec(rest);
    if (index && !expectKey) {
      const value = Number(index[1]);
      if (value > MAX_INDEX) return { ok: false, message: `index ${index[1]} is larger than ${MAX_INDEX}` };
      segments.push(value);
      rest = rest.slice(index[0].length);
    } else if (expectKey) {
      const end = rest.search(/[.[]/);
      const key = end < 0 ? rest : rest.slice(0, end);
      const problem = keyProblem(key);
      if (problem) return { ok: false, message: `'${text}' is not a path: ${problem} (write keys with dots, indexes as [0])` };
      segments.push(key);
      rest = rest.slice(key.length);
    } else if (rest.startsWith('[')) {
      return { ok: false, message: `'${text}' is not a path: '${rest}' does not start with an index like [0]` };
    } else {
      return { ok: false, message: `'${text}' is not a path: expected '.' or '[n]' before '${rest}'` };
    }
    expectKey = false;
    if (rest.startsWith('.')) {
      rest = rest.slice(1);
      expectKey = true;
      if (rest.length === 0) return { ok: false, message: `'${text}' is not a path: it ends with '.'` };
    }
  }
  if (segments.length > MAX_SEGMENTS) return { ok: false, message: `must have at most ${MAX_SEGMENTS} steps` };
  return { ok: true, value: { text, segments } };
}

function keyProblem(key: string): string | null {
  if (key.length === 0) return 'a key is empty';
  if (!KEY.test(key)) return `the key '${key}' holds ']' or a control character`;
  if (key.trim() !== key) return `the key '${key}' starts or ends with whitespace`;
  return null;
}

/** The value at the path, or undefined when the payload has none there (only own keys of plain objects count). */
export function readPayloadPath(payload: unknown, path: PayloadPath): unknown {
  let current = payload;
  for (const segment of path.segments) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[segment];
    } else {
      if (!isJsonObject(current) || !Object.hasOwn(current, segment)) return undefined;
      current = current[segment];
    }
  }
  return current;
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `a list`, `an object`, `null`, `a number`: what a value is, for messages (never the value itself). */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (isJsonObject(value)) return 'an object';
  return `a ${typeof value}`;
}
