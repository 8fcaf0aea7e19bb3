/**
 * The public events a webhook can receive, by category (the `webhooks` section of the API's OpenAPI document;
 * the API has no endpoint that lists them). `<category>.*` subscribes to a whole category, `*` to everything.
 */
export const EVENT_CATEGORIES: readonly { category: string; label: string; events: readonly string[] }[] = [
  { category: 'upload', label: 'Uploads', events: ['upload.completed'] },
  { category: 'file', label: 'Files', events: ['file.updated', 'file.deleted', 'file.downloaded'] },
  { category: 'folder', label: 'Folders', events: ['folder.created', 'folder.updated', 'folder.deleted'] },
  { category: 'share', label: 'Shares', events: ['share.created', 'share.updated', 'share.revoked', 'share.expired'] },
  { category: 'link', label: 'Public links', events: ['link.created', 'link.updated', 'link.revoked'] },
  { category: 'token', label: 'API tokens', events: ['token.created', 'token.revoked', 'token.regenerated'] },
  { category: 'user', label: 'Account', events: ['user.registered', 'user.authenticated', 'user.mfa_failed'] },
  { category: 'webhook', label: 'Webhooks', events: ['webhook.created', 'webhook.updated', 'webhook.disabled', 'webhook.deleted'] },
];

export const ALL_EVENTS = '*';

const KNOWN = new Set<string>([ALL_EVENTS, ...EVENT_CATEGORIES.flatMap(({ category, events }) => [`${category}.*`, ...events])]);

/** Whether the checkboxes show this subscription (aliases such as `file.created` are typed as text instead). */
export const isListedEvent = (event: string): boolean => KNOWN.has(event);

export const otherEvents = (events: readonly string[]): string[] => events.filter((event) => !isListedEvent(event));

/** Every event name the delivery log can be filtered by. */
export const FILTERABLE_EVENTS: readonly string[] = [...EVENT_CATEGORIES.flatMap(({ events }) => events), 'webhook.test'];
