import type { Request } from 'playwright-core';
import { uploadJson } from '../support/files';
import { registerAndLogin } from '../support/http';
import type { ConsoleHarness } from '../support/browser';
import { BROWSER_TEST_TIMEOUT_MS, describeInBrowser, openConsole, startConsoleHarness, useSession } from '../support/browser';

jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

const ACCESS_TOKEN_SECONDS = 2;
const isPost = (path: string) => (request: Request) => request.method() === 'POST' && new URL(request.url()).pathname === `/api/v1${path}`;

/** The console's session as an API client: renewals shared between tabs, and only for refused credentials. */
describeInBrowser('the console session', () => {
  let harness: ConsoleHarness;
  beforeAll(async () => {
    harness = await startConsoleHarness({ FILORA_ACCESS_TOKEN_TTL_SECONDS: String(ACCESS_TOKEN_SECONDS) });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('renews an expired session for two tabs that need it at the same moment without spending a refresh token twice, and both stay signed in', async () => {
    const tab = await openConsole(harness);
    await useSession(tab, await registerAndLogin(harness.url));
    const refreshes: Request[] = [];
    tab.context.on('request', (request) => {
      if (isPost('/auth/refresh')(request)) refreshes.push(request);
    });
    // Renewals are held until a second one is asked for (or 3 s pass): both tabs need one while the first is in flight.
    let asked = 0;
    let secondAsked = () => {};
    const both = new Promise<void>((resolve) => (secondAsked = resolve));
    await tab.context.route('**/api/v1/auth/refresh', async (route) => {
      asked += 1;
      if (asked === 2) secondAsked();
      await Promise.race([both, new Promise((resolve) => setTimeout(resolve, 3000))]);
      await route.continue();
    });
    const second = await tab.context.newPage();
    await tab.page.goto('/app/files');
    await second.goto('/app/settings/integrations/tokens');
    await tab.page.getByRole('heading', { level: 1, name: 'My files' }).waitFor();
    await second.getByRole('heading', { level: 1, name: 'API tokens' }).waitFor();

    // Both tabs believe their token is good for minutes; the server let it go after 2 s: both are answered 401 at once.
    await new Promise((resolve) => setTimeout(resolve, (ACCESS_TOKEN_SECONDS + 1) * 1000));
    await Promise.all([
      tab.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Security' }).click(),
      second.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Shared' }).click(),
    ]);
    await tab.page.getByRole('heading', { level: 2, name: 'Account' }).waitFor();
    await second.getByRole('heading', { level: 1, name: 'Shared' }).waitFor();
    // (With a 2-s token every request renews it first; what matters is that no refresh token is spent twice,
    // which the API answers by revoking the whole session.)
    expect(refreshes.length).toBeGreaterThanOrEqual(1);
    const spent = refreshes.map((request) => (request.postDataJSON() as { refresh_token: string }).refresh_token);
    expect(new Set(spent).size).toBe(spent.length);
    const statuses = await Promise.all(refreshes.map(async (request) => (await request.response())?.status()));
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(tab.page.url()).not.toMatch(/sign-in/);
    expect(second.url()).not.toMatch(/sign-in/);
    await tab.context.close();
  });

  it('sends a refused second-factor code once, without renewing the session', async () => {
    const tab = await openConsole(harness);
    const session = await registerAndLogin(harness.url);
    await useSession(tab, { ...session, token: session.token });
    const confirms: Request[] = [];
    const refreshes: Request[] = [];
    tab.context.on('request', (request) => {
      if (isPost('/auth/mfa/totp/confirm')(request)) confirms.push(request);
      if (isPost('/auth/refresh')(request)) refreshes.push(request);
    });
    await tab.page.goto('/app/settings/security');
    await tab.page.getByRole('button', { name: /Set up/ }).click();
    await tab.page.getByLabel(/code/i).first().fill('000000');
    await tab.page.getByRole('button', { name: /Turn on|Confirm/ }).click();
    await tab.page.getByRole('alert').waitFor();
    expect(confirms).toHaveLength(1);
    expect(refreshes).toHaveLength(0);
    expect(tab.page.url()).toMatch(/\/app\/settings\/security$/);
    await tab.context.close();
  });
});

describeInBrowser('lists in the console', () => {
  let harness: ConsoleHarness;
  beforeAll(async () => {
    harness = await startConsoleHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('keep the pages loaded with "Load more" when another client changes the list', async () => {
    const owner = await registerAndLogin(harness.url);
    for (let index = 0; index < 55; index++) {
      const uploaded = await uploadJson(harness.url, owner.token, {
        name: `file-${String(index).padStart(2, '0')}.txt`,
        content: `${index}`,
      });
      expect(uploaded.status).toBe(201);
    }
    const tab = await openConsole(harness);
    await useSession(tab, owner);
    await tab.page.goto('/app/files');
    const rows = tab.page.getByRole('row', { name: /file-\d\d\.txt/ });
    await rows.nth(49).waitFor();
    await tab.page.getByRole('button', { name: 'Load more' }).click();
    await rows.nth(54).waitFor();

    expect((await uploadJson(harness.url, owner.token, { name: 'file-99.txt', content: 'from another client' })).status).toBe(201);
    await tab.page.getByRole('row', { name: /file-99\.txt/ }).waitFor();
    expect(await rows.count()).toBe(56);
    await tab.context.close();
  });
});
