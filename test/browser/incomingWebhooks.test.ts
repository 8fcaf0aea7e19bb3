import { createHmac } from 'node:crypto';
import type { Page } from 'playwright-core';
import { call, registerAndLogin } from '../support/http';
import type { ConsoleHarness } from '../support/browser';
import { BROWSER_TEST_TIMEOUT_MS, checkPage, describeInBrowser, openConsole, startConsoleHarness, useSession } from '../support/browser';
import { postToHook } from '../support/incomingReceive';

jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

const LIST = '/app/settings/integrations/incoming';

/** The text of the first element the locator finds, once it shows. */
async function textOf(page: Page, locator: ReturnType<Page['getByRole']>): Promise<string> {
  await locator.first().waitFor();
  return (await locator.first().textContent()) ?? '';
}

/** At phone width the page itself never scrolls sideways: only tables do, inside their frame. */
async function expectPhoneWidth(page: Page): Promise<void> {
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBe(360);
}

async function dryRun(page: Page, payload: string): Promise<void> {
  await page.getByLabel('Sample payload (JSON)').fill(payload);
  await page.getByRole('button', { name: 'Run dry run' }).click();
}

describeInBrowser('incoming webhooks in the console', () => {
  let harness: ConsoleHarness;
  beforeAll(async () => {
    harness = await startConsoleHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('creates a hook, copies its URL once, edits the mapping, dry-runs a payload, and logs a real signed call', async () => {
    const session = await registerAndLogin(harness.url);
    const tab = await openConsole(harness, 'desktop');
    await useSession(tab, session);
    const { page } = tab;

    await page.goto(LIST);
    await page.getByText('No incoming webhooks yet').waitFor();
    await page.getByRole('button', { name: 'New incoming webhook' }).click();
    await page.getByLabel('Name').fill('Contact form');
    await page.getByLabel('Command it runs').selectOption({ label: 'Create a file' });
    await page.getByLabel('Verification', { exact: true }).selectOption({ label: 'HMAC-SHA256 of the body in a header' });
    expect(await page.getByLabel('Target field, row 1').inputValue()).toBe('name');
    expect(await page.getByLabel('Target field, row 2').inputValue()).toBe('content');
    await page.getByLabel('Path, template or value, row 1').fill('title');
    await page.getByLabel('Path, template or value, row 2').fill('body');
    await page.getByRole('button', { name: 'Create webhook' }).click();

    // The URL and the verification secret are shown this once; the URL goes to the clipboard.
    await page.getByRole('region', { name: 'Receive URL' }).waitFor();
    await page.getByRole('button', { name: 'Copy receive URL' }).click();
    await page.getByText('Copied').waitFor();
    const hookUrl = (await page.evaluate('navigator.clipboard.readText()')) as string;
    expect(hookUrl).toMatch(/\/api\/v1\/webhooks\/incoming\/fwh_/);
    expect(await textOf(page, page.getByRole('region', { name: 'Receive URL' }).getByTestId('secret'))).toBe(hookUrl);
    const secret = await textOf(page, page.getByRole('region', { name: 'Verification secret' }).getByTestId('secret'));
    expect(secret.length).toBeGreaterThanOrEqual(16);

    const row = page.getByRole('row', { name: /Contact form/ });
    await row.getByText('0 calls: 0 succeeded, 0 failed').waitFor();
    expect(await row.textContent()).toContain('Create a file');
    const hooks = await call<{ data: Array<{ id: string; verification: { type: string } }> }>(
      harness.url,
      'GET',
      '/api/v1/incoming-webhooks',
      {
        token: session.token,
      },
    );
    expect(hooks.body.data).toHaveLength(1);
    const hookId = hooks.body.data[0]?.id ?? '';
    expect(hooks.body.data[0]?.verification.type).toBe('hmac_sha256');
    await checkPage(page, 'incoming-desktop');

    // The mapping: the name becomes a lower-cased template, and every file gets two tags.
    await page.getByRole('link', { name: 'Open Contact form' }).click();
    await page.getByRole('heading', { level: 1, name: 'Contact form' }).waitFor();
    await page.getByLabel('Source, row 1').selectOption({ label: 'Template' });
    await page.getByLabel('Path, template or value, row 1').fill('{{title}}.txt');
    await page.getByLabel('Transforms, row 1').fill('lower');
    await page.getByRole('button', { name: 'Add field' }).click();
    await page.getByLabel('Target field, row 3').selectOption('tags');
    await page.getByLabel('Source, row 3').selectOption({ label: 'Fixed value' });
    await page.getByLabel('Path, template or value, row 3').fill('["web", "form"]');
    await page.getByText('Runs with the mapping as you edited it, before it is saved').waitFor();

    // The dry run tries the edited mapping before it is saved: a bad payload shows why it would not run; a
    // mapping the API refuses, the field it names; a good payload, the command with the edited mapping's values.
    await dryRun(page, '{"title": ');
    await page.getByText('The sample payload is not JSON').waitFor();
    await dryRun(page, '{"body": "no title here"}');
    expect(await textOf(page, page.getByRole('alert').filter({ hasText: 'This payload would not run' }))).toContain('title');
    await page.getByLabel('Transforms, row 1').fill('shout');
    await dryRun(page, '{"title": "Hello World", "body": "Please call me back."}');
    expect(await textOf(page, page.getByRole('alert').filter({ hasText: 'The dry run did not run' }))).toContain(
      'body.field_mapping.name.transform',
    );
    await page.getByLabel('Transforms, row 1').fill('lower');
    await page.getByRole('button', { name: 'Run dry run' }).click();
    const result = page.getByRole('status').filter({ hasText: 'Would create a new file' });
    expect(await textOf(page, result)).toContain('hello world.txt');
    expect(await result.textContent()).toContain('Please call me back.');
    expect(await result.textContent()).toContain('["web","form"]');
    expect(await result.textContent()).toContain('Mapped with your edits, before they were saved.');
    const hookApi = `/api/v1/incoming-webhooks/${hookId}`;
    const unsaved = await call<{ field_mapping: unknown }>(harness.url, 'GET', hookApi, { token: session.token });
    expect(unsaved.body.field_mapping).toEqual({ name: 'title', content: 'body' });
    await checkPage(page, 'incoming-detail-desktop');

    // Saved, the same payload runs with the saved mapping, which now is the edited one.
    await page.getByRole('button', { name: 'Save mapping' }).click();
    await page.getByText('Mapping saved').waitFor();
    const saved = await call<{ field_mapping: unknown }>(harness.url, 'GET', hookApi, { token: session.token });
    expect(saved.body.field_mapping).toEqual({
      name: { template: '{{title}}.txt', transform: 'lower' },
      content: 'body',
      tags: { value: ['web', 'form'] },
    });
    await page.getByText('Runs with the saved mapping.').waitFor();
    await page.getByRole('button', { name: 'Run dry run' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Mapped with the saved mapping.' })
      .getByText('hello world.txt', { exact: true })
      .waitFor();
    const noFiles = await call<{ data: unknown[] }>(harness.url, 'GET', '/api/v1/files', { token: session.token });
    expect(noFiles.body.data).toEqual([]);

    // A real call from the sender, signed as the hook requires; and one unsigned, refused.
    const body = JSON.stringify({ title: 'Hello World', body: 'Please call me back.' });
    const signature = createHmac('sha256', secret).update(body).digest('hex');
    const received = await postToHook(hookUrl, undefined, { 'X-Signature': signature }, body);
    expect(received.status).toBe(201);
    const refused = await postToHook(hookUrl, { title: 'forged', body: 'x' });
    expect(refused.status).toBe(401);
    const file = await call<{ name: string; tags: string[] }>(harness.url, 'GET', `/api/v1/files/${received.body.id}`, {
      token: session.token,
    });
    expect(file.body.name).toBe('hello world.txt');
    expect(file.body.tags).toEqual(['web', 'form']);

    const calls = page.getByRole('region', { name: 'Calls' });
    await calls.getByRole('button', { name: 'Refresh' }).click();
    await calls.getByRole('link', { name: 'The file it created' }).waitFor();
    await page.getByText('2 calls: 1 succeeded, 1 failed').waitFor();
    const table = calls.getByRole('table');
    await table.getByText('Invalid signature').waitFor();
    await page.getByLabel('Outcome').selectOption({ label: 'Succeeded' });
    await table.getByText('Invalid signature').waitFor({ state: 'detached' });
    await table.getByRole('link', { name: 'The file it created' }).waitFor();
    expect(await table.getByRole('row').count()).toBe(2);
    await calls.getByText('Request details').click();
    expect(await calls.getByText('"title":"Hello World"').count()).toBe(1);
    await checkPage(page, 'incoming-log-desktop');
    await calls.getByRole('link', { name: 'The file it created' }).click();
    await page.waitForURL(new RegExp(`/app/files/${received.body.id}$`));

    // The list shows each hook's counts from its own answer: no read of each hook.
    const hookReads: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes(hookApi)) hookReads.push(request.url());
    });
    await page.goto(LIST);
    await page
      .getByRole('row', { name: /Contact form/ })
      .getByText('2 calls: 1 succeeded, 1 failed')
      .waitFor();
    expect(hookReads).toEqual([]);
    await tab.context.close();
  });

  it('shows the list and a hook at phone width, switches it off, gives it a new URL and deletes it', async () => {
    const session = await registerAndLogin(harness.url);
    const created = await call<{ id: string; url: string }>(harness.url, 'POST', '/api/v1/incoming-webhooks', {
      token: session.token,
      body: { name: 'Folders from a form', action: 'create_folder', field_mapping: { name: 'folder' } },
    });
    expect(created.status).toBe(201);
    const tab = await openConsole(harness, 'phone');
    await useSession(tab, session);
    await tab.page.goto(LIST);
    await tab.page.getByRole('link', { name: 'Folders from a form' }).waitFor();
    await expectPhoneWidth(tab.page);
    await checkPage(tab.page, 'incoming-phone');
    await tab.page.getByRole('button', { name: 'New incoming webhook' }).click();
    await tab.page.getByLabel('Command it runs').selectOption({ label: 'Update a file' });
    expect(await tab.page.getByLabel('Find the file by').inputValue()).toBe('name');
    // A setting the API refuses is named under its field.
    await tab.page.getByLabel('Name').fill('Signed oddly');
    await tab.page.getByLabel('Verification', { exact: true }).selectOption({ label: 'HMAC-SHA256 of the body in a header' });
    await tab.page.getByLabel('Signature header').fill('X Signature');
    await tab.page.getByRole('button', { name: 'Create webhook' }).click();
    await tab.page.getByRole('alert').filter({ hasText: 'The webhook was not created' }).waitFor();
    expect(await tab.page.getByLabel('Signature header').getAttribute('aria-invalid')).toBe('true');
    await expectPhoneWidth(tab.page);
    await checkPage(tab.page, 'incoming-create-phone');
    await tab.page.getByRole('button', { name: 'Cancel' }).click();
    await tab.page.getByRole('link', { name: 'Folders from a form' }).click();
    await tab.page.getByRole('heading', { level: 1, name: 'Folders from a form' }).waitFor();
    await tab.page.getByText('No calls yet').waitFor();
    await expectPhoneWidth(tab.page);
    await checkPage(tab.page, 'incoming-detail-phone');

    // Off and on, a new URL in place of the old one, and gone.
    const hookApi = `/api/v1/incoming-webhooks/${created.body.id}`;
    await tab.page.getByRole('button', { name: 'Disable' }).click();
    await tab.page.getByRole('button', { name: 'Enable' }).waitFor();
    expect((await call<{ enabled: boolean }>(harness.url, 'GET', hookApi, { token: session.token })).body.enabled).toBe(false);
    await tab.page.getByRole('button', { name: 'Regenerate URL' }).click();
    await tab.page.getByRole('button', { name: 'Replace the URL' }).click();
    const newUrl = await textOf(tab.page, tab.page.getByRole('region', { name: 'Receive URL' }).getByTestId('secret'));
    expect(newUrl).not.toBe(created.body.url);
    expect((await postToHook(created.body.url, { folder: 'late' })).status).toBe(404);
    expect((await postToHook(newUrl, { folder: 'while off' })).status).toBe(403);
    await tab.page.getByRole('button', { name: 'Delete Folders from a form' }).click();
    await tab.page.getByRole('button', { name: 'Delete', exact: true }).click();
    await tab.page.getByText('No incoming webhooks yet').waitFor();
    expect((await call(harness.url, 'GET', hookApi, { token: session.token })).status).toBe(404);
    await tab.context.close();
  });
});
