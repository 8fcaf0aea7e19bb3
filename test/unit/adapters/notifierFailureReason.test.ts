import { failureReason } from '../../../src/adapters/notifier/failureReason';

describe('failureReason', () => {
  const secret = 'pa ss/w:rd%';

  it('takes a secret out in every form it could take in a message', () => {
    const error = new Error(
      `bad login ${secret} at smtp://u:${encodeURIComponent(secret)}@host, AUTH ${Buffer.from(secret).toString('base64')}`,
    );
    const reason = failureReason(error, [secret]);
    expect(reason).not.toContain(secret);
    expect(reason).not.toContain(encodeURIComponent(secret));
    expect(reason).not.toContain(Buffer.from(secret).toString('base64'));
    expect(reason).toBe('bad login [redacted] at smtp://u:[redacted]@host, AUTH [redacted]');
  });

  it('puts the error code before the message unless the message has it', () => {
    expect(failureReason(Object.assign(new Error('Invalid login: 535'), { code: 'EAUTH' }), [])).toBe('EAUTH: Invalid login: 535');
    expect(failureReason(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), [])).toBe(
      'connect ECONNREFUSED 127.0.0.1:1',
    );
  });

  it('reads errors of another realm and things thrown that are not errors', () => {
    expect(failureReason({ name: 'TypeError', message: `oops ${secret}` }, [secret])).toBe('oops [redacted]');
    expect(failureReason(`thrown ${secret}`, [secret])).toBe('thrown [redacted]');
  });

  it('ignores an empty secret', () => {
    expect(failureReason(new Error('nothing to hide'), [''])).toBe('nothing to hide');
  });
});
