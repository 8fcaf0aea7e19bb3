import { withoutPathTokens } from '../../../../src/api/links/linkTokenInPath';

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUv_-0123456789';

describe('withoutPathTokens', () => {
  it.each([
    ['/api/v1/public/links/T', '/api/v1/public/links/:token'],
    ['/public/links/T/download', '/public/links/:token/download'],
    ['/api/v1/Public/LINKS/T/access', '/api/v1/Public/LINKS/:token/access'],
    ['/api/v1/public//links/T', '/api/v1/public//links/:token'],
    ['/api/v1/public/links//T/', '/api/v1/public/links//:token/'],
    ['/api/v1/public%2Flinks/T', '/api/v1/public%2Flinks/:token'],
    ['/api/v1/public/links%2fT', '/api/v1/public/links%2f:token'],
    ['/api/v1/public/links/T%2Fdownload', '/api/v1/public/links/:token'],
    ['/api/v1/%70ublic/%6Cinks/T', '/api/v1/%70ublic/%6Cinks/:token'],
    ['/api/v1/webhooks/incoming/T', '/api/v1/webhooks/incoming/:token'],
    ['/api/v1/Webhooks//INCOMING/T/', '/api/v1/Webhooks//INCOMING/:token/'],
    ['/api/v1/webhooks%2Fincoming/T', '/api/v1/webhooks%2Fincoming/:token'],
  ])('takes the token out of %s', (path, expected) => {
    expect(withoutPathTokens(path.replace('T', TOKEN))).toBe(expected);
  });

  it('leaves other paths alone', () => {
    for (const path of [
      '/api/v1/files/0b0e6f6e-1f5a-4a53-9d4f-1f0e5c7b9a10',
      '/api/v1/links/abc',
      '/api/v1/publiclinks/x',
      '/api/v1/public/linksx/y',
      '/api/v1/webhooks/0b0e6f6e-1f5a-4a53-9d4f-1f0e5c7b9a10/test',
      '/api/v1/incoming-webhooks/0b0e6f6e-1f5a-4a53-9d4f-1f0e5c7b9a10/logs',
    ])
      expect(withoutPathTokens(path)).toBe(path);
  });
});
