import type { Locator, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import type { ConsoleHarness } from '../support/browser';
import { BROWSER_TEST_TIMEOUT_MS, checkPage, describeInBrowser, openConsole, startConsoleHarness, useSession } from '../support/browser';
import { call, registerAndLogin } from '../support/http';
import type { ScriptedAnswer } from '../support/webhookReceiver';
import { WebhookReceiver } from '../support/webhookReceiver';
import { verifiedDelivery } from '../support/webhookSignatures';

jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

const RECEIVED: ScriptedAnswer = { status: 200, headers: { 'content-type': 'application/json' }, body: '{"received":true}' };
const DOWN: ScriptedAnswer = { status: 500, body: 'receiver down' };

/** The secret a SecretOnce region shows. */
async function shownSecret(page: Page, label: string): Promise<string> {
  const secret = page.getByRole('region', { name: label, exact: true }).getByText(/^whsec_/);
  await secret.waitFor();
  return (await secret.textContent()) ?? '';
}

/**
 * What `describe` (a JS expression over the focused element `el`) says of it, once it says `expected` or after 3 s
 * (the page moves the focus in an effect, just after the click that caused it).
 */
async function focused(page: Page, describe: string, expected: string | null): Promise<unknown> {
  const read = `(() => { const el = document.activeElement; return ${describe}; })()`;
  await page.waitForFunction(`${read} === ${JSON.stringify(expected)}`, undefined, { timeout: 3000 }).catch(() => undefined);
  return page.evaluate(read);
}

/** The focused element's id. */
const ID = 'el?.id ?? null';
/** The aria-label of the region the focused element is, or holds (a SecretOnce inside its focus holder). */
const REGION = "(el?.matches('[role=region]') ? el : el?.querySelector('[role=region]'))?.getAttribute('aria-label') ?? null";
/** The focused element's text. */
const TEXT = 'el?.textContent ?? null';

/** The value a headers table shows for one header. */
function shownHeader(table: Locator, name: string): Promise<string | null> {
  return table
    .getByRole('row')
    .filter({ has: table.page().getByRole('rowheader', { name, exact: true }) })
    .getByRole('cell')
    .textContent();
}

/** A time as a datetime-local input takes it: the browser's (this machine's) time zone, to the minute. */
function localDateTime(date: Date): string {
  const two = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** The test send's result on the webhook page, once the endpoint answered. */
async function sendTestEvent(page: Page, outcome: 'Delivered' | 'Failed'): Promise<void> {
  await page.getByRole('button', { name: 'Send test event' }).click();
  await page.getByRole('status').filter({ hasText: outcome }).waitFor();
}

describeInBrowser('webhooks in the console', () => {
  let harness: ConsoleHarness;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await WebhookReceiver.start(() => RECEIVED);
    harness = await startConsoleHarness({ FILORA_WEBHOOK_ALLOW_PRIVATE: 'true', FILORA_WEBHOOK_RETRY_SCHEDULE: '100,200' });
  });
  afterAll(async () => {
    await harness?.close();
    await receiver?.close();
  });

  it('creates a webhook, test-sends to a real receiver, shows the delivery with its response, retries and recovers failures, rotates the secret, disables it', async () => {
    const session = await registerAndLogin(harness.url);
    const tab = await openConsole(harness);
    await useSession(tab, session);
    const { page } = tab;
    const endpoint = receiver.urlFor('/hooks/console');

    await page.goto('/app/settings/integrations/webhooks');
    await page.getByText('No webhooks yet').waitFor();
    await page.getByRole('button', { name: 'New webhook' }).click();
    // The form replaces the button: its first field has the focus.
    const urlId = await page.getByLabel('Endpoint URL').getAttribute('id');
    expect(await focused(page, ID, urlId)).toBe(urlId);
    // A URL the browser lets through but the API refuses: the API's complaint is shown at the URL field, which takes the focus.
    const urlField = page.getByLabel('Endpoint URL');
    await urlField.fill('ftp://example.com/hooks');
    await page.getByLabel('Name (optional)').fill('Console receiver');
    await page.getByRole('group', { name: 'Files' }).getByLabel('All of them').check();
    await page.getByRole('button', { name: 'Create webhook' }).click();
    await page.getByRole('alert').filter({ hasText: 'Could not create the webhook' }).waitFor();
    const urlError = page.getByText('expected an http or https URL', { exact: true });
    await urlError.waitFor();
    expect(await urlField.getAttribute('aria-invalid')).toBe('true');
    expect((await urlField.getAttribute('aria-describedby'))?.split(' ')).toContain(await urlError.getAttribute('id'));
    expect(await focused(page, ID, urlId)).toBe(urlId);
    await checkPage(page, 'webhooks-create-refused-desktop');
    await urlField.fill(endpoint);
    await checkPage(page, 'webhooks-create-desktop');
    await page.getByRole('button', { name: 'Create webhook' }).click();
    const secret = await shownSecret(page, 'Signing secret');
    expect(secret).toMatch(/^whsec_/);
    // The secret takes the focus (the form and its button are gone).
    expect(await focused(page, REGION, 'Signing secret')).toBe('Signing secret');

    const listed = await call<{ data: { id: string; url: string; events: string[] }[] }>(harness.url, 'GET', '/api/v1/webhooks', {
      token: session.token,
    });
    expect(listed.body.data.map(({ url, events }) => ({ url, events }))).toEqual([{ url: endpoint, events: ['file.*'] }]);
    const webhookId = listed.body.data[0]?.id ?? '';

    const row = page.getByRole('row').filter({ hasText: 'Console receiver' });
    await row.getByText('Healthy').waitFor();
    expect(await row.textContent()).toContain('file.*');
    await page.getByRole('button', { name: 'Done' }).click();
    expect(await page.getByText(secret).count()).toBe(0);
    // The focus goes back to the button that opened the form.
    expect(await focused(page, TEXT, 'New webhook')).toBe('New webhook');
    await checkPage(page, 'webhooks-desktop');

    // A test send: the receiver really gets a signed request, and the page shows how it answered.
    await page.getByRole('link', { name: 'Console receiver' }).click();
    await page.getByRole('heading', { level: 1, name: 'Console receiver' }).waitFor();
    await sendTestEvent(page, 'Delivered');
    const [first] = await receiver.waitForRequests(1, { path: '/hooks/console' });
    expect(first?.headers['webhook-signature']).toMatch(/^v1,/);
    const firstBody = verifiedDelivery(first ?? fail('no request'), secret);
    expect(firstBody).toMatchObject({ event: 'webhook.test', id: first?.headers['webhook-id'] });
    const testResult = page.getByRole('region', { name: 'Test', exact: true });
    expect(await testResult.textContent()).toMatch(/Response status\s*200/);
    await testResult.getByText('"received": true').waitFor();

    // The delivery appears in the log, and its page shows the attempt's response.
    const log = page.getByRole('region', { name: 'Delivery log', exact: true });
    await log
      .getByRole('link', { name: /webhook\.test delivery/ })
      .first()
      .waitFor();
    await log
      .getByRole('link', { name: /webhook\.test delivery/ })
      .first()
      .click();
    await page.getByRole('heading', { level: 1, name: 'Delivery: webhook.test' }).waitFor();
    const attemptOne = page.getByRole('article', { name: /Attempt 1/ });
    expect(await attemptOne.getByRole('region', { name: 'Attempt 1 response', exact: true }).textContent()).toMatch(
      /Response status\s*200/,
    );
    await attemptOne.getByText('"received": true').waitFor();
    // Its request as the receiver got it: the URL, the signature header, and the body with the event's id.
    const requestOne = attemptOne.getByRole('region', { name: 'Attempt 1 request', exact: true });
    expect(await requestOne.textContent()).toContain(`POST ${endpoint}`);
    expect(await shownHeader(requestOne.getByRole('region', { name: 'Attempt 1 request headers', exact: true }), 'webhook-signature')).toBe(
      first?.headers['webhook-signature'],
    );
    await requestOne.getByText(`"id": "${String(firstBody.id)}"`).waitFor();
    expect(await requestOne.getByText('not kept').count()).toBe(0);

    // The receiver fails: a second test send fails, its automatic retries too; "Retry now" after it recovers succeeds.
    receiver.respondWith(() => DOWN);
    await page.getByRole('link', { name: /Console receiver/ }).click();
    await sendTestEvent(page, 'Failed');
    expect(await page.getByRole('status').filter({ hasText: 'Failed' }).textContent()).toContain('500 (http_status)');
    await page.getByRole('link', { name: 'Open this delivery' }).click();
    await page.getByRole('heading', { level: 1, name: 'Delivery: webhook.test' }).waitFor();
    // Failed for good once the retry schedule (100 ms, 200 ms) is spent; the page follows it by itself.
    const summary = page.getByRole('region', { name: 'Summary', exact: true });
    await summary.getByText('failed', { exact: true }).waitFor();
    const failedAttempts = await page.getByRole('article').count();
    expect(failedAttempts).toBeGreaterThanOrEqual(1);
    receiver.respondWith(() => RECEIVED);
    await page.getByRole('button', { name: 'Retry now' }).click();
    const retried = page.getByRole('article', { name: new RegExp(`Attempt ${failedAttempts + 1}`) });
    await retried.getByText('succeeded').waitFor();
    await retried.getByText('"received": true').waitFor();
    // Each attempt is signed anew: the page shows the retry's own headers, as the receiver got them.
    const retriedRequest = receiver.requests('/hooks/console').at(-1);
    const retriedHeaders = retried.getByRole('region', { name: `Attempt ${failedAttempts + 1} request headers`, exact: true });
    for (const header of ['webhook-timestamp', 'webhook-signature'])
      expect(await shownHeader(retriedHeaders, header)).toBe(retriedRequest?.headers[header]);
    await summary.getByText('succeeded', { exact: true }).waitFor();
    await checkPage(page, 'delivery-detail-desktop');

    // Over the API too: the delivery succeeded on the attempt the page shows.
    const deliveryId = new URL(page.url()).pathname.split('/').pop() ?? '';
    const detail = await call<{ status: string; attempts: { status: number | null }[] }>(
      harness.url,
      'GET',
      `/api/v1/webhooks/${webhookId}/deliveries/${deliveryId}`,
      { token: session.token },
    );
    expect(detail.body.status).toBe('succeeded');
    expect(detail.body.attempts.map((attempt) => attempt.status).at(-1)).toBe(200);

    // Rotate the secret: a new one is shown once, and the next delivery verifies with it.
    await page.getByRole('link', { name: /Console receiver/ }).click();
    await page.getByRole('button', { name: 'Rotate secret of Console receiver' }).click();
    await page.getByRole('button', { name: 'Rotate now' }).click();
    const rotated = await shownSecret(page, 'New signing secret');
    expect(rotated).not.toBe(secret);
    expect(await focused(page, REGION, 'New signing secret')).toBe('New signing secret');
    await page.getByText(/The previous secret signs until/).waitFor();
    const before = receiver.requests('/hooks/console').length;
    await sendTestEvent(page, 'Delivered');
    const afterRotation = (await receiver.waitForRequests(before + 1, { path: '/hooks/console' })).at(-1);
    expect(new Webhook(rotated).verify(afterRotation?.body ?? '', afterRotation?.headers ?? {})).toMatchObject({ event: 'webhook.test' });

    // Recover: a test send fails while the receiver is down; once it is back, recovering the window re-sends it.
    receiver.respondWith(() => DOWN);
    await sendTestEvent(page, 'Failed');
    const failedSend = receiver.requests('/hooks/console').at(-1);
    receiver.respondWith(() => RECEIVED);
    await page.getByLabel('Created from').fill(localDateTime(new Date(Date.now() - 60 * 60_000)));
    await page.getByRole('button', { name: 'Re-send failed deliveries' }).click();
    await page.getByText('1 failed delivery is being sent again.').waitFor();
    const resent = await receiver.waitForRequest(
      (request) => request.index > (failedSend?.index ?? 0) && request.headers['webhook-id'] === failedSend?.headers['webhook-id'],
    );
    expect(new Webhook(rotated).verify(resent.body, resent.headers)).toMatchObject({ event: 'webhook.test' });
    await checkPage(page, 'webhook-detail-desktop');

    // The log filters by status: every delivery succeeded in the end, none is left failed.
    const statusFilter = log.getByLabel('Status');
    await statusFilter.selectOption('failed');
    await log.getByText('No delivery matches these filters').waitFor();
    await statusFilter.selectOption('succeeded');
    await log
      .getByRole('link', { name: /webhook\.test delivery/ })
      .nth(2)
      .waitFor();

    // Disable: the health says so, and the API agrees.
    await page.getByRole('button', { name: 'Disable webhook' }).click();
    await page.getByRole('region', { name: 'Health', exact: true }).getByText('Disabled', { exact: true }).waitFor();
    const disabled = await call<{ enabled: boolean }>(harness.url, 'GET', `/api/v1/webhooks/${webhookId}`, { token: session.token });
    expect(disabled.body.enabled).toBe(false);
    expect(await page.getByRole('button', { name: 'Send test event' }).isDisabled()).toBe(true);

    const phone = await openConsole(harness, 'phone');
    await useSession(phone, session);
    await phone.page.goto('/app/settings/integrations/webhooks');
    await phone.page.getByRole('link', { name: 'Console receiver' }).waitFor();
    await checkPage(phone.page, 'webhooks-phone');
    await phone.page.getByRole('link', { name: 'Console receiver' }).click();
    await phone.page
      .getByRole('region', { name: 'Delivery log', exact: true })
      .getByRole('link', { name: /webhook\.test delivery/ })
      .first()
      .waitFor();
    await checkPage(phone.page, 'webhook-detail-phone');
    await phone.page.goto(`/app/settings/integrations/webhooks/${webhookId}/deliveries/${deliveryId}`);
    await phone.page.getByRole('article', { name: /Attempt 2/ }).waitFor();
    await checkPage(phone.page, 'delivery-detail-phone');
    await phone.context.close();
    await tab.context.close();
  });

  /** The webhook's delivery once its first attempt failed and the next is scheduled (the dispatcher works on its own). */
  async function retryingDelivery(webhookId: string, token: string): Promise<{ id: string; next_attempt_at: string | null }> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const listed = await call<{ data: { id: string; status: string; next_attempt_at: string | null }[] }>(
        harness.url,
        'GET',
        `/api/v1/webhooks/${webhookId}/deliveries`,
        { token },
      );
      const found = listed.body.data.find((item) => item.status === 'retrying');
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`no retrying delivery: ${JSON.stringify(listed.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('reads a retrying delivery again when its next attempt is due, not every few seconds; a few times right after "Retry now"', async () => {
    const session = await registerAndLogin(harness.url);
    // The endpoint asks for an hour's pause: the delivery stays retrying, its next attempt an hour away.
    receiver.respondWith((request) =>
      request.path === '/hooks/slow' ? { status: 429, headers: { 'retry-after': '3600' }, body: 'slow down' } : RECEIVED,
    );
    const created = await call<{ id: string }>(harness.url, 'POST', '/api/v1/webhooks', {
      token: session.token,
      body: { url: receiver.urlFor('/hooks/slow'), events: ['folder.created'], name: 'Slow receiver' },
    });
    const webhookId = created.body.id;
    await call(harness.url, 'POST', '/api/v1/folders', { token: session.token, body: { name: 'Reports' } });
    const delivery = await retryingDelivery(webhookId, session.token);
    expect(Date.parse(delivery.next_attempt_at ?? '') - Date.now()).toBeGreaterThan(30 * 60_000);

    const tab = await openConsole(harness);
    await useSession(tab, session);
    const { page } = tab;
    const reads: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'GET' && new URL(request.url()).pathname.startsWith(`/api/v1/webhooks/${webhookId}/deliveries`))
        reads.push(request.url());
    });
    /** The reads of the deliveries made while `seconds` pass (a window in which the old page read every 2 s). */
    const readsDuring = async (seconds: number): Promise<number> => {
      const before = reads.length;
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      return reads.length - before;
    };

    await page.goto(`/app/settings/integrations/webhooks/${webhookId}`);
    const log = page.getByRole('region', { name: 'Delivery log', exact: true });
    await log.getByRole('region', { name: 'Deliveries, newest first' }).getByText('retrying', { exact: true }).waitFor();
    expect(await readsDuring(6)).toBeLessThanOrEqual(1);

    await page.goto(`/app/settings/integrations/webhooks/${webhookId}/deliveries/${delivery.id}`);
    const summary = page.getByRole('region', { name: 'Summary', exact: true });
    await summary.getByText('retrying', { exact: true }).waitFor();
    expect(await readsDuring(5)).toBeLessThanOrEqual(1);
    // The user's own retry (due now; the endpoint's pause holds the attempt back): the page reads again every few seconds.
    await page.getByRole('button', { name: 'Retry now' }).click();
    await page.getByRole('button', { name: 'Retry now' }).waitFor();
    expect(await page.getByText('The delivery could not be retried').count()).toBe(0);
    expect(await readsDuring(5)).toBeGreaterThanOrEqual(2);
    await tab.context.close();
  });
});
