import { TRANSFORMS } from '../../../../src/domain/incoming/mapping/transforms';

const value = (result: { ok: true; value: string } | { ok: false; message: string }) => (result.ok ? result.value : `! ${result.message}`);

describe('mapping transforms', () => {
  it('changes case and trims', () => {
    expect(value(TRANSFORMS.lower('MiXed Ä'))).toBe('mixed ä');
    expect(value(TRANSFORMS.upper('MiXed ä'))).toBe('MIXED Ä');
    expect(value(TRANSFORMS.trim('  both ends \n'))).toBe('both ends');
  });

  it('slugs: lower-case letters and digits of any script, accents dropped, runs of others one dash', () => {
    expect(value(TRANSFORMS.slug('  ACME Corp. — Crème Brûlée #2 '))).toBe('acme-corp-creme-brulee-2');
    expect(value(TRANSFORMS.slug('Привет, мир'))).toBe('привет-мир');
    expect(value(TRANSFORMS.slug('!!!'))).toBe('');
  });

  it('writes dates as ISO 8601 UTC, from date texts and Unix times in seconds or milliseconds', () => {
    expect(value(TRANSFORMS['date:iso']('2024-03-05'))).toBe('2024-03-05T00:00:00.000Z');
    expect(value(TRANSFORMS['date:iso']('2024-03-05T10:00:00+02:00'))).toBe('2024-03-05T08:00:00.000Z');
    expect(value(TRANSFORMS['date:iso']('Tue, 05 Mar 2024 08:00:00 GMT'))).toBe('2024-03-05T08:00:00.000Z');
    expect(value(TRANSFORMS['date:iso']('1709625600'))).toBe('2024-03-05T08:00:00.000Z');
    expect(value(TRANSFORMS['date:iso']('1709625600000'))).toBe('2024-03-05T08:00:00.000Z');
    // What the value was, never the value: it may be a secret the call log masks.
    expect(value(TRANSFORMS['date:iso']('next tuesday'))).toBe('! date:iso: the value, a text, is not a date or a Unix time');
    expect(value(TRANSFORMS['date:iso']('99999999999999999999'))).toBe('! date:iso: the value, a number, is not a date or a Unix time');
  });

  it('decodes base64 (standard or URL-safe, padded or not, with line breaks) to UTF-8 text', () => {
    const encoded = Buffer.from('Grüße ✓ ~~~?').toString('base64');
    expect(value(TRANSFORMS['base64:decode'](encoded))).toBe('Grüße ✓ ~~~?');
    expect(value(TRANSFORMS['base64:decode'](Buffer.from('Grüße ✓ ~~~?').toString('base64url')))).toBe('Grüße ✓ ~~~?');
    expect(value(TRANSFORMS['base64:decode'](`${encoded.slice(0, 8)}\n${encoded.slice(8)}`))).toBe('Grüße ✓ ~~~?');
    expect(value(TRANSFORMS['base64:decode']('not base64!'))).toBe('! base64:decode: the value is not base64');
    expect(value(TRANSFORMS['base64:decode']('abcde'))).toBe('! base64:decode: the value is not base64');
    expect(value(TRANSFORMS['base64:decode'](Buffer.from([0xff, 0xfe, 0x00]).toString('base64')))).toMatch(
      /not UTF-8 text.*encoding base64/,
    );
  });
});
