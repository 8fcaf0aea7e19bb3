import { ALL_SCOPES } from '../../../src/domain/access/scopes';
import type { AttemptOutcome, DeliveryCommand } from '../../../src/domain/webhook/deliveryDecider';
import { deliveryDecider } from '../../../src/domain/webhook/deliveryDecider';
import type { DeliveryEvent } from '../../../src/domain/webhook/deliveryEvents';
import { DEFAULT_RETRY_SCHEDULE } from '../../../src/domain/webhook/retrySchedule';
import { actorOf } from '../../support/actors';
import { FIXED_NOW, given } from '../../support/givenWhenThen';

const deliveryId = '77777777-7777-4777-8777-777777777777';
const webhookId = '88888888-8888-4888-8888-888888888888';
const ownerId = '44444444-4444-4444-8444-444444444444';
const strangerId = '66666666-6666-4666-8666-666666666666';
const ref = { deliveryId, webhookId };
const at = (offsetMs: number) => new Date(FIXED_NOW.getTime() + offsetMs).toISOString();
const now = FIXED_NOW.toISOString();
const LEASE_MS = 60_000;

const body = { id: '99999999-9999-4999-8999-999999999999', event: 'upload.completed', timestamp: now, data: { file_id: 'f' } };
const newDelivery = {
  ...ref,
  ownerId,
  trigger: 'event' as const,
  eventId: '11111111-1111-4111-8111-111111111111',
  eventPosition: '42',
  resourceStream: 'file-1',
  body,
};
const created: DeliveryEvent = { type: 'DeliveryCreated', data: { ...newDelivery, createdAt: at(-10_000) } };
const started = (attempt: number, startedAt = at(-5000)): DeliveryEvent => ({
  type: 'DeliveryAttemptStarted',
  data: { ...ref, attempt, startedAt, leaseUntil: new Date(Date.parse(startedAt) + LEASE_MS).toISOString() },
});
const ok: AttemptOutcome = {
  url: 'https://hooks.example.com/in',
  requestHeaders: { 'webhook-id': 'msg_1', 'webhook-signature': 'v1,c2lnbmF0dXJl' },
  durationMs: 120,
  status: 200,
  errorClass: null,
  errorMessage: null,
  responseHeaders: { 'content-type': 'text/plain' },
  responseBody: 'ok',
  retryAfterMs: null,
};
const serverError: AttemptOutcome = { ...ok, status: 500, errorClass: 'http_status', responseBody: 'boom' };
const record = (attempt: number, outcome: AttemptOutcome): DeliveryCommand => ({
  type: 'RecordAttempt',
  attempt,
  outcome,
  retrySchedule: DEFAULT_RETRY_SCHEDULE,
  jitterDraw: 0.5,
});
const attempted = (attempt: number, outcome: AttemptOutcome): DeliveryEvent => ({
  type: 'DeliveryAttempted',
  data: {
    ...ref,
    attempt,
    url: outcome.url,
    requestHeaders: outcome.requestHeaders,
    startedAt: at(-outcome.durationMs),
    durationMs: outcome.durationMs,
    status: outcome.status,
    errorClass: outcome.errorClass,
    errorMessage: outcome.errorMessage,
    responseHeaders: outcome.responseHeaders,
    responseBody: outcome.responseBody,
  },
});
const scheduled = (nextAttemptAt: string, reason: 'retry' | 'manual_retry' | 'recover' = 'retry'): DeliveryEvent => ({
  type: 'DeliveryScheduled',
  data: { ...ref, nextAttemptAt, reason },
});
const failedEvent = (attempt: number, errorClass: 'http_status' | 'gone' = 'http_status'): DeliveryEvent => ({
  type: 'DeliveryFailed',
  data: { ...ref, attempt, failedAt: now, errorClass },
});
const startAttempt: DeliveryCommand = { type: 'StartAttempt', leaseMs: LEASE_MS };

describe('delivery decider', () => {
  it('creates a delivery once: creating it again (a re-consumed event) appends nothing', () => {
    given(deliveryDecider, [])
      .when({ type: 'CreateDelivery', ...newDelivery })
      .then([{ type: 'DeliveryCreated', data: { ...newDelivery, createdAt: now } }]);
    given(deliveryDecider, [created])
      .when({ type: 'CreateDelivery', ...newDelivery })
      .then([]);
  });

  it('fails a test delivery for good on its first failed attempt: test deliveries are never retried', () => {
    const testCreated: DeliveryEvent = {
      type: 'DeliveryCreated',
      data: { ...newDelivery, trigger: 'test', eventId: null, eventPosition: null, resourceStream: null, createdAt: at(-10_000) },
    };
    given(deliveryDecider, [testCreated, started(1)])
      .when(record(1, serverError))
      .then([
        attempted(1, serverError),
        failedEvent(1),
        { type: 'DeliveryExhausted', data: { ...ref, exhaustedAt: now, reason: 'test deliveries are not retried' } },
      ]);
  });

  it('leases the next attempt for longer than a request can take, and no one else attempts it meanwhile', () => {
    given(deliveryDecider, [created])
      .when(startAttempt)
      .then([started(1, now)]);
    given(deliveryDecider, [created, started(1)])
      .when(startAttempt)
      .then([]);
  });

  it('starts another attempt once a lease ran out with nothing recorded (the worker died)', () => {
    given(deliveryDecider, [created, started(1, at(-LEASE_MS - 1))])
      .when(startAttempt)
      .then([started(2, now)]);
  });

  it('does not attempt before the next attempt is due, nor once finished', () => {
    given(deliveryDecider, [created, started(1), attempted(1, serverError), failedEvent(1), scheduled(at(5000))])
      .when(startAttempt)
      .then([]);
    given(deliveryDecider, [
      created,
      started(1),
      attempted(1, ok),
      { type: 'DeliverySucceeded', data: { ...ref, attempt: 1, succeededAt: now } },
    ])
      .when(startAttempt)
      .then([]);
    given(deliveryDecider, []).when(startAttempt).thenFails('not_found');
  });

  it('records a success', () => {
    given(deliveryDecider, [created, started(1)])
      .when(record(1, ok))
      .then([attempted(1, ok), { type: 'DeliverySucceeded', data: { ...ref, attempt: 1, succeededAt: now } }]);
  });

  it('records a failure and schedules the next attempt from the schedule', () => {
    given(deliveryDecider, [created, started(1)])
      .when(record(1, serverError))
      .then([attempted(1, serverError), failedEvent(1), scheduled(at(5000))]);
  });

  it('waits as long as Retry-After says', () => {
    const unavailable = { ...serverError, status: 503, retryAfterMs: 2000 };
    given(deliveryDecider, [created, started(1)])
      .when(record(1, unavailable))
      .then([attempted(1, unavailable), failedEvent(1), scheduled(at(2000))]);
  });

  it('gives up after a 410, and after the last attempt of the schedule', () => {
    const gone = { ...serverError, status: 410, errorClass: 'gone' as const };
    given(deliveryDecider, [created, started(1)])
      .when(record(1, gone))
      .then([
        attempted(1, gone),
        failedEvent(1, 'gone'),
        { type: 'DeliveryExhausted', data: { ...ref, exhaustedAt: now, reason: 'the endpoint answered 410 Gone' } },
      ]);
    given(deliveryDecider, [created, started(10)])
      .when(record(10, serverError))
      .then([
        attempted(10, serverError),
        failedEvent(10),
        { type: 'DeliveryExhausted', data: { ...ref, exhaustedAt: now, reason: 'no retry left after attempt 10' } },
      ]);
  });

  it('records an attempt once, and refuses one never started', () => {
    given(deliveryDecider, [created, started(1), attempted(1, ok)])
      .when(record(1, ok))
      .then([]);
    given(deliveryDecider, [created, started(1)])
      .when(record(2, ok))
      .thenFails('conflict');
  });

  it('keeps a late attempt (its lease ran out, another started) without letting its failure reschedule', () => {
    const history = [created, started(1, at(-2 * LEASE_MS)), started(2)];
    given(deliveryDecider, history)
      .when(record(1, serverError))
      .then([attempted(1, serverError)]);
    given(deliveryDecider, history)
      .when(record(1, ok))
      .then([attempted(1, ok), { type: 'DeliverySucceeded', data: { ...ref, attempt: 1, succeededAt: now } }]);
  });

  it('cuts the response body at 20 kB', () => {
    const long = { ...ok, responseBody: 'x'.repeat(30_000) };
    const [first] = deliveryDecider.decide(
      record(1, long),
      [created, started(1)].reduce(deliveryDecider.evolve, deliveryDecider.initialState),
      {
        now: FIXED_NOW,
        newId: () => 'id',
      },
    );
    expect(first?.type === 'DeliveryAttempted' && first.data.responseBody.length).toBe(20 * 1024);
  });

  it("lets the owner retry now, with the webhooks.manage scope; another user's delivery is not found", () => {
    const exhausted: DeliveryEvent = { type: 'DeliveryExhausted', data: { ...ref, exhaustedAt: now, reason: 'x' } };
    const history = [created, started(1), attempted(1, serverError), failedEvent(1), exhausted];
    given(deliveryDecider, history)
      .when({ type: 'RetryDelivery', actor: actorOf(ownerId), reason: 'manual_retry' })
      .then([scheduled(now, 'manual_retry')]);
    given(deliveryDecider, history)
      .when({ type: 'RetryDelivery', actor: actorOf(strangerId), reason: 'recover' })
      .thenFails('not_found');
    given(deliveryDecider, [])
      .when({ type: 'RetryDelivery', actor: actorOf(ownerId), reason: 'recover' })
      .thenFails('not_found');
    const filesOnly = new Set([...ALL_SCOPES].filter((scope) => scope !== 'webhooks.manage'));
    given(deliveryDecider, history)
      .when({ type: 'RetryDelivery', actor: actorOf(ownerId, filesOnly), reason: 'manual_retry' })
      .thenFails('forbidden');
  });

  it('refuses a retry while an attempt is under way', () => {
    given(deliveryDecider, [created, started(1)])
      .when({ type: 'RetryDelivery', actor: actorOf(ownerId), reason: 'manual_retry' })
      .thenFails('conflict');
  });
});
