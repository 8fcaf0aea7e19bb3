import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { call, registerAndLogin } from '../support/http';
import type { ConsoleHarness } from '../support/browser';
import { BROWSER_TEST_TIMEOUT_MS, checkPage, describeInBrowser, openConsole, startConsoleHarness, useSession } from '../support/browser';

jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

interface ApiFile {
  id: string;
  name: string;
  size: number;
  folder_id: string | null;
  tags: string[];
}
interface ApiFolder {
  id: string;
  name: string;
}
interface Page_<T> {
  data: T[];
}
type Session = Awaited<ReturnType<typeof registerAndLogin>>;

const MAX_UPLOAD_BYTES = 100_000;
const QUOTA_BYTES = 500_000;
const PNG_HEADER = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function filesOver(harness: ConsoleHarness, session: Session, query: string): Promise<ApiFile[]> {
  const answer = await call<Page_<ApiFile>>(harness.url, 'GET', `/api/v1/files?${query}`, { token: session.token });
  expect(answer.status).toBe(200);
  return answer.body.data;
}

async function uploadOver(harness: ConsoleHarness, session: Session, name: string, content: string): Promise<ApiFile> {
  const answer = await call<ApiFile>(harness.url, 'POST', '/api/v1/files', { token: session.token, body: { name, content } });
  expect(answer.status).toBe(201);
  return answer.body;
}

const link = (page: Page, name: string) => page.getByRole('link', { name, exact: true });
const rowOf = (page: Page, name: string) => page.getByRole('row').filter({ has: link(page, name) });

describeInBrowser('the Files pages in Chromium', () => {
  let harness: ConsoleHarness;
  beforeAll(async () => {
    harness = await startConsoleHarness({
      FILORA_MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES),
      FILORA_USER_QUOTA_BYTES: String(QUOTA_BYTES),
    });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('uploads, renames, moves, deletes, searches, takes drops and shows other clients’ uploads live', async () => {
    const session = await registerAndLogin(harness.url);
    const tab = await openConsole(harness, 'desktop');
    await useSession(tab, session);
    const { page } = tab;
    await page.goto('/app/files');
    await page.getByRole('heading', { level: 1, name: 'My files' }).waitFor();
    await page.getByText('No files here yet — upload or drop files').waitFor();

    await page.getByLabel('Upload files').setInputFiles([
      { name: 'report.txt', mimeType: 'text/plain', buffer: Buffer.alloc(1200, 'r') },
      { name: 'notes.md', mimeType: 'text/markdown', buffer: Buffer.alloc(300, 'n') },
    ]);
    await rowOf(page, 'report.txt').getByText('1.2 kB').waitFor();
    await rowOf(page, 'notes.md').getByText('300 B').waitFor();
    const uploaded = await filesOver(harness, session, 'folder_id=root');
    expect(uploaded.map((file) => [file.name, file.size]).sort()).toEqual([
      ['notes.md', 300],
      ['report.txt', 1200],
    ]);
    const notes = uploaded.find((file) => file.name === 'notes.md');
    const report = uploaded.find((file) => file.name === 'report.txt');

    await page.getByRole('button', { name: 'Rename notes.md' }).click();
    await page.getByLabel('New name for notes.md').fill('meeting-notes.md');
    await page.getByRole('button', { name: 'Save name' }).click();
    await link(page, 'meeting-notes.md').waitFor();
    const renamed = await call<ApiFile>(harness.url, 'GET', `/api/v1/files/${notes?.id}`, { token: session.token });
    expect(renamed.body.name).toBe('meeting-notes.md');

    await page.getByLabel('New folder name').fill('Projects');
    await page.getByRole('button', { name: 'Create folder' }).click();
    await link(page, 'Projects').waitFor();
    const folders = await call<Page_<ApiFolder>>(harness.url, 'GET', '/api/v1/folders?parent_id=root', { token: session.token });
    const projects = folders.body.data.find((folder) => folder.name === 'Projects');
    expect(projects).toBeDefined();

    await page.getByRole('button', { name: 'Move report.txt' }).click();
    const dialog = page.getByRole('dialog', { name: 'Move report.txt' });
    await dialog.getByRole('button', { name: 'Open Projects' }).click();
    await dialog.getByText('My files / Projects').waitFor();
    // The pressed "Open Projects" is gone: focus is on the destination it changed.
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Destination: My files / Projects');
    await dialog.getByRole('button', { name: 'Move here' }).click();
    await link(page, 'report.txt').waitFor({ state: 'detached' });
    const moved = await call<ApiFile>(harness.url, 'GET', `/api/v1/files/${report?.id}`, { token: session.token });
    expect(moved.body.folder_id).toBe(projects?.id);

    await link(page, 'Projects').click();
    await page.getByRole('heading', { level: 1, name: 'Projects' }).waitFor();
    await link(page, 'report.txt').waitFor();
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'My files' }).click();
    await page.getByRole('heading', { level: 1, name: 'My files' }).waitFor();
    await link(page, 'meeting-notes.md').waitFor();

    // Dropped on the zone: a DataTransfer carrying a file, as a drag from the desktop brings it.
    const dataTransfer = await page.evaluateHandle(
      `(() => { const transfer = new DataTransfer(); transfer.items.add(new File(['dropped content'], 'dropped.txt', { type: 'text/plain' })); return transfer; })()`,
    );
    await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer });
    await rowOf(page, 'dropped.txt').getByText('15 B').waitFor();
    expect((await filesOver(harness, session, 'folder_id=root')).map((file) => file.name)).toContain('dropped.txt');

    // Another client (the API, with the same account) uploads: the list shows it without a reload.
    await uploadOver(harness, session, 'from-another-device.txt', 'hello from elsewhere');
    await link(page, 'from-another-device.txt').waitFor();

    await page.getByRole('button', { name: 'Delete meeting-notes.md' }).click();
    await page.getByRole('button', { name: 'Delete file' }).click();
    await link(page, 'meeting-notes.md').waitFor({ state: 'detached' });
    expect((await call(harness.url, 'GET', `/api/v1/files/${notes?.id}`, { token: session.token })).status).toBe(404);

    // The storage summary's figures are the API's.
    const stats = await call<{ files: number; folders: number }>(harness.url, 'GET', '/api/v1/stats/storage', { token: session.token });
    expect(stats.body.files).toBe(3);
    const storage = page.getByRole('region', { name: 'Storage' });
    await storage.getByRole('definition').filter({ hasText: /^3$/ }).first().waitFor();
    await storage.getByRole('figure').getByText('text/plain').waitFor();

    // A name search looks in every folder: report.txt is in Projects.
    await page.getByLabel('Name contains').fill('report');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('heading', { name: 'Search results in all folders' }).waitFor();
    await link(page, 'report.txt').waitFor();
    expect(await link(page, 'dropped.txt').count()).toBe(0);
    await page.getByRole('button', { name: 'Clear search' }).click();
    await link(page, 'dropped.txt').waitFor();

    await tab.context.close();
  });

  it('edits tags, uploads a new version and shows versions and history on the file page; searches by tag', async () => {
    const session = await registerAndLogin(harness.url);
    const plan = await uploadOver(harness, session, 'plan.txt', 'first draft');
    await uploadOver(harness, session, 'other.txt', 'not tagged');
    const tab = await openConsole(harness, 'desktop');
    await useSession(tab, session);
    const { page } = tab;
    await page.goto(`/app/files/${plan.id}`);
    await page.getByRole('heading', { level: 1, name: 'plan.txt' }).waitFor();

    await page.getByLabel('Description', { exact: true }).fill('The plan for the quarter');
    await page.getByLabel('Tags', { exact: true }).fill('urgent, q3');
    await page.getByRole('button', { name: 'Save description and tags' }).click();
    await page.getByText('Saved').waitFor();
    const tagged = await call<ApiFile & { description: string }>(harness.url, 'GET', `/api/v1/files/${plan.id}`, { token: session.token });
    expect(tagged.body.tags).toEqual(['urgent', 'q3']);
    expect(tagged.body.description).toBe('The plan for the quarter');

    await page
      .getByLabel('Upload a new version')
      .setInputFiles({ name: 'plan-v2.txt', mimeType: 'text/plain', buffer: Buffer.from('second draft, longer') });
    const versions = page.getByRole('table', { name: 'Versions' });
    await versions.getByText('Version 2').waitFor();
    expect(await versions.getByRole('row').count()).toBe(3);
    const history = page.getByRole('list', { name: 'History' });
    await history.getByText('New version uploaded').waitFor();
    await history.getByText('Uploaded', { exact: true }).waitFor();
    const apiVersions = await call<Page_<{ version: number }>>(harness.url, 'GET', `/api/v1/files/${plan.id}/versions`, {
      token: session.token,
    });
    expect(apiVersions.body.data.map((version) => version.version)).toEqual([2, 1]);
    await checkPage(page, 'file-detail-desktop');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('plan.txt');
    expect(readFileSync(await download.path(), 'utf8')).toBe('second draft, longer');

    await link(page, '← Back to the folder').click();
    await page.getByRole('heading', { level: 1, name: 'My files' }).waitFor();
    await page.getByLabel('Tag', { exact: true }).fill('urgent');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('heading', { name: 'Search results in all folders' }).waitFor();
    await link(page, 'plan.txt').waitFor();
    expect(await link(page, 'other.txt').count()).toBe(0);
    await tab.context.close();
  });

  it('looks like a real folder on a desktop and on a phone', async () => {
    const session = await registerAndLogin(harness.url);
    const folder = await call<ApiFolder>(harness.url, 'POST', '/api/v1/folders', { token: session.token, body: { name: 'Invoices' } });
    expect(folder.status).toBe(201);
    await call(harness.url, 'POST', '/api/v1/folders', { token: session.token, body: { name: 'Photos' } });
    await uploadOver(harness, session, 'budget-2026.csv', 'month,amount\njanuary,1200\nfebruary,1350\nmarch,990\n'.repeat(40));
    await uploadOver(harness, session, 'meeting-notes.md', '# Weekly meeting\n\n- ship the console\n- review the quota\n'.repeat(30));
    await uploadOver(harness, session, 'readme.txt', 'Filora keeps your files.\n'.repeat(200));
    const photo = await call<ApiFile>(harness.url, 'POST', '/api/v1/files', {
      token: session.token,
      body: {
        name: 'team-photo.png',
        content: Buffer.concat([PNG_HEADER, Buffer.alloc(20_000, 7)]).toString('base64'),
        encoding: 'base64',
      },
    });
    expect(photo.status).toBe(201);

    const desktop = await openConsole(harness, 'desktop');
    await useSession(desktop, session);
    await desktop.page.goto('/app/files');
    await link(desktop.page, 'team-photo.png').waitFor();
    await desktop.page.getByRole('figure').getByText('image/png').waitFor();
    await desktop.page.getByRole('region', { name: 'Storage' }).getByText('of 500 kB').waitFor();
    expect(await desktop.page.getByRole('progressbar', { name: 'Storage quota used' }).getAttribute('max')).toBe(String(QUOTA_BYTES));
    await checkPage(desktop.page, 'files-desktop');

    // A folder is shared from its row: the sharing dialog opens for it and closes with Escape.
    await desktop.page.getByRole('button', { name: 'Share Invoices' }).click();
    const share = desktop.page.getByRole('dialog', { name: 'Share Invoices' });
    await share.waitFor();
    await desktop.page.keyboard.press('Escape');
    await share.waitFor({ state: 'detached' });

    // A search by type; a type the API cannot read is refused in its words.
    await desktop.page.getByLabel('Type', { exact: true }).fill('image/*');
    await desktop.page.getByRole('button', { name: 'Search', exact: true }).click();
    await desktop.page.getByRole('heading', { name: 'Search results in all folders' }).waitFor();
    await link(desktop.page, 'budget-2026.csv').waitFor({ state: 'detached' });
    await link(desktop.page, 'team-photo.png').waitFor();
    await desktop.page.getByLabel('Type', { exact: true }).fill('image');
    await desktop.page.getByRole('button', { name: 'Search', exact: true }).click();
    await desktop.page.getByRole('alert').filter({ hasText: 'Could not search' }).getByText('mime_type').waitFor();
    await desktop.context.close();

    const phone = await openConsole(harness, 'phone');
    await useSession(phone, session);
    await phone.page.goto('/app/files');
    await link(phone.page, 'budget-2026.csv').waitFor();
    await checkPage(phone.page, 'files-phone');
    await phone.page.getByRole('button', { name: 'Move budget-2026.csv' }).click();
    const dialog = phone.page.getByRole('dialog', { name: 'Move budget-2026.csv' });
    await dialog.getByRole('button', { name: 'Open Invoices' }).waitFor();
    await checkPage(phone.page, 'files-move-dialog-phone');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await phone.context.close();
  });

  it('shows the API’s refusal of a file larger than the upload limit, beside that file', async () => {
    const session = await registerAndLogin(harness.url);
    const tab = await openConsole(harness, 'desktop');
    await useSession(tab, session);
    const { page } = tab;
    await page.goto('/app/files');
    await page.getByText('No files here yet — upload or drop files').waitFor();
    await page.getByLabel('Upload files').setInputFiles([
      { name: 'huge.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(MAX_UPLOAD_BYTES + 1, 1) },
      { name: 'small.txt', mimeType: 'text/plain', buffer: Buffer.from('fits') },
    ]);
    const refusal = page.getByRole('alert').filter({ hasText: 'Could not upload huge.bin' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/Request id/);
    // Every byte was sent before the refusal: a full progress bar would say otherwise.
    await page.getByRole('progressbar', { name: /small\.txt/ }).waitFor();
    expect(await page.getByRole('progressbar', { name: /huge\.bin/ }).count()).toBe(0);
    await checkPage(page, 'files-upload-refused-desktop');
    await link(page, 'small.txt').waitFor();
    expect((await filesOver(harness, session, 'folder_id=root')).map((file) => file.name)).toEqual(['small.txt']);
    await tab.context.close();
  });

  it('offers a grantee with a view share none of the owner’s controls, and the owner all of them', async () => {
    const owner = await registerAndLogin(harness.url);
    const grantee = await registerAndLogin(harness.url);
    const folder = await call<ApiFolder>(harness.url, 'POST', '/api/v1/folders', { token: owner.token, body: { name: 'Team plans' } });
    expect(folder.status).toBe(201);
    const plan = await call<ApiFile>(harness.url, 'POST', '/api/v1/files', {
      token: owner.token,
      body: { name: 'roadmap.txt', content: 'quarter by quarter', folder_id: folder.body.id },
    });
    expect(plan.status).toBe(201);
    const shared = await call(harness.url, 'POST', `/api/v1/folders/${folder.body.id}/shares`, {
      token: owner.token,
      body: { usernames: grantee.user.username, permission: 'view' },
    });
    expect(shared.status).toBeLessThan(300);

    const OWNER_ONLY = ['Rename roadmap.txt', 'Move roadmap.txt', 'Share roadmap.txt', 'Delete roadmap.txt'];
    const tab = await openConsole(harness, 'desktop');
    await useSession(tab, grantee);
    const { page } = tab;
    await page.goto(`/app/files/folders/${folder.body.id}`);
    await page.getByRole('heading', { level: 1, name: 'Team plans' }).waitFor();
    await link(page, 'roadmap.txt').waitFor();
    const breadcrumb = page.getByRole('navigation', { name: 'Breadcrumb' });
    await breadcrumb.getByRole('link', { name: 'Shared with me' }).waitFor();
    expect(await breadcrumb.getByRole('link', { name: 'My files' }).count()).toBe(0);
    for (const name of OWNER_ONLY) expect(await page.getByRole('button', { name }).count()).toBe(0);
    expect(await page.getByLabel('Upload files').count()).toBe(0);
    expect(await page.getByLabel('New folder name').count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Storage' }).count()).toBe(0);
    await checkPage(page, 'files-shared-folder-desktop');

    await link(page, 'roadmap.txt').click();
    await page.getByRole('heading', { level: 1, name: 'roadmap.txt' }).waitFor();
    await page.getByRole('heading', { name: 'Versions' }).waitFor();
    expect(await page.getByRole('button', { name: 'Share', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Delete roadmap.txt' }).count()).toBe(0);
    expect(await page.getByLabel('Upload a new version').count()).toBe(0);
    expect(await page.getByLabel('Tags', { exact: true }).count()).toBe(0);
    await tab.context.close();

    const ownerTab = await openConsole(harness, 'desktop');
    await useSession(ownerTab, owner);
    await ownerTab.page.goto(`/app/files/folders/${folder.body.id}`);
    await link(ownerTab.page, 'roadmap.txt').waitFor();
    for (const name of OWNER_ONLY) await ownerTab.page.getByRole('button', { name }).waitFor();
    await ownerTab.page.getByLabel('Upload files').waitFor();
    await ownerTab.page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'My files' }).waitFor();
    await ownerTab.page.goto(`/app/files/${plan.body.id}`);
    await ownerTab.page.getByRole('button', { name: 'Delete roadmap.txt' }).waitFor();
    await ownerTab.page.getByRole('button', { name: 'Share', exact: true }).waitFor();
    await ownerTab.page.getByLabel('Upload a new version').waitFor();
    await ownerTab.context.close();
  });

  it('says a file is gone, with no actions, when it is deleted while its page is open or opened after', async () => {
    const session = await registerAndLogin(harness.url);
    const file = await uploadOver(harness, session, 'short-lived.txt', 'soon gone');
    const tab = await openConsole(harness, 'desktop');
    await useSession(tab, session);
    const { page } = tab;
    await page.goto(`/app/files/${file.id}`);
    await page.getByRole('heading', { level: 1, name: 'short-lived.txt' }).waitFor();
    expect((await call(harness.url, 'DELETE', `/api/v1/files/${file.id}`, { token: session.token })).status).toBeLessThan(300);
    await page.getByText('This file was deleted or is not shared with you.').waitFor();
    expect(await page.getByRole('button', { name: 'Download', exact: true }).count()).toBe(0);
    expect(await page.getByLabel('Upload a new version').count()).toBe(0);
    await page.reload();
    await page.getByText('This file was deleted or is not shared with you.').waitFor();
    await link(page, 'Back to My files').click();
    await page.getByRole('heading', { level: 1, name: 'My files' }).waitFor();
    await tab.context.close();
  });

  it('keeps a search in the address (Back from a result, reload) and renames with the keyboard alone', async () => {
    const session = await registerAndLogin(harness.url);
    await uploadOver(harness, session, 'invoice-march.txt', 'march');
    await uploadOver(harness, session, 'holiday.txt', 'sun');
    const tab = await openConsole(harness, 'desktop');
    await useSession(tab, session);
    const { page } = tab;
    await page.goto('/app/files');
    await link(page, 'holiday.txt').waitFor();
    await page.getByLabel('Name contains').fill('invoice');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('heading', { name: 'Search results in all folders' }).waitFor();
    await link(page, 'holiday.txt').waitFor({ state: 'detached' });
    expect(new URL(page.url()).searchParams.get('q')).toBe('invoice');
    await link(page, 'invoice-march.txt').click();
    await page.getByRole('heading', { level: 1, name: 'invoice-march.txt' }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { name: 'Search results in all folders' }).waitFor();
    await link(page, 'invoice-march.txt').waitFor();
    expect(await link(page, 'holiday.txt').count()).toBe(0);
    expect(await page.getByLabel('Name contains').inputValue()).toBe('invoice');
    await page.reload();
    await link(page, 'invoice-march.txt').waitFor();
    expect(await link(page, 'holiday.txt').count()).toBe(0);
    await page.getByRole('button', { name: 'Clear search' }).click();
    await link(page, 'holiday.txt').waitFor();

    // Escape cancels a rename; focus goes back to the Rename button, after Cancel and after Save as well.
    const renameButton = page.getByRole('button', { name: 'Rename holiday.txt' });
    const focusedName = () => page.evaluate('document.activeElement?.getAttribute("aria-label")');
    await renameButton.focus();
    await page.keyboard.press('Enter');
    const input = page.getByLabel('New name for holiday.txt');
    await input.waitFor();
    await page.keyboard.type('ignored');
    await page.keyboard.press('Escape');
    await input.waitFor({ state: 'detached' });
    expect(await focusedName()).toBe('Rename holiday.txt');
    expect((await filesOver(harness, session, 'folder_id=root')).map((file) => file.name).sort()).toEqual([
      'holiday.txt',
      'invoice-march.txt',
    ]);
    await page.keyboard.press('Enter');
    await input.fill('summer-holiday.txt');
    await page.keyboard.press('Enter');
    await link(page, 'summer-holiday.txt').waitFor();
    const renamedButton = page.getByRole('button', { name: 'Rename summer-holiday.txt' });
    await renamedButton.waitFor();
    expect(await focusedName()).toBe('Rename summer-holiday.txt');
    expect((await filesOver(harness, session, 'folder_id=root')).map((file) => file.name)).toContain('summer-holiday.txt');
    await tab.context.close();
  });
});
