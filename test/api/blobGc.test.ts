import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { call, registerAndLogin } from '../support/http';
import { download, storedFiles, uploadJson } from '../support/files';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

const sha256 = (content: string) => createHash('sha256').update(content).digest('hex');

let platform: TestPlatform;
let token: string;
beforeAll(async () => {
  platform = await startTestPlatform();
  ({ token } = await registerAndLogin(platform.url));
});
afterAll(async () => {
  await platform.close();
});

const stored = (content: string) => storedFiles(platform.dataDir).blobs.includes(sha256(content));

describe('blob garbage collection', () => {
  it('deletes content once the last live version referencing it is gone, not before', async () => {
    const content = `shared ${Date.now()}`;
    const first = await uploadJson(platform.url, token, { name: 'first.txt', content });
    const other = await registerAndLogin(platform.url);
    const second = await uploadJson(platform.url, other.token, { name: 'second.txt', content });
    expect(first.body.sha256).toBe(second.body.sha256);
    expect(stored(content)).toBe(true);

    await call(platform.url, 'DELETE', `/api/v1/files/${first.body.id}`, { token });
    expect(stored(content)).toBe(true);
    expect((await download(platform.url, other.token, second.body.id)).body.toString()).toBe(content);

    await call(platform.url, 'DELETE', `/api/v1/files/${second.body.id}`, { token: other.token });
    expect(stored(content)).toBe(false);

    // The same content uploaded again is stored again.
    const again = await uploadJson(platform.url, token, { name: 'again.txt', content });
    expect(stored(content)).toBe(true);
    expect((await download(platform.url, token, again.body.id)).body.toString()).toBe(content);
  });

  it('keeps every version of a live file, and deletes them all with it', async () => {
    const [v1, v2] = [`version one ${Date.now()}`, `version two ${Date.now()}`];
    const file = await uploadJson(platform.url, token, { name: 'versioned.txt', content: v1 });
    await call(platform.url, 'PUT', `/api/v1/files/${file.body.id}/content`, { token, raw: v2 });
    expect([stored(v1), stored(v2)]).toEqual([true, true]);
    await call(platform.url, 'DELETE', `/api/v1/files/${file.body.id}`, { token });
    expect([stored(v1), stored(v2)]).toEqual([false, false]);
  });

  it('discards the content of an upload refused after it was stored, unless another file uses it', async () => {
    const used = `in use ${Date.now()}`;
    await uploadJson(platform.url, token, { name: 'taken-name.txt', content: used });
    const fresh = `fresh ${Date.now()}`;
    // Fields after the file part are checked only once the content is stored.
    const form = (content: string) => {
      const data = new FormData();
      data.append('file', new Blob([content]), 'x.txt');
      data.append('name', 'taken-name.txt');
      return data;
    };
    for (const content of [fresh, used]) {
      const response = await fetch(`${platform.url}/api/v1/files`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form(content),
      });
      expect(response.status).toBe(409);
    }
    expect(stored(fresh)).toBe(false);
    expect(stored(used)).toBe(true);
  });

  it('sweeps content whose clean-up did not run, after the grace period', async () => {
    const { files } = platform.platform.api;
    const content = `left behind ${Date.now()}`;
    const blob = await files.blobs.store(Readable.from([Buffer.from(content)]), 1024);
    const holder = '44444444-4444-4444-8444-444444444444';
    const version = '55555555-5555-4555-8555-555555555555';
    await files.blobs.reference(blob, holder, version, {});
    await files.blobs.release(blob.key, holder, version, {});
    await platform.platform.projections.waitFor((await platform.platform.eventStore.headPosition())!, 5000);
    expect(await platform.platform.blobSweeper.sweep({ graceMs: 60_000 })).toEqual([]);
    expect(stored(content)).toBe(true);
    expect(await platform.platform.blobSweeper.sweep({ graceMs: 0 })).toContain(blob.key);
    expect(stored(content)).toBe(false);
  });
});
