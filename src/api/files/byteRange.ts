/** What a Range header asks of content of a given size (RFC 9110 §14). */
export type RangeRequest = { kind: 'whole' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

const SPEC = /^(\d*)-(\d*)$/;

function toNumber(digits: string): number | null {
  if (digits === '') return null;
  const value = Number(digits);
  return Number.isSafeInteger(value) ? value : Number.MAX_SAFE_INTEGER;
}

/**
 * A single byte range is answered in part; several ranges, or a unit other than bytes, are ignored and
 * the whole content is sent (as RFC 9110 allows). A malformed bytes range, or one that starts past the
 * end, cannot be satisfied. `end` is inclusive and clipped to the content.
 */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (header === undefined) return { kind: 'whole' };
  const match = /^\s*([A-Za-z]+)\s*=(.*)$/.exec(header);
  if (!match) return { kind: 'unsatisfiable' };
  if (match[1]!.toLowerCase() !== 'bytes') return { kind: 'whole' };
  const specs = match[2]!
    .split(',')
    .map((spec) => spec.trim())
    .filter((spec) => spec !== '');
  if (specs.length > 1) return { kind: 'whole' };
  const parts = specs.length === 1 ? SPEC.exec(specs[0]!) : null;
  if (!parts || size === 0) return { kind: 'unsatisfiable' };
  const first = toNumber(parts[1]!);
  const last = toNumber(parts[2]!);
  if (first === null) {
    // `-n`: the last n bytes.
    if (last === null || last === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - last), end: size - 1 };
  }
  if (first >= size || (last !== null && last < first)) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start: first, end: last === null ? size - 1 : Math.min(last, size - 1) };
}
