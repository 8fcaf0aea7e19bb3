import { readFileSync, rmSync } from 'node:fs';
import { filesUnder } from '../support/leakScan';
import type { JsonResponse } from '../support/http';
import { call, registerAndLogin } from '../support/http';
import { createFolder, eventually, uploadJson } from '../support/files';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

interface LinkBody {
  id: string;
  url: string;
  token: string;
  resource_kind: 'file' | 'folder';
  resource_id: string;
  permission: 'view' | 'download';
  status: string;
  expires_at: string | null;
  has_password: boolean;
  max_downloads: number | null;
  download_count: number;
  created_at: string;
  revoked_at: string | null;
}

interface Entry {
  type: 'folder' | 'file';
  id: string;
  name: string;
}

interface MetadataBody {
  resource_kind: 'file' | 'folder';
  permission: string;
  has_password: boolean;
  file?: Entry & { size: number };
  folder?: { id: string; name: string; path: Array<{ id: string; name: string }> };
  contents?: { data: Entry[]; page: { has_more: boolean; next_cursor: string | null } };
}

let platform: TestPlatform;
let alice: { token: string; id: string };
let bob: { token: string; id: string };
/** Every token and password this suite saw, to look for in the data directory at the end. */
const secretsSeen = new Set<string>();

beforeAll(async () => {
  platform = await startTestPlatform();
  alice = await registerAndLogin(platform.url);
  bob = await registerAndLogin(platform.url);
});
afterAll(async () => {
  await platform?.close();
});

async function uploadFile(token: string, name: string, content: string, folderId: string | null = null): Promise<string> {
  const uploaded = await uploadJson(platform.url, token, { name, content, folder_id: folderId });
  expect(uploaded.status).toBe(201);
  return uploaded.body.id;
}

async function createLink(kind: 'files' | 'folders', id: string, body: Record<string, unknown>, token = alice.token) {
  const created = await call<LinkBody>(platform.url, 'POST', `/api/v1/${kind}/${id}/links`, { token, body });
  if (created.status === 201) secretsSeen.add(created.body.token);
  return created;
}

async function newLink(kind: 'files' | 'folders', id: string, body: Record<string, unknown>): Promise<LinkBody> {
  const created = await createLink(kind, id, body);
  expect(created.status).toBe(201);
  return created.body;
}

const publicPath = (token: string, suffix = '') => `/api/v1/public/links/${token}${suffix}`;

const metadata = (token: string, query = '', headers: Record<string, string> = {}): Promise<JsonResponse<MetadataBody>> =>
  call<MetadataBody>(platform.url, 'GET', publicPath(token, query), { headers });

async function fetchPublic(token: string, query = '', headers: Record<string, string> = {}, method = 'GET') {
  const response = await fetch(`${platform.url}${publicPath(token, `/download${query}`)}`, { method, headers });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

const ownerView = (id: string, token = alice.token) => call<LinkBody>(platform.url, 'GET', `/api/v1/links/${id}`, { token });

describe('public links: the owner’s side', () => {
  it('creates a link to a file, shows it again with the same url and token, lists, changes and revokes it', async () => {
    const fileId = await uploadFile(alice.token, 'report.txt', 'quarterly numbers');
    const created = await createLink('files', fileId, { permission: 'download', max_downloads: 3 });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const link = created.body;
    expect(link).toMatchObject({
      resource_kind: 'file',
      resource_id: fileId,
      permission: 'download',
      status: 'active',
      expires_at: null,
      has_password: false,
      max_downloads: 3,
      download_count: 0,
      revoked_at: null,
    });
    expect(link.url).toBe(`${platform.url}/api/v1/public/links/${link.token}`);

    const shown = await ownerView(link.id);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ id: link.id, token: link.token, url: link.url });

    const second = await newLink('files', fileId, { permission: 'view' });
    const listed = await call<{ data: LinkBody[]; page: { has_more: boolean } }>(platform.url, 'GET', `/api/v1/files/${fileId}/links`, {
      token: alice.token,
    });
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((item) => item.id)).toEqual([second.id, link.id]);
    const firstPage = await call<{ data: LinkBody[]; page: { has_more: boolean; next_cursor: string } }>(
      platform.url,
      'GET',
      `/api/v1/files/${fileId}/links?limit=1`,
      { token: alice.token },
    );
    expect(firstPage.body.page.has_more).toBe(true);
    const nextPage = await call<{ data: LinkBody[] }>(
      platform.url,
      'GET',
      `/api/v1/files/${fileId}/links?limit=1&cursor=${firstPage.body.page.next_cursor}`,
      { token: alice.token },
    );
    expect(nextPage.body.data.map((item) => item.id)).toEqual([link.id]);

    const patched = await call<LinkBody>(platform.url, 'PATCH', `/api/v1/links/${link.id}`, {
      token: alice.token,
      body: { max_downloads: 10, permission: 'view' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ max_downloads: 10, permission: 'view', token: link.token });
    expect((await metadata(link.token)).body).toMatchObject({
      resource_kind: 'file',
      permission: 'view',
      file: { id: fileId, name: 'report.txt' },
    });

    const revoked = await call<LinkBody>(platform.url, 'DELETE', `/api/v1/links/${link.id}`, { token: alice.token });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', revoked_at: expect.any(String) });
    // The very next request of a holder: no longer served.
    expect((await metadata(link.token)).status).toBe(404);
    expect((await fetchPublic(link.token)).status).toBe(404);
    expect((await call(platform.url, 'PATCH', `/api/v1/links/${link.id}`, { token: alice.token, body: { max_downloads: 1 } })).status).toBe(
      409,
    );
  });

  it('answers 404 for another user’s file, folder and links, and refuses a past expiry', async () => {
    const fileId = await uploadFile(alice.token, 'private.txt', 'mine');
    const folder = await createFolder(platform.url, alice.token, 'private-folder');
    const link = await newLink('files', fileId, { permission: 'download' });

    expect((await createLink('files', fileId, { permission: 'view' }, bob.token)).status).toBe(404);
    expect((await createLink('folders', folder.id, { permission: 'view' }, bob.token)).status).toBe(404);
    expect((await call(platform.url, 'GET', `/api/v1/files/${fileId}/links`, { token: bob.token })).status).toBe(404);
    expect((await call(platform.url, 'GET', `/api/v1/folders/${folder.id}/links`, { token: bob.token })).status).toBe(404);
    expect((await ownerView(link.id, bob.token)).status).toBe(404);
    expect((await call(platform.url, 'PATCH', `/api/v1/links/${link.id}`, { token: bob.token, body: { max_downloads: 1 } })).status).toBe(
      404,
    );
    expect((await call(platform.url, 'DELETE', `/api/v1/links/${link.id}`, { token: bob.token })).status).toBe(404);
    expect((await ownerView(link.id)).body.status).toBe('active');

    const pastExpiry = new Date(Date.now() - 1000).toISOString();
    const past = await createLink('files', fileId, { permission: 'view', expires_at: pastExpiry });
    expect(past.status).toBe(400);
    const pastError = { error: { code: 'validation_error', details: [{ path: 'body.expires_at', message: 'must be in the future' }] } };
    expect(past.body).toMatchObject(pastError);
    const patched = await call(platform.url, 'PATCH', `/api/v1/links/${link.id}`, { token: alice.token, body: { expires_at: pastExpiry } });
    expect(patched.status).toBe(400);
    expect(patched.body).toMatchObject(pastError);
  });
});

describe('public links: the holder’s side', () => {
  it('needs the password, in a header or exchanged for a cookie that a new password invalidates', async () => {
    const fileId = await uploadFile(alice.token, 'secret-plans.txt', 'the plans');
    const password = 'open sesame ünïcode';
    secretsSeen.add(password);
    const link = await newLink('files', fileId, { permission: 'download', password });
    expect(link.has_password).toBe(true);

    const none = await metadata(link.token);
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ error: { code: 'unauthorized', message: expect.stringContaining('X-Link-Password') } });
    expect((await metadata(link.token, '', { 'x-link-password': 'wrong' })).status).toBe(401);
    const utf8Header = Buffer.from(password, 'utf8').toString('latin1');
    expect((await metadata(link.token, '', { 'x-link-password': utf8Header })).status).toBe(200);
    const byHeader = await fetchPublic(link.token, '', { 'x-link-password': utf8Header });
    expect(byHeader.status).toBe(200);
    expect(byHeader.body.toString()).toBe('the plans');

    const wrongExchange = await call(platform.url, 'POST', publicPath(link.token, '/access'), { body: { password: 'nope' } });
    expect(wrongExchange.status).toBe(401);
    const exchanged = await call<{ expires_at: string }>(platform.url, 'POST', publicPath(link.token, '/access'), { body: { password } });
    expect(exchanged.status).toBe(200);
    const setCookie = exchanged.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toContain(`Path=${publicPath(link.token)}`);
    expect(Date.parse(exchanged.body.expires_at) - Date.now()).toBeGreaterThan(14 * 60_000);
    const cookie = setCookie.split(';', 1)[0]!;
    expect((await metadata(link.token, '', { cookie })).status).toBe(200);
    expect((await fetchPublic(link.token, '', { cookie })).status).toBe(200);
    expect((await metadata(link.token, '', { cookie: `${cookie}x` })).status).toBe(401);

    const changed = await call(platform.url, 'PATCH', `/api/v1/links/${link.id}`, {
      token: alice.token,
      body: { password: 'another one' },
    });
    expect(changed.status).toBe(200);
    expect((await metadata(link.token, '', { cookie })).status).toBe(401);
    expect((await metadata(link.token, '', { 'x-link-password': 'another one' })).status).toBe(200);
  });

  it('stops working at its expiry', async () => {
    const fileId = await uploadFile(alice.token, 'brief.txt', 'short-lived');
    const expiresAt = Date.now() + 3000;
    const link = await newLink('files', fileId, { permission: 'download', expires_at: new Date(expiresAt).toISOString() });
    const before = await metadata(link.token);
    // Answered before the expiry by the client's clock, so before it by the server's too.
    if (Date.now() < expiresAt) expect(before.status).toBe(200);
    const after = await eventually(
      () => metadata(link.token),
      (response) => response.status !== 200,
      10_000,
    );
    expect(after.status).toBe(404);
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt);
    expect((await fetchPublic(link.token)).status).toBe(404);
    expect((await ownerView(link.id)).body.status).toBe('expired');
  });

  it('serves exactly max_downloads of 20 concurrent downloads, each recorded as a FileDownloaded of the link', async () => {
    const content = 'counted content';
    const fileId = await uploadFile(alice.token, 'popular.txt', content);
    const link = await newLink('files', fileId, { permission: 'download', max_downloads: 5 });

    const answers = await Promise.all(Array.from({ length: 20 }, () => fetchPublic(link.token)));
    const served = answers.filter((answer) => answer.status === 200);
    expect(served).toHaveLength(5);
    for (const answer of served) expect(answer.body.toString()).toBe(content);
    expect(answers.filter((answer) => answer.status === 404)).toHaveLength(15);

    const downloads = await platform.platform.eventStore.readStream(`download-${fileId}`, { from: 0n });
    expect(downloads).toHaveLength(5);
    for (const event of downloads) {
      expect(event).toMatchObject({
        type: 'FileDownloaded',
        data: { linkId: link.id, downloadedBy: link.id },
        metadata: { actor: link.id },
      });
    }
    const counted = await eventually(
      () => ownerView(link.id),
      (view) => view.body.download_count === 5,
    );
    expect(counted.body).toMatchObject({ download_count: 5, status: 'exhausted' });
    expect((await metadata(link.token)).status).toBe(404);
  });

  it('serves a byte range, and answers If-None-Match and HEAD as for owners without counting them', async () => {
    const fileId = await uploadFile(alice.token, 'ranged.txt', '0123456789');
    const link = await newLink('files', fileId, { permission: 'download' });
    const owners = await fetch(`${platform.url}/api/v1/files/${fileId}/download`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${alice.token}` },
    });
    const etag = owners.headers.get('etag')!;

    const ranged = await fetchPublic(link.token, '', { range: 'bytes=2-5' });
    expect(ranged.status).toBe(206);
    expect(ranged.body.toString()).toBe('2345');
    expect(ranged.headers.get('content-range')).toBe('bytes 2-5/10');
    expect(ranged.headers.get('etag')).toBe(etag);
    expect((await fetchPublic(link.token, '', { 'if-none-match': etag })).status).toBe(304);
    expect((await fetchPublic(link.token, '', {}, 'HEAD')).status).toBe(200);
    expect((await fetchPublic(link.token, '', { range: 'bytes=50-60' })).status).toBe(416);

    const downloads = await platform.platform.eventStore.readStream(`download-${fileId}`, { from: 0n });
    expect(downloads.map((event) => event.data)).toEqual([
      expect.objectContaining({ bytes: 4, range: { start: 2, end: 5 }, linkId: link.id }),
    ]);
  });

  it('lets a view link show its file but not download it, and dies with its file', async () => {
    const fileId = await uploadFile(alice.token, 'look-only.txt', 'look');
    const link = await newLink('files', fileId, { permission: 'view' });
    expect((await metadata(link.token)).body).toMatchObject({ permission: 'view', file: { id: fileId, size: 4 } });
    expect((await fetchPublic(link.token)).status).toBe(403);
    expect((await call(platform.url, 'DELETE', `/api/v1/files/${fileId}`, { token: alice.token })).status).toBe(200);
    expect((await metadata(link.token)).status).toBe(404);
    expect((await ownerView(link.id)).body.status).toBe('resource_deleted');
  });

  it('lists a shared folder and what is beneath it, and downloads files beneath it but none outside', async () => {
    const shared = await createFolder(platform.url, alice.token, 'shared-album');
    const inner = await createFolder(platform.url, alice.token, 'inner', shared.id);
    const outside = await createFolder(platform.url, alice.token, 'elsewhere');
    const top = await uploadFile(alice.token, 'top.txt', 'at the top', shared.id);
    const deep = await uploadFile(alice.token, 'deep.txt', 'further down', inner.id);
    const stranger = await uploadFile(alice.token, 'outside.txt', 'not shared', outside.id);
    const atRoot = await uploadFile(alice.token, 'root.txt', 'not shared either');
    const link = await newLink('folders', shared.id, { permission: 'download' });

    const listing = await metadata(link.token);
    expect(listing.status).toBe(200);
    expect(listing.body.folder).toEqual({ id: shared.id, name: 'shared-album', path: [{ id: shared.id, name: 'shared-album' }] });
    expect(listing.body.contents!.data.map((entry) => [entry.type, entry.name])).toEqual([
      ['folder', 'inner'],
      ['file', 'top.txt'],
    ]);
    const paged = await metadata(link.token, '?limit=1');
    expect(paged.body.contents!.data.map((entry) => entry.name)).toEqual(['inner']);
    const rest = await metadata(link.token, `?limit=1&cursor=${paged.body.contents!.page.next_cursor}`);
    expect(rest.body.contents!.data.map((entry) => entry.name)).toEqual(['top.txt']);
    expect(rest.body.contents!.page.has_more).toBe(false);

    const beneath = await metadata(link.token, `?folder_id=${inner.id}`);
    expect(beneath.body.folder!.path.map((step) => step.name)).toEqual(['shared-album', 'inner']);
    expect(beneath.body.contents!.data.map((entry) => entry.name)).toEqual(['deep.txt']);
    expect((await metadata(link.token, `?folder_id=${outside.id}`)).status).toBe(404);

    const deepDownload = await fetchPublic(link.token, `?file_id=${deep}`);
    expect(deepDownload.status).toBe(200);
    expect(deepDownload.body.toString()).toBe('further down');
    expect((await fetchPublic(link.token, `?file_id=${top}`)).status).toBe(200);
    expect((await fetchPublic(link.token, `?file_id=${stranger}`)).status).toBe(404);
    expect((await fetchPublic(link.token, `?file_id=${atRoot}`)).status).toBe(404);
    expect((await fetchPublic(link.token)).status).toBe(400);
    await eventually(
      () => ownerView(link.id),
      (view) => view.body.download_count === 2,
    );
  });

  it('answers 404 to tokens this server did not issue', async () => {
    const fileId = await uploadFile(alice.token, 'forged.txt', 'x');
    const link = await newLink('files', fileId, { permission: 'download' });
    const forged = link.token.slice(0, 22) + 'A'.repeat(43);
    expect((await metadata(forged)).status).toBe(404);
    expect((await fetchPublic(forged)).status).toBe(404);
    expect((await metadata('tooShort')).status).toBe(400);
  });

  it('keeps tokens and passwords out of the data directory, including the usage log of a signed-in holder', async () => {
    const fileId = await uploadFile(alice.token, 'visited.txt', 'by a user');
    const link = await newLink('files', fileId, { permission: 'download' });
    expect((await call(platform.url, 'GET', publicPath(link.token), { token: bob.token })).status).toBe(200);
    const dataDir = platform.dataDir;
    // Closing flushes the usage records and the WAL into the files scanned below.
    await platform.close(true);
    const files = filesUnder(dataDir);
    expect(files.some((file) => file.endsWith('filora.db'))).toBe(true);
    expect(secretsSeen.size).toBeGreaterThan(5);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const seen of secretsSeen) expect([file, seen, bytes.includes(seen)]).toEqual([file, seen, false]);
    }
    rmSync(dataDir, { recursive: true, force: true });
    platform = undefined as unknown as TestPlatform;
  });
});

describe('public links: password attempts', () => {
  let limited: TestPlatform;
  beforeAll(async () => {
    limited = await startTestPlatform();
  });
  afterAll(async () => {
    await limited.close();
  });

  async function guardedLinkPath(): Promise<string> {
    const owner = await registerAndLogin(limited.url);
    const uploaded = await uploadJson(limited.url, owner.token, { name: 'guarded.txt', content: 'guarded' });
    const created = await call<LinkBody>(limited.url, 'POST', `/api/v1/files/${uploaded.body.id}/links`, {
      token: owner.token,
      body: { permission: 'download', password: 'the right one' },
    });
    return `/api/v1/public/links/${created.body.token}`;
  }

  // First: the next test counts on this address having used up nothing.
  it('counts only wrong passwords: the right one works however often it is sent', async () => {
    const path = await guardedLinkPath();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 40; attempt++)
      statuses.push((await call(limited.url, 'GET', path, { headers: { 'x-link-password': 'the right one' } })).status);
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect((await call(limited.url, 'POST', `${path}/access`, { body: { password: 'the right one' } })).status).toBe(200);
  });

  it('answers 429 once an address has tried too many wrong passwords, right ones included, reporting that limit', async () => {
    const path = await guardedLinkPath();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 30; attempt++)
      statuses.push((await call(limited.url, 'GET', path, { headers: { 'x-link-password': `guess ${attempt}` } })).status);
    expect(new Set(statuses)).toEqual(new Set([401]));
    const refused = await call(limited.url, 'GET', path, { headers: { 'x-link-password': 'the right one' } });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({
      error: { code: 'rate_limited', message: expect.stringContaining('link passwords from one address') },
    });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('x-ratelimit-limit')).toBe('30');
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(refused.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect((await call(limited.url, 'POST', `${path}/access`, { body: { password: 'the right one' } })).status).toBe(429);
  });
});
