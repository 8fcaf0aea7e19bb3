import type { Page } from 'playwright-core';
import type { ConsoleHarness } from '../support/browser';
import { BROWSER_TEST_TIMEOUT_MS, checkPage, describeInBrowser, openConsole, startConsoleHarness, useSession } from '../support/browser';
import { Authenticator } from '../support/authenticator';
import { call, registerAndLogin } from '../support/http';

jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

interface MfaStatus {
  totp: { enabled: boolean };
  recovery_codes_remaining: number;
}

type SignedIn = Awaited<ReturnType<typeof registerAndLogin>>;

async function mfaStatus(harness: ConsoleHarness, account: SignedIn): Promise<MfaStatus> {
  return (await call<MfaStatus>(harness.url, 'GET', '/api/v1/auth/mfa', { token: account.token })).body;
}

/** Turns TOTP on over the API (its session stays), answering the user's authenticator and recovery codes. */
async function enableTotp(harness: ConsoleHarness, account: SignedIn): Promise<{ authenticator: Authenticator; recoveryCodes: string[] }> {
  const enrollment = await call<{ secret: string }>(harness.url, 'POST', '/api/v1/auth/mfa/totp', { token: account.token });
  const authenticator = new Authenticator(enrollment.body.secret);
  const confirmed = await call<{ recovery_codes: string[] }>(harness.url, 'POST', '/api/v1/auth/mfa/totp/confirm', {
    token: account.token,
    body: { code: await authenticator.nextCode() },
  });
  return { authenticator, recoveryCodes: confirmed.body.recovery_codes };
}

/**
 * The browser's own session of the account, apart from the test's: signing out in the browser ends the
 * browser's session, and the test keeps reading the account over the API with its own.
 */
async function browserSession(harness: ConsoleHarness, account: SignedIn): Promise<SignedIn> {
  const login = await call<{ access_token: string; refresh_token: string }>(harness.url, 'POST', '/api/v1/auth/login', {
    body: { username: account.user.username, password: account.user.password },
  });
  return { ...account, token: login.body.access_token, refreshToken: login.body.refresh_token };
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
}

/** The password step; the account has a second factor, so the second step follows. */
async function passwordStep(page: Page, account: SignedIn): Promise<void> {
  await page.getByLabel('Username or email').fill(account.user.username);
  await page.getByLabel('Password').fill(account.user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Two-step verification' }).waitFor();
}

async function withRecoveryCode(page: Page, code: string): Promise<void> {
  await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
  await page.getByLabel('Recovery code').fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
}

async function signedIn(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

async function shownRecoveryCodes(page: Page): Promise<string[]> {
  const region = page.getByRole('region', { name: 'Recovery codes' });
  await region.waitFor();
  return (await region.getByRole('listitem').allTextContents()).map((code) => code.trim());
}

describeInBrowser('the Security page and two-step sign-in', () => {
  let harness: ConsoleHarness;
  beforeAll(async () => {
    harness = await startConsoleHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('sets up an authenticator app, then signs in with its code, and once with each recovery code', async () => {
    const account = await registerAndLogin(harness.url);
    const tab = await openConsole(harness);
    const { page } = tab;
    await useSession(tab, await browserSession(harness, account));
    await page.goto('/app/settings/security');
    await page.getByText(account.user.email, { exact: true }).waitFor();
    await page.getByText('Signing in asks only for your password.', { exact: false }).waitFor();
    await checkPage(page, 'security-off-desktop');

    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    await page.getByRole('img', { name: 'QR code to scan with your authenticator app' }).waitFor();
    const secret = (await page.getByText(/^[A-Z2-7]{16,}$/).textContent())?.trim() ?? '';
    const authenticator = new Authenticator(secret);
    await checkPage(page, 'security-setup-desktop');
    await page.getByLabel('6-digit code').fill(await authenticator.nextCode());
    await page.getByRole('button', { name: 'Turn on' }).click();
    const recoveryCodes = await shownRecoveryCodes(page);
    expect(recoveryCodes).toHaveLength(10);
    await page.getByRole('button', { name: 'Copy all recovery codes' }).click();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(recoveryCodes.join('\n'));
    await page.getByText('10 of 10 recovery codes left').waitFor();
    await checkPage(page, 'security-recovery-codes-desktop');
    expect(await mfaStatus(harness, account)).toMatchObject({ totp: { enabled: true }, recovery_codes_remaining: 10 });

    await signOut(page);
    await passwordStep(page, account);
    await checkPage(page, 'auth-second-step-desktop');
    await page.getByLabel('6-digit code').fill(await authenticator.nextCode());
    await page.getByRole('button', { name: 'Verify' }).click();
    await signedIn(page);

    const [recoveryCode] = recoveryCodes;
    await signOut(page);
    await passwordStep(page, account);
    await withRecoveryCode(page, recoveryCode ?? '');
    await signedIn(page);
    expect((await mfaStatus(harness, account)).recovery_codes_remaining).toBe(9);

    // A recovery code works once.
    await signOut(page);
    await passwordStep(page, account);
    await withRecoveryCode(page, recoveryCode ?? '');
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('this code was already used');
    expect(page.url()).toMatch(/\/app\/sign-in/);
    await tab.context.close();
  });

  it('says when to try again once wrong codes have locked the second step', async () => {
    const account = await registerAndLogin(harness.url);
    await enableTotp(harness, account);
    const { page, context } = await openConsole(harness);
    await page.goto('/app/sign-in');
    await passwordStep(page, account);
    const statuses: number[] = [];
    while (statuses.at(-1) !== 429 && statuses.length < 10) {
      await page.getByLabel('6-digit code').fill('000000');
      const [answer] = await Promise.all([
        page.waitForResponse((response) => new URL(response.url()).pathname === '/api/v1/auth/mfa/verify'),
        page.getByRole('button', { name: 'Verify' }).click(),
      ]);
      statuses.push(answer.status());
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const refusal = page.getByRole('alert');
    await refusal.getByText(/^Too many attempts: try again at \d/).waitFor();
    await checkPage(page, 'auth-second-step-locked-desktop');
    await context.close();
  });

  it('on a phone: makes new recovery codes, signs in with one of them, and turns two-step verification off', async () => {
    const account = await registerAndLogin(harness.url);
    const session = await browserSession(harness, account);
    const { authenticator, recoveryCodes: firstCodes } = await enableTotp(harness, account);
    const tab = await openConsole(harness, 'phone');
    const { page } = tab;
    await useSession(tab, session);
    await page.goto('/app/settings/security');
    await page.getByText('10 of 10 recovery codes left').waitFor();
    await checkPage(page, 'security-on-phone');

    await page.getByLabel('6-digit code from your app').fill(await authenticator.nextCode());
    await page.getByRole('button', { name: 'Make new recovery codes' }).click();
    const newCodes = await shownRecoveryCodes(page);
    expect(newCodes).toHaveLength(10);
    expect(newCodes).not.toContain(firstCodes[0]);
    await checkPage(page, 'security-new-codes-phone');

    await signOut(page);
    await passwordStep(page, account);
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await page.getByLabel('Recovery code').waitFor();
    await checkPage(page, 'auth-second-step-phone');
    await page.getByLabel('Recovery code').fill(newCodes[0] ?? '');
    await page.getByRole('button', { name: 'Verify' }).click();
    await signedIn(page);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Security' }).click();
    await page.getByText('9 of 10 recovery codes left').waitFor();
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await page.getByLabel('Recovery code').fill(newCodes[1] ?? '');
    await page.getByRole('button', { name: 'Turn off' }).click();
    await page.getByText('Two-step verification is off.').waitFor();
    await page.getByRole('button', { name: 'Set up an authenticator app' }).waitFor();
    expect((await mfaStatus(harness, account)).totp.enabled).toBe(false);
    await tab.context.close();
  });

  it('changes the display name, and refuses a password change with the wrong current password next to that field', async () => {
    const account = await registerAndLogin(harness.url);
    const tab = await openConsole(harness);
    const { page } = tab;
    await useSession(tab, account);
    await page.goto('/app/settings/security');
    const displayName = page.getByLabel('Display name', { exact: true });
    await displayName.fill('Ada Lovelace');
    await page.getByRole('button', { name: 'Save display name' }).click();
    await page.getByText('Your display name is now “Ada Lovelace”.').waitFor();
    const me = await call<{ display_name: string }>(harness.url, 'GET', '/api/v1/users/me', { token: account.token });
    expect(me.body.display_name).toBe('Ada Lovelace');

    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel('New password').fill('a brand new password');
    await page.getByRole('button', { name: 'Change password' }).click();
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('current_password is wrong');
    expect(await page.getByLabel('Current password').getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'security-password-refused-desktop');

    await page.getByLabel('Current password').fill(account.user.password);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password is changed.', { exact: false }).waitFor();
    const login = await call(harness.url, 'POST', '/api/v1/auth/login', {
      body: { username: account.user.username, password: 'a brand new password' },
    });
    expect(login.status).toBe(200);
    await tab.context.close();
  });
});
