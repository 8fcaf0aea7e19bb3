import { MASK, PAYLOAD_EXCERPT_BYTES, payloadExcerpt } from '../../../../src/domain/incoming/payloadExcerpt';

/** Bodies that are not JSON (form-ish text, or JSON cut short by the size limit): masked where a secret-looking key leads. */
const excerptOf = (text: string) => payloadExcerpt(Buffer.from(text));

describe('payloadExcerpt of text that is not JSON', () => {
  it('masks the rest of a header-like line after an unquoted secret-looking key', () => {
    const excerpt = excerptOf('user: ada\npassword: hunter6\nAuthorization: Bearer hunter7\r\nnote: hi');
    expect(excerpt).toBe(`user: ada\npassword: ${MASK}\nAuthorization: ${MASK}\r\nnote: hi`);
  });

  it('masks a list or an object at a quoted secret-looking key, to its matching close', () => {
    const excerpt = excerptOf('{"a":1, "password": ["hunter3", "x]"], "token": {"v":"hunter4", "w":[1,{"z":2}]}, "name": "Ada"');
    expect(excerpt).toBe(`{"a":1, "password": "${MASK}", "token": "${MASK}", "name": "Ada"`);
  });

  it('masks a list or an object cut short to the end of the excerpt', () => {
    expect(excerptOf('{"name":"Ada","secret":{"v":"hunter5", "more": [1, 2')).toBe(`{"name":"Ada","secret":"${MASK}"`);
    expect(excerptOf('{"name":"Ada","api_key":["hunter8"')).toBe(`{"name":"Ada","api_key":"${MASK}"`);
  });

  it('masks a bare value after a quoted key up to the end of the value, spaces included', () => {
    expect(excerptOf('{"Authorization": Bearer hunter9, "b": 2')).toBe(`{"Authorization": "${MASK}", "b": 2`);
  });

  it('still masks form fields and leaves other text readable', () => {
    expect(excerptOf('name=Ada&password=hunter2&note=a: b')).toBe(`name=Ada&password=${MASK}&note=a: b`);
    expect(excerptOf('time: 10:30\nurl: https://example.com/x')).toBe('time: 10:30\nurl: https://example.com/x');
  });

  it('masks a secret whose value starts just before the 4 kB cut and runs past it', () => {
    const filler = 'x'.repeat(PAYLOAD_EXCERPT_BYTES - 25);
    const excerpt = excerptOf(`{"note":"${filler}","password":"${'h'.repeat(100)}hunter10"`);
    expect(excerpt).toBe(`{"note":"${filler}","password":"${MASK}"`.slice(0, PAYLOAD_EXCERPT_BYTES));
    expect(excerpt).not.toContain('hh');
  });
});
