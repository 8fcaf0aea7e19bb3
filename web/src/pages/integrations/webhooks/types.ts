/** The webhook API's answers, as /api/v1/webhooks serves them (the fields the console uses). */

export type HealthState = 'enabled' | 'circuit_open' | 'disabled';

export interface WebhookHealth {
  state: HealthState;
  /** 0–1; null when there was no attempt in the last 24 h. */
  success_rate_24h: number | null;
  last_success_at: string | null;
  consecutive_failures: number;
  failing_since: string | null;
}

export type Ordering = 'none' | 'per_resource';

/** What create, PATCH and the settings form send. */
export interface WebhookSettings {
  url: string;
  events: string[];
  name: string | null;
  description: string | null;
  rate_limit_per_minute: number;
  max_concurrency: number;
  ordering: Ordering;
  verify_ssl: boolean;
}

/** A webhook as the API answers it: its settings, and what it is now. */
export interface Webhook extends WebhookSettings {
  id: string;
  enabled: boolean;
  disabled_reason: string | null;
  disabled_at: string | null;
  previous_secret_expires_at: string | null;
  health: WebhookHealth;
  created_at: string;
  updated_at: string;
}

/** The answer of create and rotate-secret: the only ones that carry the signing secret. */
export interface WebhookWithSecret extends Webhook {
  secret: string;
}

export const DELIVERY_STATUSES = ['pending', 'retrying', 'succeeded', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export type AttemptErrorClass =
  'http_status' | 'rate_limited' | 'gone' | 'redirect' | 'timeout' | 'connect' | 'dns' | 'ssrf_refused' | 'tls' | 'circuit_open';

export interface AttemptSummary {
  attempt: number;
  started_at: string;
  duration_ms: number;
  /** The HTTP status the endpoint answered; null when none came. */
  status: number | null;
  error_class: AttemptErrorClass | null;
}

export interface Delivery {
  id: string;
  webhook_id: string;
  /** The `webhook-id` header and the body's `id`. */
  message_id: string;
  event: string;
  event_id: string | null;
  trigger: 'event' | 'replay' | 'test';
  status: DeliveryStatus;
  attempt_count: number;
  next_attempt_at: string | null;
  last_attempt: AttemptSummary | null;
  created_at: string;
  updated_at: string;
}

export interface Attempt extends AttemptSummary {
  /** Where it was sent: the webhook's URL at the time. */
  url: string;
  /** The headers this attempt sent (lower-case names, signatures included); empty for attempts made before Filora kept them. */
  request_headers: Record<string, string>;
  error_message: string | null;
  /** Lower-case names. */
  response_headers: Record<string, string>;
  /** The first 20 kB. */
  response_body: string;
}

export interface DeliveryDetail extends Delivery {
  event_position: string | null;
  /** The body every attempt POSTs (application/json), byte for byte: what the signatures sign. */
  request_body: string;
  /** Oldest first (the latest 50). */
  attempts: Attempt[];
}

/** POST /webhooks/{id}/test */
export interface TestDelivery {
  delivery_id: string;
  message_id: string;
  event: 'webhook.test';
  success: boolean;
  status: number | null;
  duration_ms: number;
  error_class: AttemptErrorClass | null;
  error_message: string | null;
  response: { headers: Record<string, string>; body: string };
}

/** POST /webhooks/{id}/recover */
export interface Recovery {
  recovered: number;
  has_more: boolean;
}
