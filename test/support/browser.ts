import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { buildConsole } from '../../src/web/consoleBuild';
import { consoleDirectory } from '../../src/web/consoleDirectory';
import { startTestPlatform } from './testPlatform';
import type { TestPlatform } from './testPlatform';

/** Debian's chromium package (`.ci/run` installs it), or FILORA_TEST_CHROMIUM. */
const CHROMIUM_CANDIDATES = [process.env.FILORA_TEST_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
export const chromiumPath: string | undefined = CHROMIUM_CANDIDATES.find((path): path is string => path !== undefined && existsSync(path));

/**
 * `describe` for suites that drive the console in Chromium. Without Chromium they are skipped on a
 * developer's machine, and fail in CI (where `.ci/run` installs it), so a missing browser never passes quietly.
 */
export const describeInBrowser: jest.Describe = chromiumPath !== undefined || process.env.CI ? describe : describe.skip;

export const SCREENSHOTS = join(__dirname, '..', '..', 'test-results');
export const BROWSER_TEST_TIMEOUT_MS = 90_000;

export const VIEWPORTS = {
  desktop: { width: 1440, height: 900 },
  phone: { width: 360, height: 740 },
} as const;

export interface ConsoleHarness {
  platform: TestPlatform;
  browser: Browser;
  /** The API process serving the console, e.g. http://127.0.0.1:40123 */
  url: string;
  close(): Promise<void>;
}

/**
 * Builds the console, starts the embedded platform that serves it with the webhook dispatcher (as `npm start`
 * runs them: deliveries and their retries go out), and launches headless Chromium.
 */
export async function startConsoleHarness(env: Record<string, string> = {}): Promise<ConsoleHarness> {
  if (chromiumPath === undefined) throw new Error('no Chromium: install Debian’s chromium package or set FILORA_TEST_CHROMIUM');
  await buildConsole(consoleDirectory());
  const platform = await startTestPlatform(env);
  await platform.platform.dispatcher.start();
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true });
  return {
    platform,
    browser,
    url: platform.url,
    async close() {
      await browser.close();
      await platform.platform.dispatcher.stop();
      await platform.close();
    },
  };
}

export interface ConsoleTab {
  context: BrowserContext;
  page: Page;
}

/** A fresh browser profile (its own storage, so its own session) at a viewport, with clipboard access. */
export async function openConsole(harness: ConsoleHarness, viewport: keyof typeof VIEWPORTS = 'desktop'): Promise<ConsoleTab> {
  const context = await harness.browser.newContext({ baseURL: harness.url, viewport: VIEWPORTS[viewport] });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.url });
  const page = await context.newPage();
  return { context, page };
}

/** Signs the profile in without the sign-in page: the tokens of a session the test opened over the API. */
export async function useSession(tab: ConsoleTab, session: { token: string; refreshToken: string; id: string }): Promise<void> {
  const stored = JSON.stringify({
    accessToken: session.token,
    refreshToken: session.refreshToken,
    userId: session.id,
    expiresAt: Date.now() + 10 * 60_000,
  });
  await tab.context.addInitScript(`window.localStorage.setItem('filora.session', ${JSON.stringify(stored)})`);
}

export interface Violation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

// Evaluated through the DevTools protocol rather than added as a <script>: the console's CSP forbids inline scripts.
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is now (an empty list when there are none). */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(AXE_SOURCE);
  const found = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((result) =>
    result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, targets: violation.nodes.map((node) => node.target.join(' ')) })))`)) as Violation[];
  return found;
}

/** Saves a full-page screenshot as test-results/<name>.png (git-ignored) and answers its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The checks every page of a browser test ends with: no serious or critical accessibility violation, and a screenshot. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await saveScreenshot(page, name);
  expect(await seriousViolations(page)).toEqual([]);
}
