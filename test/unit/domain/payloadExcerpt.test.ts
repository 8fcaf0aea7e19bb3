import { isSecretLookingKey, MASK, PAYLOAD_EXCERPT_BYTES, payloadExcerpt } from '../../../src/domain/incoming/payloadExcerpt';

const excerptOf = (value: unknown) => payloadExcerpt(Buffer.from(JSON.stringify(value)));

describe('payload excerpt', () => {
  it('keeps a small JSON payload as it is', () => {
    const payload = { contact: { name: 'Ada', email: 'ada@example.com' }, items: [{ name: 'a' }], count: 2 };
    expect(JSON.parse(excerptOf(payload))).toEqual(payload);
  });

  it('masks values at secret-looking keys, case-insensitively, at any depth and in arrays', () => {
    const payload = {
      Password: 'hunter2',
      user: { api_key: 'k-1', apiKey: 'k-2', 'X-Auth-Token': 't', profile: { ssn: '123-45-6789', card_number: '4111111111111111' } },
      headers: [{ Authorization: 'Bearer abc' }, { signature: 'sig' }],
      client_secret: { nested: 'whole object' },
      credentials: ['a', 'b'],
      cvv: 123,
      private_key: null,
    };
    expect(JSON.parse(excerptOf(payload))).toEqual({
      Password: MASK,
      user: { api_key: MASK, apiKey: MASK, 'X-Auth-Token': MASK, profile: { ssn: MASK, card_number: MASK } },
      headers: [{ Authorization: MASK }, { signature: MASK }],
      client_secret: MASK,
      credentials: MASK,
      cvv: MASK,
      private_key: MASK,
    });
  });

  it('leaves keys that only contain a short secret word inside another word readable', () => {
    expect(isSecretLookingKey('className')).toBe(false);
    expect(isSecretLookingKey('spinner')).toBe(false);
    expect(isSecretLookingKey('author')).toBe(false);
    expect(isSecretLookingKey('user_pin')).toBe(true);
    expect(isSecretLookingKey('SSN')).toBe(true);
  });

  it('keeps the first 4 kB, masked before the cut so a secret past a cut cannot show', () => {
    const payload = { text: 'x'.repeat(PAYLOAD_EXCERPT_BYTES - 20), token: 'a'.repeat(100) };
    const excerpt = excerptOf(payload);
    expect(Buffer.byteLength(excerpt)).toBe(PAYLOAD_EXCERPT_BYTES);
    expect(excerpt).not.toContain('aaaa');
  });

  it('never splits a multi-byte character at the cut', () => {
    const excerpt = payloadExcerpt(Buffer.from('€'.repeat(PAYLOAD_EXCERPT_BYTES)));
    expect(Buffer.byteLength(excerpt)).toBeLessThanOrEqual(PAYLOAD_EXCERPT_BYTES);
    expect(excerpt).toBe('€'.repeat(Math.floor(PAYLOAD_EXCERPT_BYTES / 3)));
  });

  it('cuts a body that is not JSON as text, masking what looks like a secret field', () => {
    const excerpt = payloadExcerpt(Buffer.from('name=Ada&password=hunter2&note=hi'));
    expect(excerpt).toBe(`name=Ada&password=${MASK}&note=hi`);
    expect(payloadExcerpt(Buffer.from('z'.repeat(10_000)))).toBe('z'.repeat(PAYLOAD_EXCERPT_BYTES));
  });

  it('masks secrets in JSON cut short (a body over the size limit is only read in part)', () => {
    const cut = '{"name":"Ada","token":"abc123","nested":{"Api-Key": 42, "password":"unterminat';
    const excerpt = payloadExcerpt(Buffer.from(cut));
    expect(excerpt).toBe(`{"name":"Ada","token":"${MASK}","nested":{"Api-Key": "${MASK}", "password":"${MASK}"`);
  });
});
