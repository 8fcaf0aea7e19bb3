import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { call, registerAndLogin } from '../support/http';
import type { ConsoleHarness } from '../support/browser';
import { BROWSER_TEST_TIMEOUT_MS, checkPage, describeInBrowser, openConsole, startConsoleHarness, useSession } from '../support/browser';

jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

/** The figure a chart shows beside a label (BarChart rows read "label value"). */
async function chartRow(page: Page, chart: string, label: string): Promise<string> {
  const row = page.getByRole('figure', { name: chart }).getByRole('listitem').filter({ hasText: label });
  return (await row.textContent()) ?? '';
}

describeInBrowser('API usage in the console', () => {
  let harness: ConsoleHarness;
  beforeAll(async () => {
    harness = await startConsoleHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('shows requests per day, by status and by token after a token made some calls', async () => {
    const owner = await registerAndLogin(harness.url);
    const issued = await call<{ secret: string; token: { id: string } }>(harness.url, 'POST', '/api/v1/tokens', {
      token: owner.token,
      body: { name: 'Nightly sync', scopes: ['files.read'] },
    });
    expect(issued.status).toBe(201);
    const token = issued.body.secret;
    for (let index = 0; index < 3; index++) expect((await call(harness.url, 'GET', '/api/v1/files', { token })).status).toBe(200);
    expect((await call(harness.url, 'GET', `/api/v1/files/${randomUUID()}`, { token })).status).toBe(404);

    const tab = await openConsole(harness);
    await useSession(tab, owner);
    await tab.page.goto('/app/settings/integrations/usage');
    await tab.page.getByRole('heading', { name: 'Requests per day' }).waitFor();
    expect(await chartRow(tab.page, 'Requests by token', 'Nightly sync')).toMatch(/^Nightly sync\s*4$/);
    // The console's own requests count as well (all answered 2xx), so only the 4xx figure is known exactly.
    expect(await chartRow(tab.page, 'Requests by status class', '4xx')).toMatch(/^4xx\s*1$/);
    const stats = await call<{ by_day: { day: string; requests: number }[] }>(harness.url, 'GET', '/api/v1/integrations/stats', {
      token: owner.token,
    });
    const today = new Date().toISOString().slice(0, 10);
    expect(stats.body.by_day.at(-1)?.day).toBe(today);
    const todayColumn = tab.page
      .getByRole('figure', { name: /^From / })
      .getByRole('listitem')
      .filter({ hasText: today });
    expect(await todayColumn.textContent()).toMatch(new RegExp(`^${today}: \\d+ requests, 1 errors$`));
    expect(await tab.page.getByRole('row', { name: /GET \/files\/:id/ }).count()).toBe(1);
    await checkPage(tab.page, 'usage-desktop');

    await tab.page.getByLabel('Period').selectOption({ label: 'Last 30 days' });
    // 30 days, 30 columns (each listed for screen readers).
    const days = tab.page.getByRole('figure', { name: /^From / }).getByRole('listitem');
    await days.nth(29).waitFor({ state: 'attached' });
    expect(await days.count()).toBe(30);
    await tab.context.close();

    const phone = await openConsole(harness, 'phone');
    await useSession(phone, owner);
    await phone.page.goto('/app/settings/integrations/usage');
    await phone.page.getByRole('figure', { name: 'Requests by token' }).waitFor();
    await checkPage(phone.page, 'usage-phone');
    await phone.context.close();
  });

  it('says there is no traffic yet to a user who has made no API request', async () => {
    const tab = await openConsole(harness, 'phone');
    await useSession(tab, await registerAndLogin(harness.url));
    await tab.page.goto('/app/settings/integrations/usage');
    await tab.page.getByText('No traffic in this period yet').waitFor();
    expect(await tab.page.getByRole('link', { name: 'create an API token' }).getAttribute('href')).toBe(
      '/app/settings/integrations/tokens',
    );
    await checkPage(tab.page, 'usage-empty-phone');
    await tab.context.close();
  });
});
