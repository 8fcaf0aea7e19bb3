import { parsePayloadPath, readPayloadPath } from '../../../../src/domain/incoming/mapping/payloadPath';
import { parseTemplate } from '../../../../src/domain/incoming/mapping/template';

function path(text: string) {
  const parsed = parsePayloadPath(text);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.message}`);
  return parsed.value;
}

describe('payload paths', () => {
  it('reads keys, indexes and keys with spaces', () => {
    expect(path('contact.email').segments).toEqual(['contact', 'email']);
    expect(path('items[0].name').segments).toEqual(['items', 0, 'name']);
    expect(path('matrix[1][2]').segments).toEqual(['matrix', 1, 2]);
    expect(path('form.First Name').segments).toEqual(['form', 'First Name']);
    expect(path('$').segments).toEqual([]);
  });

  it.each([
    ['', 'empty'],
    ['a..b', 'a key is empty'],
    ['.a', 'a key is empty'],
    ['a.', "ends with '.'"],
    ['[0].a', 'a key is empty'],
    ['a.[0]', 'a key is empty'],
    ['a[x]', 'does not start with an index'],
    ['a[01]', 'does not start with an index'],
    ['a[-1]', 'does not start with an index'],
    ['a[0]b', "expected '.' or '[n]'"],
    ['a] b', "holds ']'"],
    [' a', 'whitespace'],
    ['a\u0000', 'control character'],
    ['a'.repeat(257), 'at most 256'],
    [Array.from({ length: 33 }, () => 'k').join('.'), 'at most 32 steps'],
    ['a[1000001]', 'larger than'],
  ])('refuses %j (%s)', (text, problem) => {
    const parsed = parsePayloadPath(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(problem);
  });

  it('answers the value at a path, or undefined where there is none', () => {
    const payload = { contact: { email: 'ann@example.com' }, items: [{ name: 'first' }, { name: 'second' }], zero: 0 };
    expect(readPayloadPath(payload, path('contact.email'))).toBe('ann@example.com');
    expect(readPayloadPath(payload, path('items[1].name'))).toBe('second');
    expect(readPayloadPath(payload, path('zero'))).toBe(0);
    expect(readPayloadPath(payload, path('$'))).toBe(payload);
    expect(readPayloadPath(payload, path('items[2].name'))).toBeUndefined();
    expect(readPayloadPath(payload, path('contact[0]'))).toBeUndefined();
    expect(readPayloadPath(payload, path('items.name'))).toBeUndefined();
    expect(readPayloadPath(payload, path('contact.email.domain'))).toBeUndefined();
  });

  it('reads only own keys: nothing from the prototype', () => {
    expect(readPayloadPath({}, path('constructor'))).toBeUndefined();
    expect(readPayloadPath({}, path('__proto__'))).toBeUndefined();
    expect(readPayloadPath({ a: 'x' }, path('a.length'))).toBeUndefined();
  });
});

describe('templates', () => {
  it('splits text and placeholders, spaces inside the braces allowed', () => {
    const parsed = parseTemplate('{{ company }} — {{date}}!');
    expect(parsed.ok && parsed.value.map((part) => (part.kind === 'text' ? part.text : `<${part.path.text}>`))).toEqual([
      '<company>',
      ' — ',
      '<date>',
      '!',
    ]);
  });

  it('refuses an unclosed placeholder and a bad path inside one', () => {
    expect(parseTemplate('{{company} x')).toEqual({ ok: false, message: "a '{{' is never closed with '}}'" });
    const bad = parseTemplate('{{a..b}}');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/^placeholder \{\{a\.\.b\}\}: .*a key is empty/);
    expect(parseTemplate('{{}}').ok).toBe(false);
    // `{{{{b}}}}` would otherwise read the payload key `{{b`.
    expect(parseTemplate('{{{{b}}}}')).toEqual({ ok: false, message: 'a placeholder may not contain braces: write {{path}}' });
    expect(parseTemplate('{{a}b}}').ok).toBe(false);
  });

  it('bounds placeholders and length', () => {
    expect(parseTemplate('{{a}}'.repeat(50)).ok).toBe(true);
    expect(parseTemplate('{{a}}'.repeat(51)).ok).toBe(false);
    expect(parseTemplate('x'.repeat(10_001)).ok).toBe(false);
  });
});
