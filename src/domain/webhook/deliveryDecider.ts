import type { Actor } from '../access/accessPolicy';
import { requireAccess, resourceOf } from '../access/accessPolicy';
import type { Decider } from '../shared/decider';
import { conflict, notFound } from '../shared/domainError';
import type { NewDelivery } from '../../webhooks/webhookPorts';
import type { AttemptErrorClass, DeliveryEvent, WebhookBody } from './deliveryEvents';
import type { RetrySchedule } from './retrySchedule';
import { retryDelayMs } from './retrySchedule';

/** The part of a response body an attempt keeps. */
export const RESPONSE_BODY_KEPT_CHARS = 20 * 1024;

export type DeliveryStatus = 'pending' | 'retrying' | 'succeeded' | 'failed';

export interface DeliveryState {
  exists: boolean;
  deliveryId: string | null;
  webhookId: string | null;
  ownerId: string | null;
  body: WebhookBody | null;
  resourceStream: string | null;
  trigger: NewDelivery['trigger'] | null;
  status: DeliveryStatus;
  /** The number of the last attempt started (0 before the first). */
  attempt: number;
  /** Attempts whose outcome is recorded. */
  recordedAttempts: readonly number[];
  /** Nobody starts another attempt before this. */
  leaseUntil: Date | null;
  nextAttemptAt: Date | null;
}

/** What one attempt saw, as the sender reports it. */
export interface AttemptOutcome {
  url: string;
  requestHeaders: Record<string, string>;
  durationMs: number;
  status: number | null;
  errorClass: AttemptErrorClass | null;
  errorMessage: string | null;
  responseHeaders: Record<string, string>;
  responseBody: string;
  retryAfterMs: number | null;
}

export type DeliveryCommand =
  | ({ type: 'CreateDelivery' } & NewDelivery)
  | { type: 'StartAttempt'; leaseMs: number }
  /** `jitterDraw` in [0, 1) moves the scheduled wait (see retryDelayMs). */
  | { type: 'RecordAttempt'; attempt: number; outcome: AttemptOutcome; retrySchedule: RetrySchedule; jitterDraw: number }
  | { type: 'RetryDelivery'; actor: Actor; reason: 'manual_retry' | 'recover' };

const initialState: DeliveryState = {
  exists: false,
  deliveryId: null,
  webhookId: null,
  ownerId: null,
  body: null,
  resourceStream: null,
  trigger: null,
  status: 'pending',
  attempt: 0,
  recordedAttempts: [],
  leaseUntil: null,
  nextAttemptAt: null,
};

function evolve(state: DeliveryState, event: DeliveryEvent): DeliveryState {
  switch (event.type) {
    case 'DeliveryCreated': {
      const { deliveryId, webhookId, ownerId, body, resourceStream, trigger, createdAt } = event.data;
      return { ...state, exists: true, deliveryId, webhookId, ownerId, body, resourceStream, trigger, nextAttemptAt: new Date(createdAt) };
    }
    case 'DeliveryAttemptStarted': {
      // Should the attempt never be recorded, the delivery is due again when the lease ends.
      const leaseUntil = new Date(event.data.leaseUntil);
      return { ...state, attempt: event.data.attempt, leaseUntil, nextAttemptAt: leaseUntil };
    }
    case 'DeliveryAttempted':
      return {
        ...state,
        recordedAttempts: [...state.recordedAttempts, event.data.attempt],
        leaseUntil: event.data.attempt === state.attempt ? null : state.leaseUntil,
      };
    case 'DeliverySucceeded':
      return { ...state, status: 'succeeded', nextAttemptAt: null };
    case 'DeliveryFailed':
      return state;
    case 'DeliveryScheduled':
      return { ...state, status: state.attempt === 0 ? 'pending' : 'retrying', nextAttemptAt: new Date(event.data.nextAttemptAt) };
    case 'DeliveryExhausted':
      return { ...state, status: 'failed', nextAttemptAt: null };
  }
}

const isFinished = (state: DeliveryState) => state.status === 'succeeded' || state.status === 'failed';
const isLeased = (state: DeliveryState, now: Date) => state.leaseUntil !== null && state.leaseUntil > now;

function requireDelivery(state: DeliveryState): { deliveryId: string; webhookId: string } {
  if (!state.exists) throw notFound('delivery not found');
  return { deliveryId: state.deliveryId!, webhookId: state.webhookId! };
}

function startAttempt(state: DeliveryState, leaseMs: number, now: Date): DeliveryEvent[] {
  const ref = requireDelivery(state);
  if (isFinished(state) || isLeased(state, now)) return [];
  if (state.nextAttemptAt !== null && state.nextAttemptAt > now) return [];
  const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
  return [{ type: 'DeliveryAttemptStarted', data: { ...ref, attempt: state.attempt + 1, startedAt: now.toISOString(), leaseUntil } }];
}

export const TEST_NOT_RETRIED = 'test deliveries are not retried';

function noRetryReason(errorClass: AttemptErrorClass, attempt: number): string {
  return errorClass === 'gone' ? 'the endpoint answered 410 Gone' : `no retry left after attempt ${attempt}`;
}

/**
 * The attempt is kept whatever happened since it started. Only the current attempt of an unfinished delivery
 * decides what follows; a late one (its lease ran out and another attempt started) can still mark a success.
 */
function recordAttempt(state: DeliveryState, command: Extract<DeliveryCommand, { type: 'RecordAttempt' }>, now: Date): DeliveryEvent[] {
  const ref = requireDelivery(state);
  const { attempt, outcome } = command;
  if (attempt < 1 || attempt > state.attempt) throw conflict(`attempt ${attempt} of this delivery was never started`);
  if (state.recordedAttempts.includes(attempt)) return [];
  const attempted: DeliveryEvent = {
    type: 'DeliveryAttempted',
    data: {
      ...ref,
      attempt,
      url: outcome.url,
      requestHeaders: outcome.requestHeaders,
      startedAt: new Date(now.getTime() - outcome.durationMs).toISOString(),
      durationMs: outcome.durationMs,
      status: outcome.status,
      errorClass: outcome.errorClass,
      errorMessage: outcome.errorMessage,
      responseHeaders: outcome.responseHeaders,
      responseBody: outcome.responseBody.slice(0, RESPONSE_BODY_KEPT_CHARS),
    },
  };
  const at = now.toISOString();
  if (outcome.errorClass === null)
    return state.status === 'succeeded'
      ? [attempted]
      : [attempted, { type: 'DeliverySucceeded', data: { ...ref, attempt, succeededAt: at } }];
  if (attempt !== state.attempt || isFinished(state)) return [attempted];
  const failed: DeliveryEvent = { type: 'DeliveryFailed', data: { ...ref, attempt, failedAt: at, errorClass: outcome.errorClass } };
  // A test delivery is attempted once: its owner reads the answer at once and sends another test if need be.
  const delay =
    state.trigger === 'test'
      ? null
      : retryDelayMs(
          command.retrySchedule,
          { attempt, errorClass: outcome.errorClass, retryAfterMs: outcome.retryAfterMs },
          command.jitterDraw,
        );
  if (delay === null) {
    const reason = state.trigger === 'test' ? TEST_NOT_RETRIED : noRetryReason(outcome.errorClass, attempt);
    return [attempted, failed, { type: 'DeliveryExhausted', data: { ...ref, exhaustedAt: at, reason } }];
  }
  const nextAttemptAt = new Date(now.getTime() + delay).toISOString();
  return [attempted, failed, { type: 'DeliveryScheduled', data: { ...ref, nextAttemptAt, reason: 'retry' } }];
}

/** An owner's retry: the next attempt is due now, whatever the delivery's status, unless one is under way. */
function retryDelivery(state: DeliveryState, command: Extract<DeliveryCommand, { type: 'RetryDelivery' }>, now: Date): DeliveryEvent[] {
  requireAccess(
    command.actor,
    'manage_webhooks',
    resourceOf({ exists: state.exists, deleted: false, ownerId: state.ownerId }),
    'delivery',
    now,
  );
  const ref = requireDelivery(state);
  if (isLeased(state, now)) throw conflict('an attempt of this delivery is under way; retry it once it is recorded');
  return [{ type: 'DeliveryScheduled', data: { ...ref, nextAttemptAt: now.toISOString(), reason: command.reason } }];
}

/**
 * A delivery of one event (or test) to one webhook. Its id is derived from the event and the webhook, so
 * creating it again changes nothing. An attempt holds a lease that outlives the request, so no two run at once.
 */
export const deliveryDecider: Decider<DeliveryCommand, DeliveryEvent, DeliveryState> = {
  initialState,
  evolve,
  decide(command, state, { now }) {
    switch (command.type) {
      case 'CreateDelivery': {
        if (state.exists) return [];
        const { type: _type, ...data } = command;
        return [{ type: 'DeliveryCreated', data: { ...data, createdAt: now.toISOString() } }];
      }
      case 'StartAttempt':
        return startAttempt(state, command.leaseMs, now);
      case 'RecordAttempt':
        return recordAttempt(state, command, now);
      case 'RetryDelivery':
        return retryDelivery(state, command, now);
    }
  },
};

/** What recording an attempt led to, read from the state after it. */
export function outcomeOf(state: DeliveryState): { outcome: 'succeeded' | 'retrying' | 'failed'; nextAttemptAt: Date | null } {
  if (state.status === 'succeeded' || state.status === 'failed') return { outcome: state.status, nextAttemptAt: null };
  return { outcome: 'retrying', nextAttemptAt: state.nextAttemptAt };
}
