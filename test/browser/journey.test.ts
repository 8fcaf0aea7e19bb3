import { call, registerAndLogin, uniqueUser } from '../support/http';
import type { ConsoleHarness } from '../support/browser';
import { BROWSER_TEST_TIMEOUT_MS, checkPage, describeInBrowser, openConsole, startConsoleHarness, useSession } from '../support/browser';

jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

interface ApiFile {
  id: string;
  name: string;
  size: number;
}
interface ApiSharedItem {
  file_id: string | null;
  filename: string;
  permission: string;
  shared_by: { username: string };
  shared_with: { username: string };
}

/**
 * The first two Done-when lines: register → upload two files by the file input → rename → share with a
 * second user; the second user, in another browser context, sees the file appear live without a reload.
 */
describeInBrowser('the owner’s and the recipient’s journey in Chromium', () => {
  let harness: ConsoleHarness;
  beforeAll(async () => {
    harness = await startConsoleHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('registers, uploads two files, renames one and shares it; the recipient sees it arrive live', async () => {
    const recipient = await registerAndLogin(harness.url, uniqueUser('recipient'));
    const receiving = await openConsole(harness, 'desktop');
    await useSession(receiving, recipient);
    await receiving.page.goto('/app/shared');
    await receiving.page.getByText('Nothing is shared with you yet').waitFor();
    await receiving.page.getByText('Live', { exact: true }).waitFor();
    await receiving.page.evaluate('window.__journeyMarker = 1');
    const recipientUrl = receiving.page.url();

    const owner = uniqueUser('owner');
    const owning = await openConsole(harness, 'desktop');
    const { page } = owning;
    await page.goto('/app/register');
    await page.getByLabel('Username').fill(owner.username);
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Display name (optional)').fill(owner.display_name);
    await page.getByLabel('Password', { exact: true }).fill(owner.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { level: 1, name: 'My files' }).waitFor();

    await page.getByLabel('Upload files').setInputFiles([
      { name: 'draft.txt', mimeType: 'text/plain', buffer: Buffer.from('The quarterly report, first draft.') },
      { name: 'budget.csv', mimeType: 'text/csv', buffer: Buffer.from('item,amount\nrent,1200\n') },
    ]);
    await page.getByRole('link', { name: 'draft.txt', exact: true }).waitFor();
    await page.getByRole('link', { name: 'budget.csv', exact: true }).waitFor();

    await page.getByRole('button', { name: 'Rename draft.txt' }).click();
    await page.getByLabel('New name for draft.txt').fill('quarterly-report.txt');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByRole('link', { name: 'quarterly-report.txt', exact: true }).waitFor();

    await page.getByRole('button', { name: 'Share quarterly-report.txt' }).click();
    const dialog = page.getByRole('dialog', { name: 'Share quarterly-report.txt' });
    await dialog.getByLabel('Find people').pressSequentially(recipient.user.username.slice(0, 12));
    await dialog
      .getByRole('list', { name: 'Matching people' })
      .getByRole('button', { name: `@${recipient.user.username}` })
      .click();
    await dialog.getByRole('button', { name: 'Share', exact: true }).click();
    await dialog.getByText(`Shared with ${recipient.user.username}.`).waitFor();
    await dialog.getByRole('list', { name: 'People with access' }).getByText(`@${recipient.user.username}`).waitFor();
    await checkPage(page, 'journey-owner');

    // The recipient's page, untouched since it opened, shows the file: the realtime feed brought it.
    const row = receiving.page.getByRole('tabpanel').getByRole('row').filter({ hasText: 'quarterly-report.txt' });
    await row.getByText(`@${owner.username}`).waitFor();
    expect(await receiving.page.evaluate('window.__journeyMarker')).toBe(1);
    expect(receiving.page.url()).toBe(recipientUrl);
    await checkPage(receiving.page, 'journey-recipient');

    // And over the API: the account exists, its two files are stored under their names, one is shared.
    const login = await call<{ access_token: string }>(harness.url, 'POST', '/api/v1/auth/login', {
      body: { username: owner.username, password: owner.password },
    });
    expect(login.status).toBe(200);
    const files = await call<{ data: ApiFile[] }>(harness.url, 'GET', '/api/v1/files?folder_id=root', { token: login.body.access_token });
    expect(files.body.data.map((file) => file.name).sort()).toEqual(['budget.csv', 'quarterly-report.txt']);
    const report = files.body.data.find((file) => file.name === 'quarterly-report.txt');
    const received = await call<{ data: ApiSharedItem[] }>(harness.url, 'GET', '/api/v1/shared?view=received', { token: recipient.token });
    expect(received.body.data).toEqual([
      expect.objectContaining({
        file_id: report?.id,
        filename: 'quarterly-report.txt',
        permission: 'read',
        shared_by: expect.objectContaining({ username: owner.username }),
      }),
    ]);
    await owning.context.close();
    await receiving.context.close();
  });
});
