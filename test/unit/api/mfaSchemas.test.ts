import { mfaVerifyInput, secondFactorInput } from '../../../src/api/mfa/mfaSchemas';

describe('MFA request schemas: recovery_code', () => {
  it.each(['2ohld-zf64q', '2OHLDZF64Q', '2OHLD zf64q', ' 2ohld - zf64q ', '2ohld\tzf64q'])(
    'accepts %j, as the normaliser reads it',
    (code) => {
      expect(secondFactorInput.safeParse({ recovery_code: code }).success).toBe(true);
      expect(mfaVerifyInput.safeParse({ mfa_token: 't', recovery_code: code }).success).toBe(true);
    },
  );

  it.each(['2ohl-dzf64q', '2ohld--zf64q', '2ohld-zf64', '2ohld-zf641', '', `2ohld${' '.repeat(60)}zf64q`])('refuses %j', (code) => {
    expect(secondFactorInput.safeParse({ recovery_code: code }).success).toBe(false);
  });
});
