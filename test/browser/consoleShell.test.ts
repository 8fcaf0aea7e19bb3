import { registerAndLogin } from '../support/http';
import type { ConsoleHarness } from '../support/browser';
import { BROWSER_TEST_TIMEOUT_MS, checkPage, describeInBrowser, openConsole, startConsoleHarness, useSession } from '../support/browser';

jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

describeInBrowser('the console shell in Chromium', () => {
  let harness: ConsoleHarness;
  beforeAll(async () => {
    harness = await startConsoleHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('sends a browser at / to the console, and a signed-out visitor of a page to the sign-in page, remembering where it was going', async () => {
    const tab = await openConsole(harness);
    await tab.page.goto('/app/settings/integrations/webhooks');
    await tab.page.waitForURL(/\/app\/sign-in\?next=/);
    expect(new URL(tab.page.url()).searchParams.get('next')).toBe('/app/settings/integrations/webhooks');
    await tab.page.goto('/');
    await tab.page.waitForURL(/\/app\/sign-in/);
    await tab.context.close();
  });

  it('shows a signed-in user the navigation, the live indicator and a page for an unknown address', async () => {
    const tab = await openConsole(harness, 'phone');
    await useSession(tab, await registerAndLogin(harness.url));
    await tab.page.goto('/app/no/such/page');
    await tab.page.getByRole('heading', { name: 'Page not found' }).waitFor();
    // The realtime WebSocket authenticated with the session's token.
    await tab.page.getByText('Live', { exact: true }).waitFor();
    expect(await tab.page.title()).toBe('Filora');
    await tab.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integrations' }).click();
    await tab.page.waitForURL(/\/app\/settings\/integrations\/tokens$/);
    // A move within the console says where it went, as a page load would: the window title, and the focus at the content.
    expect(await tab.page.title()).toBe('API tokens · Filora');
    expect(await tab.page.evaluate('document.activeElement && document.activeElement.id')).toBe('main');
    await checkPage(tab.page, 'shell-phone');
    await tab.context.close();
  });
});
