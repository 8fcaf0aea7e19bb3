import type { Actor } from '../access/accessPolicy';
import { requireAccess, resourceOf } from '../access/accessPolicy';
import type { Decider } from '../shared/decider';
import { conflict, DomainError } from '../shared/domainError';
import type { IncomingWebhookEvent, IncomingWebhookSettings } from './incomingWebhookEvents';
import { normalisedSettings, settingsProblems } from './incomingWebhookRules';
import { definedOnly } from '../shared/definedOnly';

/** Most incoming webhooks one user may have. */
export const MAX_INCOMING_WEBHOOKS_PER_OWNER = 50;

/** A receive URL's token as kept: its SHA-256 and the first characters shown in lists. */
export interface StoredToken {
  tokenHash: string;
  tokenPrefix: string;
}

export interface IncomingWebhookState {
  incomingWebhookId: string | null;
  exists: boolean;
  deleted: boolean;
  ownerId: string | null;
  settings: IncomingWebhookSettings | null;
  token: StoredToken | null;
  /** The verification secret, sealed; null with verification `none`. */
  encryptedSecret: string | null;
}

export type IncomingWebhookCommand =
  | {
      type: 'CreateIncomingWebhook';
      incomingWebhookId: string;
      ownerId: string;
      token: StoredToken;
      encryptedSecret: string | null;
      settings: IncomingWebhookSettings;
      ownedIncomingWebhooks: number;
    }
  /** `encryptedSecret` left out keeps the secret; null removes it (verification `none`). */
  | { type: 'ChangeIncomingWebhook'; actor: Actor; changes: Partial<IncomingWebhookSettings>; encryptedSecret?: string | null }
  | { type: 'RegenerateIncomingWebhookToken'; actor: Actor; token: StoredToken }
  | { type: 'DeleteIncomingWebhook'; actor: Actor };

const initialState: IncomingWebhookState = {
  incomingWebhookId: null,
  exists: false,
  deleted: false,
  ownerId: null,
  settings: null,
  token: null,
  encryptedSecret: null,
};

function evolve(state: IncomingWebhookState, event: IncomingWebhookEvent): IncomingWebhookState {
  switch (event.type) {
    case 'IncomingWebhookCreated': {
      const { incomingWebhookId, ownerId, tokenHash, tokenPrefix, encryptedSecret, createdAt: _at, ...settings } = event.data;
      return { ...state, incomingWebhookId, ownerId, exists: true, settings, token: { tokenHash, tokenPrefix }, encryptedSecret };
    }
    case 'IncomingWebhookChanged': {
      const { incomingWebhookId: _id, ownerId: _owner, encryptedSecret, ...changes } = event.data;
      if (state.settings === null) return state;
      const secret = encryptedSecret === undefined ? state.encryptedSecret : encryptedSecret;
      return { ...state, settings: { ...state.settings, ...definedOnly(changes) }, encryptedSecret: secret };
    }
    case 'IncomingWebhookTokenRegenerated':
      return { ...state, token: { tokenHash: event.data.tokenHash, tokenPrefix: event.data.tokenPrefix } };
    case 'IncomingWebhookDeleted':
      return { ...state, deleted: true };
  }
}

function requireValidSettings(settings: IncomingWebhookSettings): void {
  const [problem] = settingsProblems(settings);
  if (problem) throw new DomainError('invalid', problem.message, problem.path);
}

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The settings a change names that differ from the current ones. */
function changedSettings(current: IncomingWebhookSettings, next: IncomingWebhookSettings): Partial<IncomingWebhookSettings> {
  return Object.fromEntries(
    Object.entries(next).filter(([field, value]) => !sameValue(current[field as keyof IncomingWebhookSettings], value)),
  ) as Partial<IncomingWebhookSettings>;
}

/**
 * An incoming webhook belongs to the user who created it; only they manage it, with `webhooks.manage`.
 * Another user's hook is not found. Its settings are checked whole on every change: a PATCH of the action
 * alone must still leave a mapping that fits it.
 */
export const incomingWebhookDecider: Decider<IncomingWebhookCommand, IncomingWebhookEvent, IncomingWebhookState> = {
  initialState,
  evolve,
  decide(command, state, { now }) {
    if (command.type === 'CreateIncomingWebhook') {
      if (state.exists) throw conflict('incoming webhook already exists');
      if (command.ownedIncomingWebhooks >= MAX_INCOMING_WEBHOOKS_PER_OWNER)
        throw conflict(`a user may have at most ${MAX_INCOMING_WEBHOOKS_PER_OWNER} incoming webhooks; delete one first`);
      const settings = normalisedSettings<IncomingWebhookSettings>(null, command.settings);
      requireValidSettings(settings);
      const { incomingWebhookId, ownerId, token, encryptedSecret } = command;
      const data = { incomingWebhookId, ownerId, ...token, encryptedSecret, ...settings, createdAt: now.toISOString() };
      return [{ type: 'IncomingWebhookCreated', data }];
    }
    requireAccess(command.actor, 'manage_webhooks', resourceOf(state), 'incoming webhook', now);
    const identity = { incomingWebhookId: state.incomingWebhookId!, ownerId: state.ownerId! };
    switch (command.type) {
      case 'DeleteIncomingWebhook':
        return [{ type: 'IncomingWebhookDeleted', data: identity }];
      case 'RegenerateIncomingWebhookToken':
        return [{ type: 'IncomingWebhookTokenRegenerated', data: { ...identity, ...command.token } }];
      case 'ChangeIncomingWebhook': {
        const current = state.settings!;
        const next = normalisedSettings<IncomingWebhookSettings>(current, definedOnly(command.changes));
        requireValidSettings(next);
        const changes = changedSettings(current, next);
        const secretChanged = command.encryptedSecret !== undefined && command.encryptedSecret !== state.encryptedSecret;
        if (Object.keys(changes).length === 0 && !secretChanged) return [];
        const secret = secretChanged ? { encryptedSecret: command.encryptedSecret } : {};
        return [{ type: 'IncomingWebhookChanged', data: { ...identity, ...changes, ...secret } }];
      }
    }
  },
};

/** Whether the hook exists and was not deleted: what the receive route and management may act on. */
export const isLiveIncomingWebhook = (state: IncomingWebhookState): boolean => state.exists && !state.deleted;
