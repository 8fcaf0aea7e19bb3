import type { Parsed, PayloadPath } from './payloadPath';
import { parsePayloadPath } from './payloadPath';

/** `"{{company}} — {{date}}"`: text with `{{path}}` placeholders, each replaced by the payload's value there. */
export type TemplatePart = { kind: 'text'; text: string } | { kind: 'placeholder'; path: PayloadPath };

export const TEMPLATE_OPENER = '{{';
const TEMPLATE_CLOSER = '}}';
const MAX_TEMPLATE_LENGTH = 10_000;
const MAX_PLACEHOLDERS = 50;
/** A rendered template's most characters: placeholders repeating a large value must not multiply it. */
export const MAX_RENDERED_LENGTH = 1_048_576;

export function parseTemplate(template: string): Parsed<TemplatePart[]> {
  if (template.length > MAX_TEMPLATE_LENGTH) return { ok: false, message: `must be at most ${MAX_TEMPLATE_LENGTH} characters` };
  const parts: TemplatePart[] = [];
  let rest = template;
  while (rest.length > 0) {
    const open = rest.indexOf(TEMPLATE_OPENER);
    if (open < 0) {
      parts.push({ kind: 'text', text: rest });
      break;
    }
    if (open > 0) parts.push({ kind: 'text', text: rest.slice(0, open) });
    const close = rest.indexOf(TEMPLATE_CLOSER, open + TEMPLATE_OPENER.length);
    if (close < 0) return { ok: false, message: `a '${TEMPLATE_OPENER}' is never closed with '${TEMPLATE_CLOSER}'` };
    const inner = rest.slice(open + TEMPLATE_OPENER.length, close).trim();
    if (/[{}]/.test(inner)) return { ok: false, message: 'a placeholder may not contain braces: write {{path}}' };
    const path = parsePayloadPath(inner);
    if (!path.ok) return { ok: false, message: `placeholder {{${inner}}}: ${path.message}` };
    parts.push({ kind: 'placeholder', path: path.value });
    rest = rest.slice(close + TEMPLATE_CLOSER.length);
  }
  if (parts.filter((part) => part.kind === 'placeholder').length > MAX_PLACEHOLDERS) {
    return { ok: false, message: `must have at most ${MAX_PLACEHOLDERS} placeholders` };
  }
  return { ok: true, value: parts };
}
