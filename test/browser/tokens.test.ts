import type { Page } from 'playwright-core';
import { call, registerAndLogin } from '../support/http';
import type { ConsoleHarness } from '../support/browser';
import { BROWSER_TEST_TIMEOUT_MS, checkPage, describeInBrowser, openConsole, startConsoleHarness, useSession } from '../support/browser';

jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

interface TokenAnswer {
  id: string;
  name: string;
  scopes: string[];
  ip_allowlist: string[];
  rate_limit: number;
  status: string;
  expires_at: string | null;
}

/** A date some days ahead as YYYY-MM-DD (the date input's value), in the local time zone like the browser's. */
function daysAhead(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Asks again until the answer is the expected one (a revoked secret stops working on every process within a second). */
async function eventuallyStatus(request: () => Promise<{ status: number }>, expected: number): Promise<number> {
  let status = (await request()).status;
  for (let attempt = 0; status !== expected && attempt < 20; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    status = (await request()).status;
  }
  return status;
}

/** Presses the secret's copy button and answers what landed on the clipboard. */
async function copySecret(page: Page): Promise<string> {
  const banner = page.getByRole('region', { name: 'New token secret' });
  await banner.getByRole('button', { name: 'Copy new token secret' }).click();
  await banner.getByText('Copied').waitFor();
  const copied = String(await page.evaluate('navigator.clipboard.readText()'));
  expect(await banner.textContent()).toContain(copied);
  return copied;
}

describeInBrowser('API tokens in the console', () => {
  let harness: ConsoleHarness;
  beforeAll(async () => {
    harness = await startConsoleHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('creates a token with scopes, expiry, allowlist and limit, shows its secret once to copy, logs its requests, regenerates and revokes it', async () => {
    const owner = await registerAndLogin(harness.url);
    const tab = await openConsole(harness);
    await useSession(tab, owner);
    const { page } = tab;
    await page.goto('/app/settings/integrations/tokens');
    await page.getByText('No API tokens yet').waitFor();

    await page.getByRole('button', { name: 'New token' }).click();
    const dialog = page.getByRole('dialog', { name: 'New API token' });
    await dialog.getByLabel('Name').fill('Deploy script');
    await dialog.getByRole('checkbox', { name: /files\.read/ }).check();
    await dialog.getByRole('checkbox', { name: /shares\.manage/ }).check();
    await dialog.getByLabel('Expires').selectOption({ label: 'On a date…' });
    const expiryDate = daysAhead(10);
    await dialog.getByLabel('Expiry date').fill(expiryDate);
    await dialog.getByLabel('Rate limit (requests per hour)').fill('500');
    // A line the API refuses is marked at the allowlist box (its first line: body.ip_allowlist.0), not only in the banner.
    const allowlist = dialog.getByLabel('IP allowlist');
    await allowlist.fill('not-an-address\n127.0.0.1');
    await dialog.getByRole('button', { name: 'Create token' }).click();
    await dialog.getByRole('alert').getByText('Could not create the token').waitFor();
    expect(await allowlist.getAttribute('aria-invalid')).toBe('true');
    const complaintId = await dialog.getByText(/^line 1: /).getAttribute('id');
    expect(complaintId).not.toBeNull();
    expect((await allowlist.getAttribute('aria-describedby'))?.split(' ')).toContain(complaintId);
    expect((await call<{ data: unknown[] }>(harness.url, 'GET', '/api/v1/tokens', { token: owner.token })).body.data).toEqual([]);

    await allowlist.fill('127.0.0.1\n::1\n::ffff:127.0.0.1\n10.0.0.0/8');
    await dialog.getByRole('button', { name: 'Create token' }).click();

    // The secret takes the focus when it appears (the dialog and its button are gone).
    await page.getByRole('group', { name: 'New secret for Deploy script' }).waitFor();
    expect(await page.evaluate("document.activeElement.getAttribute('aria-label')")).toBe('New secret for Deploy script');
    const secret = await copySecret(page);
    expect(secret.length).toBeGreaterThan(20);
    await page.getByRole('row', { name: /Deploy script/ }).waitFor();
    await checkPage(page, 'integrations-desktop');

    const listed = await call<{ data: TokenAnswer[] }>(harness.url, 'GET', '/api/v1/tokens', { token: owner.token });
    expect(listed.body.data).toHaveLength(1);
    const created = listed.body.data[0];
    if (created === undefined) throw new Error('the token was not created');
    expect(created).toMatchObject({ name: 'Deploy script', scopes: ['files.read', 'shares.manage'], rate_limit: 500, status: 'active' });
    expect(created.ip_allowlist).toEqual(['127.0.0.1', '::1', '::ffff:127.0.0.1', '10.0.0.0/8']);
    expect(created.expires_at).not.toBeNull();
    expect(new Date(created.expires_at ?? 0).getTime()).toBe(new Date(`${expiryDate}T23:59:59`).getTime());

    // The secret works within its scopes and is refused outside them.
    expect((await call(harness.url, 'GET', '/api/v1/files', { token: secret })).status).toBe(200);
    expect((await call(harness.url, 'GET', '/api/v1/webhooks', { token: secret })).status).toBe(403);

    // Leaving the page forgets the secret: it is shown once.
    await page
      .getByRole('row', { name: /Deploy script/ })
      .getByRole('link', { name: 'Deploy script' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Deploy script' }).waitFor();
    expect(await page.getByRole('region', { name: 'New token secret' }).count()).toBe(0);
    const log = page.getByRole('table', { name: 'Requests made with this token' });
    await log.getByRole('row', { name: /GET \/api\/v1\/webhooks 403/ }).waitFor();
    await log.getByRole('row', { name: /GET \/api\/v1\/files 200/ }).waitFor();
    await page.getByLabel('Status').selectOption('4xx');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await log.getByRole('row', { name: /\/api\/v1\/files 200/ }).waitFor({ state: 'detached' });
    // The filtered page replaces the table (it is gone while it loads): wait for its row, then check the other stays out.
    await log.getByRole('row', { name: /\/api\/v1\/webhooks 403/ }).waitFor();
    expect(await log.getByRole('row', { name: /\/api\/v1\/webhooks 403/ }).count()).toBe(1);
    expect(await log.getByRole('row', { name: /\/api\/v1\/files 200/ }).count()).toBe(0);
    await checkPage(page, 'token-detail-desktop');

    await page.getByRole('button', { name: 'Edit token' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Deploy script' });
    await edit.getByLabel('Name').fill('Deploy bot');
    await edit.getByLabel('Rate limit (requests per hour)').fill('600');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Deploy bot' }).waitFor();
    const edited = await call<TokenAnswer>(harness.url, 'GET', `/api/v1/tokens/${created.id}`, { token: owner.token });
    expect(edited.body).toMatchObject({ name: 'Deploy bot', rate_limit: 600, expires_at: created.expires_at, scopes: created.scopes });

    await page.getByRole('button', { name: 'Regenerate Deploy bot' }).click();
    await page.getByRole('button', { name: 'Regenerate: the old secret stops working' }).click();
    await page.getByRole('group', { name: 'New secret for Deploy bot' }).waitFor();
    expect(await page.evaluate("document.activeElement.getAttribute('aria-label')")).toBe('New secret for Deploy bot');
    const renewed = await copySecret(page);
    expect(renewed).not.toBe(secret);
    expect(await eventuallyStatus(() => call(harness.url, 'GET', '/api/v1/files', { token: secret }), 401)).toBe(401);
    expect((await call(harness.url, 'GET', '/api/v1/files', { token: renewed })).status).toBe(200);

    await page.getByRole('button', { name: 'Revoke Deploy bot' }).click();
    await page.getByRole('button', { name: 'Revoke for good' }).click();
    await page.getByText('revoked', { exact: true }).waitFor();
    expect(await eventuallyStatus(() => call(harness.url, 'GET', '/api/v1/files', { token: renewed }), 401)).toBe(401);
    const revoked = await call<TokenAnswer>(harness.url, 'GET', `/api/v1/tokens/${created.id}`, { token: owner.token });
    expect(revoked.body.status).toBe('revoked');

    // Another client's changes show without a reload: a token created, then revoked, over the API.
    await page.getByRole('link', { name: '← All API tokens' }).click();
    await page.getByRole('row', { name: /Deploy bot/ }).waitFor();
    const other = await call<{ token: { id: string } }>(harness.url, 'POST', '/api/v1/tokens', {
      token: owner.token,
      body: { name: 'Backup job', scopes: ['files.read'] },
    });
    expect(other.status).toBe(201);
    await page
      .getByRole('row', { name: /Backup job/ })
      .getByRole('link', { name: 'Backup job' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Backup job' }).waitFor();
    expect((await call(harness.url, 'POST', `/api/v1/tokens/${other.body.token.id}/revoke`, { token: owner.token })).status).toBe(200);
    await page.getByText('revoked', { exact: true }).waitFor();

    const phone = await openConsole(harness, 'phone');
    await useSession(phone, owner);
    await phone.page.goto('/app/settings/integrations/tokens');
    await phone.page.getByRole('row', { name: /Deploy bot/ }).waitFor();
    await checkPage(phone.page, 'tokens-phone');
    await phone.page.getByRole('button', { name: 'New token' }).click();
    await phone.page.getByRole('dialog', { name: 'New API token' }).getByLabel('Name').waitFor();
    await checkPage(phone.page, 'token-form-phone');
    await phone.page.keyboard.press('Escape');
    await phone.page
      .getByRole('row', { name: /Deploy bot/ })
      .getByRole('link', { name: 'Deploy bot' })
      .click();
    await phone.page
      .getByRole('table', { name: 'Requests made with this token' })
      .getByRole('row', { name: /GET \/api\/v1\/files 200/ })
      .first()
      .waitFor();
    await checkPage(phone.page, 'token-detail-phone');
    await phone.context.close();
    await tab.context.close();
  });
});
