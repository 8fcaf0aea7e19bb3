import type { CredentialCheck } from '../api/auth/credentialCheck';
import type { Logger } from '../ports/logger';
import type { ReadStore } from '../ports/readStore';
import type { FeedWindow } from '../sync/feedWindow';
import type { FeedItems, RealtimeHub } from './realtimeHub';

/** How often every realtime connection's credential is checked again: with the 500 ms reuse of answers, well within 5 s. */
export const CREDENTIAL_SWEEP_INTERVAL_MS = 2000;

/** What the realtime transports (ws, Socket.IO, SSE) share: the one hub of the process and how to admit clients to it. */
export interface RealtimeServices {
  hub: RealtimeHub;
  credentials: CredentialCheck;
  items: FeedItems;
  /** Which resume cursors the feed can continue from: the sync routes' rule (malformed: 400, too old or ahead of the log: reset). */
  window: FeedWindow;
  /** For the access check of a file or folder channel. */
  readStore: ReadStore;
  logger: Logger;
  /** How often every connection's credential is checked again. */
  credentialSweepIntervalMs: number;
}
