import type { Actor } from '../domain/access/accessPolicy';
import type { AttemptErrorClass, WebhookBody } from '../domain/webhook/deliveryEvents';
import type { WebhookOrdering } from '../domain/webhook/webhookEvents';
import type { Document } from '../ports/readStore';

/**
 * The seams between the parts of outgoing webhooks (issue 12): management, the deliveries read side,
 * payloads and signatures, the HTTP sender and the dispatcher. Each part implements its side in its own files.
 */

/** One HTTP attempt, as the sender makes it: a POST of `body` with `headers`. */
export interface AttemptRequest {
  url: string;
  body: string;
  headers: Readonly<Record<string, string>>;
  verifySsl: boolean;
}

/** What an attempt sent, as the delivery's record keeps it. */
export type SentRequest = Pick<AttemptRequest, 'url' | 'headers'>;

/** What an attempt saw. The sender never throws: every failure is an `errorClass`. */
export interface AttemptResult {
  status: number | null;
  durationMs: number;
  errorClass: AttemptErrorClass | null;
  errorMessage: string | null;
  /** Lower-case names. */
  responseHeaders: Record<string, string>;
  /** The first 20 kB of the response body, as text. */
  responseBody: string;
  /** A `Retry-After` the endpoint sent (seconds or HTTP date), in ms from now; null without one. */
  retryAfterMs: number | null;
}

/** POSTs to a webhook endpoint, guarded against SSRF at connect time (src/webhooks/http). */
export interface WebhookSender {
  send(request: AttemptRequest): Promise<AttemptResult>;
}

/** Signs a body for every secret that signs now (the newest first): Standard Webhooks headers and X-Filora-Signature. */
export type SignHeaders = (body: string, messageId: string, timestamp: Date, secrets: readonly string[]) => Record<string, string>;

/** A job on the deliveries topic (DELIVERY_JOBS_TOPIC), keyed by webhook id so one consumer owns an endpoint. */
export interface DeliveryJob {
  deliveryId: string;
  webhookId: string;
}

export const DELIVERY_JOBS_TOPIC = 'filora.internal.webhook-deliveries';

/** The webhooks read model: what management answers and what the dispatcher matches and signs with. */
export const WEBHOOKS = 'webhooks';
export interface WebhookRow extends Document {
  ownerId: string;
  url: string;
  events: string[];
  name: string | null;
  description: string | null;
  rateLimitPerMinute: number;
  maxConcurrency: number;
  ordering: WebhookOrdering;
  verifySsl: boolean;
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: string | null;
  /** Newest first; a previous secret keeps signing until its `expiresAt`. */
  secrets: { encryptedSecret: string; expiresAt: string | null }[];
  createdAt: string;
  updatedAt: string;
}

/** `pending`: no attempt yet; `retrying`: an attempt failed, the next is scheduled; `failed`: none is left. */
export const DELIVERY_STATUSES = ['pending', 'retrying', 'succeeded', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface AttemptRow {
  attempt: number;
  startedAt: string;
  /** Where it was sent: the webhook's URL then. */
  url: string;
  /** The headers sent; empty for attempts made before they were kept. */
  requestHeaders: Record<string, string>;
  durationMs: number;
  status: number | null;
  errorClass: AttemptErrorClass | null;
  errorMessage: string | null;
  responseHeaders: Record<string, string>;
  responseBody: string;
}

/** The deliveries read model. */
export const WEBHOOK_DELIVERIES = 'webhook_deliveries';
export interface DeliveryRow extends Document {
  webhookId: string;
  ownerId: string;
  trigger: 'event' | 'replay' | 'test';
  messageId: string;
  event: string;
  eventId: string | null;
  eventPosition: string | null;
  resourceStream: string | null;
  /** The body every attempt sends, byte for byte. */
  requestBody: string;
  status: DeliveryStatus;
  attemptCount: number;
  /** When the next attempt is due; null once succeeded or failed. */
  nextAttemptAt: string | null;
  /** Every attempt, oldest first (at most 50 kept). */
  attempts: AttemptRow[];
  createdAt: string;
  updatedAt: string;
}

/** A webhook's health, as `GET /webhooks/{id}` answers it. */
export interface WebhookHealth {
  state: 'enabled' | 'circuit_open' | 'disabled';
  /** Succeeded attempts over all attempts in the last 24 h; null with none. */
  successRate24h: number | null;
  lastSuccessAt: string | null;
  consecutiveFailures: number;
  /** Since when every attempt has failed; null after a success. */
  failingSince: string | null;
}

/** A delivery leased for one attempt: nobody else attempts it before the lease ends. */
export interface LeasedDelivery {
  deliveryId: string;
  webhookId: string;
  attempt: number;
  body: WebhookBody;
  resourceStream: string | null;
}

export interface RecordedOutcome {
  outcome: 'succeeded' | 'retrying' | 'failed';
  nextAttemptAt: Date | null;
}

/** The delivery commands (src/commands/webhooks/deliveryCommands.ts), used by the dispatcher and the routes. */
export interface DeliveryCommands {
  /** Appends DeliveryCreated unless the delivery exists (its id is derived); answers whether this call created it. */
  create(delivery: NewDelivery): Promise<boolean>;
  /** Takes the lease for the next attempt; null when the delivery is finished, leased by another, or not due yet. */
  startAttempt(deliveryId: string): Promise<LeasedDelivery | null>;
  /** Records the attempt and what follows: success, a retry on the schedule (Retry-After honoured), or failed for good. */
  recordAttempt(lease: LeasedDelivery, sent: SentRequest, result: AttemptResult): Promise<RecordedOutcome>;
  /** An owner's retry (`POST …/retry`) or recovery: the next attempt is due now. */
  retryNow(actor: Actor, deliveryId: string, reason: 'manual_retry' | 'recover'): Promise<void>;
}

export interface NewDelivery {
  deliveryId: string;
  webhookId: string;
  ownerId: string;
  trigger: 'event' | 'replay' | 'test';
  eventId: string | null;
  eventPosition: string | null;
  resourceStream: string | null;
  body: WebhookBody;
}

/** What the dispatcher reports per endpoint (prom-client in src/webhooks/metrics). */
export interface DispatcherMetrics {
  deliveryCreated(webhookId: string): void;
  attempted(webhookId: string, outcome: 'succeeded' | 'failed', durationMs: number): void;
  queueDepth(webhookId: string, depth: number): void;
}
