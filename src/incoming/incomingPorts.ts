import type { Actor } from '../domain/access/accessPolicy';
import type { CallAnswer, CallOutcome } from '../domain/incoming/incomingCallEvents';
import type { IncomingAction, IncomingCommand, MappingIssue, UpsertField } from '../domain/incoming/incomingCommand';
import type { VerificationSettings } from '../domain/incoming/incomingWebhookEvents';
import type { EventMetadata, Position } from '../ports/eventStore';
import type { Document } from '../ports/readStore';

/**
 * The seams between the parts of incoming webhooks (issue 13): management, the mapping language, the call
 * log with its idempotency, the runner of mapped commands, and the receive route. Each part implements its
 * side in its own files.
 */

/** The incoming webhooks read model: what management answers and how the receive route finds a hook by its token. */
export const INCOMING_WEBHOOKS = 'incoming_webhooks';
export interface IncomingWebhookRow extends Document {
  ownerId: string;
  name: string;
  action: IncomingAction;
  fieldMapping: Record<string, unknown>;
  upsertField: UpsertField | null;
  folderId: string | null;
  verification: VerificationSettings;
  /** Sealed with the webhook secret box (src/security/webhookSecrets.ts); null with verification `none`. */
  encryptedSecret: string | null;
  /** SHA-256 hex of the current token; the receive route looks hooks up by it. */
  tokenHash: string;
  /** The token's first characters, to recognise it in lists. */
  tokenPrefix: string;
  rateLimitPerMinute: number;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The call log read model: one row per call, newest first in the API. */
export const INCOMING_WEBHOOK_CALLS = 'incoming_webhook_calls';
export interface IncomingCallRow extends Document {
  incomingWebhookId: string;
  ownerId: string;
  messageId: string | null;
  receivedAt: string;
  ip: string | null;
  sizeBytes: number;
  payloadExcerpt: string;
  /** `running` until the call finished. */
  outcome: CallOutcome | 'running';
  status: number | null;
  resultId: string | null;
  errors: MappingIssue[];
  finishedAt: string | null;
}

/** What the receive route knows of a call before it runs anything. */
export interface ReceivedCall {
  incomingWebhookId: string;
  ownerId: string;
  /** The sender's `webhook-id`, else its `Idempotency-Key`; null without either. */
  messageId: string | null;
  ip: string | null;
  /** The raw body: its size is logged, and its first 4 kB, masked. */
  body: Buffer;
  /**
   * The body's size when `body` holds only its start: a body over the limit is not read to its end (the size
   * its Content-Length announced, else the bytes read before the limit). Absent: `body.length`.
   */
  sizeBytes?: number;
}

/** Whether a call runs, or repeats an earlier call with the same message id. */
export type CallStart =
  | { kind: 'run'; callId: string }
  /** The same message id finished within 24 h: answer what it was answered. */
  | { kind: 'replay'; callId: string; answer: CallAnswer }
  /** The same message id is being run by another request right now. */
  | { kind: 'in_progress'; callId: string };

export interface CallResult {
  outcome: CallOutcome;
  answer: CallAnswer;
  resultId: string | null;
  errors: MappingIssue[];
}

/** The call log and its idempotency (src/commands/incoming/incomingCalls.ts). */
export interface IncomingCalls {
  /** Records the call as received; with a message id seen in the last 24 h, answers that call instead. */
  begin(call: ReceivedCall): Promise<CallStart>;
  /** Records how a call that ran ended. */
  finish(callId: string, call: ReceivedCall, result: CallResult): Promise<void>;
  /** Logs a call refused before anything ran (bad signature, too large, not JSON): received and finished at once. */
  refuse(call: ReceivedCall, result: CallResult): Promise<void>;
}

/** What a mapped command did. */
export interface IncomingRunResult {
  /** 201 when it created the file or folder, 200 when it changed one. */
  status: 200 | 201;
  resource: 'file' | 'folder';
  id: string;
  position: Position | null;
}

/** What a dry run says the command would do, reading only. */
export interface IncomingPlan {
  /** `update` for an upsert or update that finds its file. */
  branch: 'create' | 'update';
  /** The file an update would change; null for a create. */
  targetId: string | null;
}

/**
 * Runs mapped commands as the hook's owner through the same commands, access policy, quota and events as
 * the REST API (src/incoming/run). Refusals throw the same DomainError / ApiError the REST API maps to 4xx.
 */
export interface IncomingCommandRunner {
  run(owner: Actor, command: IncomingCommand, metadata: EventMetadata): Promise<IncomingRunResult>;
  plan(owner: Actor, command: IncomingCommand): Promise<IncomingPlan>;
}
