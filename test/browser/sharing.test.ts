import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { call, registerAndLogin, uniqueUser } from '../support/http';
import type { ConsoleHarness } from '../support/browser';
import { BROWSER_TEST_TIMEOUT_MS, checkPage, describeInBrowser, openConsole, startConsoleHarness, useSession } from '../support/browser';

jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

type Session = Awaited<ReturnType<typeof registerAndLogin>>;
interface ApiShare {
  user_id: string;
  username: string;
  permission: string;
  via: string;
}
interface ApiLink {
  url: string;
  token: string;
  status: string;
  has_password: boolean;
  expires_at: string | null;
  permission: string;
}

const PASSWORD = 'open sesame';
const CONTENT = 'Quarterly figures, shared for review.';

/** A datetime-local value (the browser's local time, which is this process's) a day ahead. */
function tomorrowLocal(): { input: string; date: Date } {
  const date = new Date(Date.now() + 24 * 3600_000);
  date.setSeconds(0, 0);
  const two = (n: number) => String(n).padStart(2, '0');
  return {
    input: `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}`,
    date,
  };
}

async function uploadOver(harness: ConsoleHarness, owner: Session, name: string, folderId: string | null = null): Promise<string> {
  const answer = await call<{ id: string }>(harness.url, 'POST', '/api/v1/files', {
    token: owner.token,
    body: { name, content: CONTENT, folder_id: folderId },
  });
  expect(answer.status).toBe(201);
  return answer.body.id;
}

async function sharesOver(harness: ConsoleHarness, owner: Session, fileId: string): Promise<ApiShare[]> {
  const answer = await call<{ shares: ApiShare[] }>(harness.url, 'GET', `/api/v1/files/${fileId}/shares`, { token: owner.token });
  expect(answer.status).toBe(200);
  return answer.body.shares;
}

async function openShareDialog(page: Page, filename: string) {
  await page.goto('/app/files');
  await page.getByRole('button', { name: `Share ${filename}`, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Share ${filename}` });
  await dialog.waitFor();
  return dialog;
}

describeInBrowser('sharing in Chromium', () => {
  let harness: ConsoleHarness;
  beforeAll(async () => {
    harness = await startConsoleHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('shares a file with a user found by typing, revokes it, and makes a password-protected public link that answers anonymously', async () => {
    const owner = await registerAndLogin(harness.url, uniqueUser('owner'));
    const recipient = await registerAndLogin(harness.url, uniqueUser('reviewer'));
    const fileId = await uploadOver(harness, owner, 'figures.txt');
    const tab = await openConsole(harness, 'desktop');
    await useSession(tab, owner);
    const { page } = tab;
    const dialog = await openShareDialog(page, 'figures.txt');
    await dialog.getByText('Not shared with anyone yet').waitFor();

    // A part of the name is enough: the search runs as the user types.
    await dialog.getByLabel('Find people').pressSequentially(recipient.user.username.slice(0, 12));
    const match = dialog.getByRole('list', { name: 'Matching people' }).getByRole('button', { name: `@${recipient.user.username}` });
    // Picked with the keyboard: the arrow key reaches the match, Enter adds it.
    await match.waitFor();
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate('document.activeElement.textContent')).toContain(`@${recipient.user.username}`);
    await page.keyboard.press('Enter');
    await dialog.getByRole('list', { name: 'Share with' }).getByText(`@${recipient.user.username}`).waitFor();
    await dialog.getByLabel('Permission', { exact: true }).selectOption('write');
    await dialog.getByRole('button', { name: 'Share', exact: true }).click();
    await dialog.getByText(`Shared with ${recipient.user.username}.`).waitFor();
    const access = dialog.getByRole('list', { name: 'People with access' });
    await access.getByText(`@${recipient.user.username}`).waitFor();
    expect(await access.getByRole('listitem').first().textContent()).toContain('Edit');
    expect(await sharesOver(harness, owner, fileId)).toEqual([
      expect.objectContaining({ user_id: recipient.id, permission: 'write', via: 'direct' }),
    ]);
    await checkPage(page, 'share-dialog-desktop');

    await dialog.getByRole('button', { name: `Revoke ${recipient.user.username}` }).click();
    await dialog.getByRole('button', { name: 'Revoke access' }).click();
    await dialog.getByText('Not shared with anyone yet').waitFor();
    expect(await sharesOver(harness, owner, fileId)).toEqual([]);

    // A public link with a password and an expiry; its address is copied and works for anyone with the password.
    const expiry = tomorrowLocal();
    await dialog.getByLabel('Link expires (optional)').fill(expiry.input);
    await dialog.getByLabel('Password (optional)').fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Create link' }).click();
    const links = dialog.getByRole('list', { name: 'Public links' });
    await links.getByText('Active').waitFor();
    expect(await links.textContent()).toContain('Password');
    await links.getByRole('button', { name: 'Copy link' }).click();
    await links.getByText('Copied').waitFor();
    const copied = String(await page.evaluate('navigator.clipboard.readText()'));
    // The console's page for the link (a person opens it in a browser), named by the link's token.
    expect(copied).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/app\/l\/[A-Za-z0-9_-]+$/);
    const token = copied.slice(copied.lastIndexOf('/') + 1);

    const stored = await call<{ data: ApiLink[] }>(harness.url, 'GET', `/api/v1/files/${fileId}/links`, { token: owner.token });
    expect(stored.body.data).toEqual([expect.objectContaining({ token, status: 'active', has_password: true, permission: 'download' })]);
    expect(new Date(stored.body.data[0]?.expires_at ?? 0).getTime()).toBe(expiry.date.getTime());
    const apiAddress = stored.body.data[0]?.url ?? '';

    const withoutPassword = await fetch(apiAddress);
    expect(withoutPassword.status).toBe(401);
    const withPassword = await fetch(apiAddress, { headers: { 'X-Link-Password': PASSWORD } });
    expect(withPassword.status).toBe(200);
    expect(JSON.stringify(await withPassword.json())).toContain('figures.txt');
    const content = await fetch(`${apiAddress}/download`, { headers: { 'X-Link-Password': PASSWORD } });
    expect(await content.text()).toBe(CONTENT);

    await links.getByRole('button', { name: 'Revoke link' }).click();
    await links.getByRole('button', { name: 'Revoke link now' }).click();
    await links.getByText('Revoked', { exact: true }).waitFor();
    expect((await fetch(apiAddress, { headers: { 'X-Link-Password': PASSWORD } })).status).toBe(404);
    await tab.context.close();

    const phone = await openConsole(harness, 'phone');
    await useSession(phone, owner);
    await openShareDialog(phone.page, 'figures.txt');
    await phone.page.getByRole('list', { name: 'Public links' }).getByText('Revoked', { exact: true }).waitFor();
    await phone.page.getByRole('list', { name: 'Public links' }).scrollIntoViewIfNeeded();
    await checkPage(phone.page, 'share-dialog-phone');
    await phone.context.close();
  });

  it('lists what was shared with me and by me, with the counters, and switches tabs with the arrow keys', async () => {
    const owner = await registerAndLogin(harness.url, uniqueUser('sharer'));
    const recipient = await registerAndLogin(harness.url, uniqueUser('receiver'));
    const teammate = await registerAndLogin(harness.url, uniqueUser('teammate'));
    const folder = await call<{ id: string }>(harness.url, 'POST', '/api/v1/folders', { token: owner.token, body: { name: 'Team' } });
    expect(folder.status).toBe(201);
    const fileId = await uploadOver(harness, owner, 'plan.txt', folder.body.id);
    const folderShared = await call(harness.url, 'POST', `/api/v1/folders/${folder.body.id}/shares`, {
      token: owner.token,
      body: { usernames: [teammate.user.username], permission: 'view' },
    });
    expect(folderShared.status).toBe(201);
    const shared = await call(harness.url, 'POST', `/api/v1/files/${fileId}/shares`, {
      token: owner.token,
      body: { usernames: recipient.user.username, permission: 'read' },
    });
    expect(shared.status).toBe(201);

    const tab = await openConsole(harness, 'desktop');
    await useSession(tab, owner);
    const { page } = tab;
    await page.goto('/app/shared');
    await page.getByRole('heading', { level: 1, name: 'Shared' }).waitFor();
    const received = page.getByRole('tab', { name: 'Shared with me' });
    expect(await received.getAttribute('aria-selected')).toBe('true');
    await page.getByText('Nothing is shared with you yet').waitFor();
    await received.focus();
    await page.keyboard.press('ArrowRight');
    const sent = page.getByRole('tab', { name: 'Shared by me' });
    expect(await sent.getAttribute('aria-selected')).toBe('true');
    // The tab is in the address, so a reload (or Back to this page) keeps it.
    expect(new URL(page.url()).searchParams.get('view')).toBe('sent');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Shared' }).waitFor();
    expect(await sent.getAttribute('aria-selected')).toBe('true');
    const row = page.getByRole('tabpanel').getByRole('row').filter({ hasText: 'plan.txt' });
    await row.getByText(`@${recipient.user.username}`).waitFor();
    expect(await row.textContent()).toContain('Download');
    const counters = await page.getByRole('region', { name: 'At a glance' }).textContent();
    expect(counters).toMatch(/You shared2(?!\d)/);
    expect(counters).toMatch(/People you share with2(?!\d)/);
    await checkPage(page, 'sharing-desktop');

    // Manage from the list: the dialog shows the grantee, and the teammate who has it through the folder.
    await row.getByRole('button', { name: 'Manage sharing of plan.txt' }).click();
    const access = page.getByRole('dialog', { name: 'Share plan.txt' }).getByRole('list', { name: 'People with access' });
    const direct = access.getByRole('listitem').filter({ hasText: `@${recipient.user.username}` });
    const inherited = access.getByRole('listitem').filter({ hasText: `@${teammate.user.username}` });
    await direct.getByRole('button', { name: `Revoke ${recipient.user.username}` }).waitFor();
    await inherited.getByText('Through a shared folder').waitFor();
    expect(await inherited.getByRole('link', { name: 'Manage on the folder' }).getAttribute('href')).toBe(
      `/app/files/folders/${folder.body.id}`,
    );
    expect(await inherited.getByRole('button').count()).toBe(0);
    await tab.context.close();

    const phone = await openConsole(harness, 'phone');
    await useSession(phone, recipient);
    await phone.page.goto('/app/shared');
    const mine = phone.page.getByRole('tabpanel').getByRole('row').filter({ hasText: 'plan.txt' });
    await mine.getByText(`@${owner.user.username}`).waitFor();
    const [download] = await Promise.all([
      phone.page.waitForEvent('download'),
      mine.getByRole('button', { name: 'Download plan.txt' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('plan.txt');
    expect(readFileSync(await download.path(), 'utf8')).toBe(CONTENT);
    await checkPage(phone.page, 'sharing-phone');
    await phone.context.close();
  });
});
