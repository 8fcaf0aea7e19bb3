import type { Page } from 'playwright-core';
import type { ConsoleHarness } from '../support/browser';
import { BROWSER_TEST_TIMEOUT_MS, checkPage, describeInBrowser, openConsole, startConsoleHarness, useSession } from '../support/browser';
import { call, registerAndLogin, uniqueUser } from '../support/http';

jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

/** Access tokens live 2 s here, so every page of these tests runs on renewed sessions. */
const ACCESS_TOKEN_TTL_SECONDS = 2;

async function signedInOnFiles(page: Page): Promise<void> {
  await page.waitForURL(/\/app\/files$/);
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
}

async function signInWith(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username or email').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describeInBrowser('signing in and registering in the console', () => {
  let harness: ConsoleHarness;
  beforeAll(async () => {
    harness = await startConsoleHarness({ FILORA_ACCESS_TOKEN_TTL_SECONDS: String(ACCESS_TOKEN_TTL_SECONDS) });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('registers through the form, signs out, signs in with the email, and shows the API’s refusals', async () => {
    const { page, context } = await openConsole(harness);
    const user = uniqueUser('reg');
    await page.goto('/app/sign-in');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByRole('heading', { name: 'Create an account' }).waitFor();
    await checkPage(page, 'auth-register-desktop');
    await page.getByLabel('Username').fill(user.username);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Display name (optional)').fill(user.display_name);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await signedInOnFiles(page);

    // The account is real: the API signs it in and knows its display name.
    const login = await call<{ access_token: string }>(harness.url, 'POST', '/api/v1/auth/login', {
      body: { username: user.username, password: user.password },
    });
    const me = await call<{ display_name: string }>(harness.url, 'GET', '/api/v1/users/me', { token: login.body.access_token });
    expect(me.body.display_name).toBe(user.display_name);

    await signOut(page);
    await signInWith(page, user.email, 'not the password');
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('invalid username or password');
    await checkPage(page, 'auth-sign-in-refused-desktop');

    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await signedInOnFiles(page);

    // The same username again: the API's field error stands next to the username field.
    await signOut(page);
    await page.getByRole('link', { name: 'Create an account' }).click();
    const other = uniqueUser('taken');
    await page.getByLabel('Username').fill(user.username);
    await page.getByLabel('Email').fill(other.email);
    await page.getByLabel('Password').fill(other.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('username is already taken');
    expect(await fieldErrorOf(page, 'Username')).toBe('username is already taken');
    expect(await fieldErrorOf(page, 'Email')).toBeNull();
    await checkPage(page, 'auth-register-taken-desktop');
    expect(page.url()).toMatch(/\/app\/register/);
    await context.close();
  });

  it('signs in with the keyboard alone, on a phone', async () => {
    const { user } = await registerAndLogin(harness.url);
    const { page, context } = await openConsole(harness, 'phone');
    await page.goto('/app/sign-in');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await checkPage(page, 'auth-sign-in-phone');
    // The first field has the focus: type, Tab to the password, Enter submits.
    await page.keyboard.type(user.username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(user.password);
    await page.keyboard.press('Enter');
    await signedInOnFiles(page);
    await context.close();
  });

  it('renews an expired access token silently: a page opened after expiry loads its data, without signing in again', async () => {
    const { user } = await registerAndLogin(harness.url);
    const { page, context } = await openConsole(harness);
    await page.goto('/app/settings/security');
    await page.waitForURL(/\/app\/sign-in\?next=/);
    await signInWith(page, user.username, user.password);
    await page.waitForURL(/\/app\/settings\/security$/);
    await page.getByText(user.email, { exact: true }).waitFor();

    const before = await storedSession(page);
    await waitUntil(before.expiresAt + 500);
    const traffic = recordAuthTraffic(page);

    // The access token is expired: open Files, then Security again, inside the app.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Files' }).click();
    await page.waitForURL(/\/app\/files$/);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Security' }).click();
    await page.getByText(user.email, { exact: true }).waitFor();
    expect(page.url()).toMatch(/\/app\/settings\/security$/);
    expect(traffic.refreshes).toBeGreaterThan(0);
    expect(traffic.profileAnswers).toContain(200);
    expect((await storedSession(page)).accessToken).not.toBe(before.accessToken);
    await context.close();
  });

  it('renews the session when the API refuses an access token the console still thought good (a 401), and retries', async () => {
    const account = await registerAndLogin(harness.url);
    const tab = await openConsole(harness);
    // The stored session says its token is good for 10 minutes; the API let it live 2 s.
    await useSession(tab, account);
    await waitUntil(Date.now() + ACCESS_TOKEN_TTL_SECONDS * 1000 + 500);
    const traffic = recordAuthTraffic(tab.page);
    await tab.page.goto('/app/settings/security');
    await tab.page.getByText(account.user.email, { exact: true }).waitFor();
    expect(tab.page.url()).toMatch(/\/app\/settings\/security$/);
    expect(traffic.profileAnswers.slice(0, 2)).toEqual([401, 200]);
    expect(traffic.refreshes).toBeGreaterThan(0);
    expect((await storedSession(tab.page)).accessToken).not.toBe(account.token);
    await tab.context.close();
  });
});

/** The API's message a field says it is invalid with (its accessible description), or null when it is not marked invalid. */
async function fieldErrorOf(page: Page, label: string): Promise<string | null> {
  const field = page.getByLabel(label, { exact: true });
  if ((await field.getAttribute('aria-invalid')) !== 'true') return null;
  const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
  const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
  return errorId === undefined ? null : page.locator(`id=${errorId}`).textContent();
}

/** What the console keeps of its session (the test reads it to know when the access token expires). */
async function storedSession(page: Page): Promise<{ accessToken: string; expiresAt: number }> {
  return JSON.parse((await page.evaluate("window.localStorage.getItem('filora.session')")) as string) as {
    accessToken: string;
    expiresAt: number;
  };
}

/** Counts the page's POST /auth/refresh requests and the statuses of its GET /users/me answers, from now on. */
function recordAuthTraffic(page: Page): { refreshes: number; profileAnswers: number[] } {
  const traffic = { refreshes: 0, profileAnswers: [] as number[] };
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/auth/refresh') traffic.refreshes++;
  });
  page.on('response', (response) => {
    if (new URL(response.url()).pathname === '/api/v1/users/me') traffic.profileAnswers.push(response.status());
  });
  return traffic;
}

/** Waits until the wall clock passes `epochMs` (the token's expiry is a time, not an event the page shows). */
async function waitUntil(epochMs: number): Promise<void> {
  const wait = epochMs - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}
