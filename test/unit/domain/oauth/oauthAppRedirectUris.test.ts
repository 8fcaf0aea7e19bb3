import { redirectUriProblem } from '../../../../src/domain/oauth/redirectUris';

describe('OAuth app redirect URIs', () => {
  it.each([
    'https://app.example.com/callback',
    'https://app.example.com:8443/cb?from=filora',
    'http://127.0.0.1:51234/callback',
    'http://[::1]:8080/cb',
    'http://localhost/cb',
    'http://LOCALHOST:3000/cb',
  ])('accepts %s', (uri) => {
    expect(redirectUriProblem(uri)).toBeNull();
  });

  it.each([
    ['http://app.example.com/callback', /http is allowed only for a loopback host/],
    ['http://localhost.evil.example/cb', /loopback/],
    ['http://127.0.0.1.nip.io/cb', /loopback/],
    ['https://app.example.com/cb#section', /fragment/],
    ['https://app.example.com/cb#', /fragment/],
    ['https://user:pass@app.example.com/cb', /userinfo/],
    ['https://user@app.example.com/cb', /userinfo/],
    ['/callback', /absolute URI/],
    ['app.example.com/cb', /absolute URI/],
    ['com.example.app:/callback', /https/],
    ['javascript:alert(1)', /https/],
    ['ftp://app.example.com/cb', /https/],
    ['https:///app.example.com/cb', /host after the scheme/],
    ['https:/app.example.com/cb', /host after the scheme/],
    [' https://app.example.com/cb', /whitespace/],
    ['https://app.example.com/c b', /whitespace/],
    [`https://app.example.com/${'a'.repeat(2048)}`, /at most 2048/],
  ])('refuses %s', (uri, problem) => {
    expect(redirectUriProblem(uri)).toMatch(problem);
  });
});
