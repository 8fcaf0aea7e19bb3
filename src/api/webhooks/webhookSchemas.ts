import { z } from 'zod';
import { isValidSelector, unknownSelectorMessage } from '../../domain/webhook/eventSelectors';
import { DEFAULT_PREVIOUS_SECRET_SECONDS, MAX_PREVIOUS_SECRET_SECONDS } from '../../domain/webhook/webhookDecider';
import { WEBHOOK_ORDERINGS } from '../../domain/webhook/webhookEvents';
import { writtenAuthority } from '../../domain/shared/writtenAuthority';

/** The Filora seed's delivery rate. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 100;
export const DEFAULT_MAX_CONCURRENCY = 10;
const MAX_EVENTS = 50;
const URL_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:']);

function urlProblem(url: string): string | null {
  if (!URL.canParse(url) || !URL_PROTOCOLS.has(new URL(url).protocol)) return 'expected an http or https URL';
  const authority = writtenAuthority(url) ?? '';
  if (authority === '') return 'expected a host after the scheme, as in https://example.com/hooks';
  // Credentials in the URL would travel in the webhook's events and views; they belong in headers.
  if (authority.includes('@')) return 'the URL must not hold credentials (user:password@); authenticate the request another way';
  return null;
}

const urlField = z
  .string()
  .max(2048)
  .superRefine((url, context) => {
    const problem = urlProblem(url);
    if (problem !== null) context.addIssue({ code: 'custom', message: problem });
  })
  .meta({ description: 'Where deliveries are POSTed. Its host must resolve to a public address when a delivery is made.' });

const eventSelector = z
  .string()
  .max(100)
  .superRefine((selector, context) => {
    if (!isValidSelector(selector)) context.addIssue({ code: 'custom', message: unknownSelectorMessage(selector) });
  });

const eventsField = z
  .array(eventSelector)
  .min(1)
  .max(MAX_EVENTS)
  .refine((events) => new Set(events).size === events.length, { message: 'each event at most once' })
  .meta({
    description:
      'What the webhook receives: public event names (`upload.completed`), aliases (`file.created`, `file.shared`), a category wildcard (`file.*`) or `*`.',
  });

const nameField = z.string().trim().min(1).max(100).nullable();
const descriptionField = z.string().max(1000).nullable();
const rateLimitField = z.int().min(1).max(60_000).meta({ description: 'Deliveries per minute, at most.' });
const maxConcurrencyField = z.int().min(1).max(100).meta({ description: 'Deliveries in flight at once, at most.' });
const orderingField = z.enum(WEBHOOK_ORDERINGS).meta({
  description:
    '`per_resource`: the events of one file or folder arrive in order; a failing one holds back only that resource’s later events.',
});
const verifySslField = z.boolean().meta({ description: 'Whether the endpoint’s TLS certificate must be valid.' });
const enabledField = z.boolean().meta({ description: 'A disabled webhook receives nothing; setting it true again turns it back on.' });

/** A webhook's settings whole: POST creates with them (what is left out takes its default). */
export const webhookSettingsInput = z.strictObject({
  url: urlField,
  events: eventsField,
  name: nameField.default(null),
  description: descriptionField.default(null),
  rate_limit_per_minute: rateLimitField.default(DEFAULT_RATE_LIMIT_PER_MINUTE),
  max_concurrency: maxConcurrencyField.default(DEFAULT_MAX_CONCURRENCY),
  ordering: orderingField.default('none'),
  verify_ssl: verifySslField.default(true),
  enabled: enabledField.default(true),
});

/**
 * PUT replaces the settings, those left out taking their defaults, except `enabled`: left out, it stays as it
 * is, so that replacing the settings never turns back on a webhook the platform disabled (410, days of failures).
 */
export const replaceWebhookInput = webhookSettingsInput.extend({ enabled: enabledField.optional() });

export const patchWebhookInput = z
  .strictObject({
    url: urlField.optional(),
    events: eventsField.optional(),
    name: nameField.optional(),
    description: descriptionField.optional(),
    rate_limit_per_minute: rateLimitField.optional(),
    max_concurrency: maxConcurrencyField.optional(),
    ordering: orderingField.optional(),
    verify_ssl: verifySslField.optional(),
    enabled: enabledField.optional(),
  })
  .refine((input) => Object.keys(input).length > 0, { message: 'at least one field is required' })
  .meta({ minProperties: 1 });

/** The body of `POST /webhooks/{id}/rotate-secret`, which may be left out. */
export const rotateSecretInput = z
  .strictObject({
    expire_previous_in: z
      .int()
      .min(0)
      .max(MAX_PREVIOUS_SECRET_SECONDS)
      .default(DEFAULT_PREVIOUS_SECRET_SECONDS)
      .meta({ description: 'Seconds the previous secret keeps signing beside the new one (24 h by default; 0 stops it now).' }),
  })
  .default({ expire_previous_in: DEFAULT_PREVIOUS_SECRET_SECONDS });
