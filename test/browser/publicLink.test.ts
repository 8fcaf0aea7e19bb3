import { readFileSync } from 'node:fs';
import { call, registerAndLogin, uniqueUser } from '../support/http';
import type { ConsoleHarness } from '../support/browser';
import { BROWSER_TEST_TIMEOUT_MS, checkPage, describeInBrowser, openConsole, startConsoleHarness, useSession } from '../support/browser';

jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

type Session = Awaited<ReturnType<typeof registerAndLogin>>;
interface ApiLink {
  id: string;
  token: string;
  download_count: number;
}

const PASSWORD = 'harbour lights';
const CONTENT = 'Minutes of the harbour committee.';

async function createOver<T>(harness: ConsoleHarness, owner: Session, path: string, body: Record<string, unknown>): Promise<T> {
  const answer = await call<T>(harness.url, 'POST', path, { token: owner.token, body });
  expect(answer.status).toBe(201);
  return answer.body;
}

describeInBrowser('public link page in Chromium', () => {
  let harness: ConsoleHarness;
  beforeAll(async () => {
    harness = await startConsoleHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('opens a password-protected file link signed out: the password form, a wrong then the right password, the download, and a revoked link', async () => {
    const owner = await registerAndLogin(harness.url, uniqueUser('linker'));
    const file = await createOver<{ id: string }>(harness, owner, '/api/v1/files', { name: 'minutes.txt', content: CONTENT });
    const link = await createOver<ApiLink>(harness, owner, `/api/v1/files/${file.id}/links`, {
      permission: 'download',
      password: PASSWORD,
    });

    // The owner copies the link's address from the sharing dialog: the console's page, not the API's JSON.
    const ownerTab = await openConsole(harness, 'desktop');
    await useSession(ownerTab, owner);
    await ownerTab.page.goto('/app/files');
    await ownerTab.page.getByRole('button', { name: 'Share minutes.txt', exact: true }).click();
    const links = ownerTab.page.getByRole('dialog', { name: 'Share minutes.txt' }).getByRole('list', { name: 'Public links' });
    await links.getByRole('button', { name: 'Copy link' }).click();
    await links.getByText('Copied').waitFor();
    const copied = String(await ownerTab.page.evaluate('navigator.clipboard.readText()'));
    expect(copied).toBe(`${harness.url}/app/l/${link.token}`);

    const visitor = await openConsole(harness, 'desktop');
    const { page } = visitor;
    await page.goto(copied);
    await page.getByRole('heading', { level: 1, name: 'This link needs a password' }).waitFor();
    expect(page.url()).toBe(copied);
    await checkPage(page, 'public-link-password-desktop');

    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Open' }).click();
    await page.getByRole('alert').getByText('Could not open the link').waitFor();
    expect(await page.getByRole('heading', { level: 1, name: 'minutes.txt' }).count()).toBe(0);

    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Open' }).click();
    await page.getByRole('heading', { level: 1, name: 'minutes.txt' }).waitFor();
    const details = await page.getByRole('definition').allTextContents();
    expect(details).toEqual(expect.arrayContaining([`${CONTENT.length} B`, 'text/plain']));
    await checkPage(page, 'public-link-file-desktop');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download minutes.txt' }).click()]);
    expect(download.suggestedFilename()).toBe('minutes.txt');
    expect(readFileSync(await download.path(), 'utf8')).toBe(CONTENT);
    const counted = await call<ApiLink>(harness.url, 'GET', `/api/v1/links/${link.id}`, { token: owner.token });
    expect(counted.body.download_count).toBe(1);

    // A signed-in visitor (the owner) sees the same page, not the signed-in console's redirect.
    await ownerTab.page.goto(copied);
    await ownerTab.page.getByRole('heading', { level: 1, name: 'This link needs a password' }).waitFor();
    expect(ownerTab.page.url()).toBe(copied);
    await ownerTab.context.close();

    expect((await call(harness.url, 'DELETE', `/api/v1/links/${link.id}`, { token: owner.token })).status).toBeLessThan(300);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'This link no longer works' }).waitFor();
    expect(await page.getByRole('link', { name: 'Download minutes.txt' }).count()).toBe(0);
    await visitor.context.close();

    const phone = await openConsole(harness, 'phone');
    await phone.page.goto(copied);
    await phone.page.getByRole('heading', { level: 1, name: 'This link no longer works' }).waitFor();
    await checkPage(phone.page, 'public-link-gone-phone');
    await phone.context.close();
  });

  it('browses a folder link: opens a folder beneath the shared one and downloads a file from it, at phone width', async () => {
    const owner = await registerAndLogin(harness.url, uniqueUser('folders'));
    const top = await createOver<{ id: string }>(harness, owner, '/api/v1/folders', { name: 'Committee' });
    const inner = await createOver<{ id: string }>(harness, owner, '/api/v1/folders', { name: 'Drafts', parent_id: top.id });
    await createOver(harness, owner, '/api/v1/files', { name: 'agenda.txt', content: 'Agenda', folder_id: top.id });
    await createOver(harness, owner, '/api/v1/files', { name: 'draft.txt', content: CONTENT, folder_id: inner.id });
    const link = await createOver<ApiLink>(harness, owner, `/api/v1/folders/${top.id}/links`, { permission: 'download' });

    const phone = await openConsole(harness, 'phone');
    const { page } = phone;
    await page.goto(`/app/l/${link.token}`);
    await page.getByRole('heading', { level: 1, name: 'Committee' }).waitFor();
    const contents = page.getByRole('table', { name: 'Contents of Committee' });
    await contents.getByRole('row', { name: /agenda\.txt/ }).waitFor();
    await checkPage(page, 'public-link-folder-phone');

    await contents.getByRole('link', { name: 'Drafts/' }).click();
    await page.getByRole('heading', { level: 1, name: 'Drafts' }).waitFor();
    expect(new URL(page.url()).searchParams.get('folder')).toBe(inner.id);
    const path = page.getByRole('navigation', { name: 'Folder path' });
    expect(await path.getByRole('link', { name: 'Committee' }).getAttribute('href')).toBe(`/app/l/${link.token}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download draft.txt' }).click()]);
    expect(readFileSync(await download.path(), 'utf8')).toBe(CONTENT);

    await path.getByRole('link', { name: 'Committee' }).click();
    await page.getByRole('heading', { level: 1, name: 'Committee' }).waitFor();
    await phone.context.close();
  });
  it('says a link whose download limit is reached no longer works', async () => {
    const owner = await registerAndLogin(harness.url, uniqueUser('limited'));
    const file = await createOver<{ id: string }>(harness, owner, '/api/v1/files', { name: 'once.txt', content: CONTENT });
    const link = await createOver<ApiLink>(harness, owner, `/api/v1/files/${file.id}/links`, { permission: 'download', max_downloads: 1 });

    const tab = await openConsole(harness, 'desktop');
    const { page } = tab;
    await page.goto(`/app/l/${link.token}`);
    await page.getByText('1 of 1 downloads left').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download once.txt' }).click()]);
    expect(readFileSync(await download.path(), 'utf8')).toBe(CONTENT);
    expect((await call<{ status: string }>(harness.url, 'GET', `/api/v1/links/${link.id}`, { token: owner.token })).body.status).toBe(
      'exhausted',
    );

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'This link no longer works' }).waitFor();
    expect(await page.getByRole('link', { name: 'Download once.txt' }).count()).toBe(0);
    await tab.context.close();
  });
});
