import { registerAndLogin } from '../support/http';
import { download, uploadJson } from '../support/files';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

let platform: TestPlatform;
let token: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  ({ token } = await registerAndLogin(platform.url));
});
afterAll(async () => {
  await platform.close();
});

describe('download edge cases', () => {
  it('sandboxes uploaded HTML shown inline, so its script cannot run with the API origin', async () => {
    const page = await uploadJson(platform.url, token, { name: 'page.html', content: '<script>alert(1)</script>', mime_type: 'text/html' });
    for (const disposition of ['inline', 'attachment']) {
      const response = await fetch(`${platform.url}/api/v1/files/${page.body.id}/download?disposition=${disposition}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.headers.get('content-type')).toBe('text/html');
      expect(response.headers.get('content-security-policy')).toMatch(/(^|;)\s*sandbox\s*(;|$)/);
      expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    }
  });

  it('answers the first byte alone, and a suffix longer than the content with all of it', async () => {
    const file = await uploadJson(platform.url, token, { name: 'abc.txt', content: 'abc' });
    const first = await download(platform.url, token, file.body.id, { range: 'bytes=0-0' });
    expect({ status: first.status, body: first.body.toString(), range: first.headers.get('content-range') }).toEqual({
      status: 206,
      body: 'a',
      range: 'bytes 0-0/3',
    });
    const suffix = await download(platform.url, token, file.body.id, { range: 'bytes=-100' });
    expect({ status: suffix.status, body: suffix.body.toString(), range: suffix.headers.get('content-range') }).toEqual({
      status: 206,
      body: 'abc',
      range: 'bytes 0-2/3',
    });
  });
});
