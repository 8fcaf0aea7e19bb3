import type { Actor } from '../access/accessPolicy';
import { requireAccess, resourceOf } from '../access/accessPolicy';
import type { Decider } from '../shared/decider';
import { conflict, DomainError, notFound } from '../shared/domainError';
import { requireValidSelectors } from './eventSelectors';
import type { WebhookEvent, WebhookSettings } from './webhookEvents';
import { definedOnly } from '../shared/definedOnly';

/** Most webhooks one user may have (issue 12). */
export const MAX_WEBHOOKS_PER_OWNER = 50;
/** How long a rotated-out secret keeps signing beside the new one unless the owner says otherwise (DESIGN §6). */
export const DEFAULT_PREVIOUS_SECRET_SECONDS = 24 * 60 * 60;
/** The longest an owner may keep a rotated-out secret signing. */
export const MAX_PREVIOUS_SECRET_SECONDS = 7 * 24 * 60 * 60;

export interface WebhookState {
  webhookId: string | null;
  exists: boolean;
  deleted: boolean;
  ownerId: string | null;
  settings: WebhookSettings | null;
}

export type WebhookCommand =
  | {
      type: 'RegisterWebhook';
      webhookId: string;
      ownerId: string;
      encryptedSecret: string;
      settings: WebhookSettings;
      ownedWebhooks: number;
    }
  | { type: 'ChangeWebhook'; actor: Actor; changes: Partial<WebhookSettings> }
  | { type: 'RotateWebhookSecret'; actor: Actor; encryptedSecret: string; expirePreviousInSeconds: number }
  /** The platform's own decision (410 Gone, days of failures): no actor, and nothing happens to a deleted or disabled webhook. */
  | { type: 'DisableWebhook'; reason: string }
  | { type: 'DeleteWebhook'; actor: Actor };

const initialState: WebhookState = { webhookId: null, exists: false, deleted: false, ownerId: null, settings: null };

function evolve(state: WebhookState, event: WebhookEvent): WebhookState {
  switch (event.type) {
    case 'WebhookRegistered': {
      const { webhookId, ownerId, encryptedSecret: _secret, registeredAt: _at, ...settings } = event.data;
      return { ...state, webhookId, ownerId, exists: true, settings };
    }
    case 'WebhookChanged': {
      const { webhookId: _id, ownerId: _owner, ...changes } = event.data;
      return state.settings === null ? state : { ...state, settings: { ...state.settings, ...definedOnly(changes) } };
    }
    case 'WebhookDisabled':
      return state.settings === null ? state : { ...state, settings: { ...state.settings, enabled: false } };
    case 'WebhookSecretRotated':
      return state;
    case 'WebhookDeleted':
      return { ...state, deleted: true };
  }
}

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The settings a change names that differ from the current ones; turning a webhook off is a WebhookDisabled instead. */
function changedSettings(current: WebhookSettings, changes: Partial<WebhookSettings>): Partial<WebhookSettings> {
  const given = definedOnly(changes);
  return Object.fromEntries(
    Object.entries(given).filter(([field, value]) => field !== 'enabled' && !sameValue(current[field as keyof WebhookSettings], value)),
  ) as Partial<WebhookSettings>;
}

function requireExpiryWindow(seconds: number): void {
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_PREVIOUS_SECRET_SECONDS)
    throw new DomainError(
      'invalid',
      `expire_previous_in must be a whole number of seconds from 0 to ${MAX_PREVIOUS_SECRET_SECONDS}`,
      'expire_previous_in',
    );
}

/**
 * A webhook belongs to the user who registered it; only they manage it, with the `webhooks.manage` scope.
 * Another user's webhook is not found. The platform may disable any webhook (DisableWebhook).
 */
export const webhookDecider: Decider<WebhookCommand, WebhookEvent, WebhookState> = {
  initialState,
  evolve,
  decide(command, state, { now }) {
    if (command.type === 'RegisterWebhook') {
      if (state.exists) throw conflict('webhook already exists');
      if (command.ownedWebhooks >= MAX_WEBHOOKS_PER_OWNER)
        throw conflict(`a user may have at most ${MAX_WEBHOOKS_PER_OWNER} webhooks; delete one first`);
      requireValidSelectors(command.settings.events);
      const { webhookId, ownerId, encryptedSecret, settings } = command;
      return [{ type: 'WebhookRegistered', data: { webhookId, ownerId, encryptedSecret, ...settings, registeredAt: now.toISOString() } }];
    }
    if (command.type === 'DisableWebhook') {
      if (!state.exists) throw notFound('webhook not found');
      if (state.deleted || state.settings?.enabled === false) return [];
      const identity = { webhookId: state.webhookId!, ownerId: state.ownerId! };
      return [{ type: 'WebhookDisabled', data: { ...identity, reason: command.reason, disabledAt: now.toISOString() } }];
    }
    requireAccess(command.actor, 'manage_webhooks', resourceOf(state), 'webhook', now);
    const identity = { webhookId: state.webhookId!, ownerId: state.ownerId! };
    const settings = state.settings!;
    switch (command.type) {
      case 'DeleteWebhook':
        return [{ type: 'WebhookDeleted', data: identity }];
      case 'RotateWebhookSecret': {
        requireExpiryWindow(command.expirePreviousInSeconds);
        const previousExpiresAt = new Date(now.getTime() + command.expirePreviousInSeconds * 1000).toISOString();
        return [{ type: 'WebhookSecretRotated', data: { ...identity, encryptedSecret: command.encryptedSecret, previousExpiresAt } }];
      }
      case 'ChangeWebhook': {
        if (command.changes.events !== undefined) requireValidSelectors(command.changes.events);
        const changes = changedSettings(settings, command.changes);
        const enabling = command.changes.enabled === true && !settings.enabled;
        const disabling = command.changes.enabled === false && settings.enabled;
        const events: WebhookEvent[] = [];
        if (Object.keys(changes).length > 0 || enabling)
          events.push({ type: 'WebhookChanged', data: { ...identity, ...changes, ...(enabling ? { enabled: true } : {}) } });
        if (disabling)
          events.push({ type: 'WebhookDisabled', data: { ...identity, reason: 'disabled by its owner', disabledAt: now.toISOString() } });
        return events;
      }
    }
  },
};
