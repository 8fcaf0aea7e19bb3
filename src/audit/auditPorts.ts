import type { Actor } from '../domain/access/accessPolicy';
import type { Role } from '../domain/user/roles';
import type { ChainBreak } from '../domain/audit/chainBreak';
import type { Position, RecordedEvent } from '../ports/eventStore';

/** A user's roles as their stream says now (a revoke counts at once, not when a read model catches up). */
export interface RoleLookup {
  rolesOf(userId: string): Promise<ReadonlySet<Role>>;
}

/** What an auditor (or a user, within what they may see) asks of the log. All fields combine with AND. */
export interface AuditFilter {
  /** One stream, by its full name (`file-<uuid>`). */
  stream?: string;
  /** A stream category (`file`, `folder`, `user`, …). */
  category?: string;
  /** Stored event types (`FileRenamed`) or public names (`file.renamed`). */
  types?: readonly string[];
  /** metadata.actor */
  actor?: string;
  /** Inclusive lower bound on the event's time. */
  since?: Date;
  /** Exclusive upper bound on the event's time. */
  until?: Date;
  /** Exclusive lower bound on the position (paging). */
  afterPosition?: Position | null;
  /** With `stream`: exclusive lower bound on the revision (paging through one stream). */
  afterRevision?: bigint;
}

export interface AuditReadProgress {
  /** Events read from the store so far (matching or not). */
  scanned: number;
  /** Position of the last event read. */
  position: Position | null;
  /** Position of the newest event when the read began: the end of the bar. */
  head: Position | null;
}

/** The log as auditors read it: one reader behind the audit API, its NDJSON export and `filora replay`. */
export interface AuditLogReader {
  /**
   * Events matching the filter in log order, read from the store in bounded pages (memory stays flat for
   * any length). `visibleTo` leaves out what that caller may not see; null reads everything (an auditor, the CLI).
   */
  events(
    filter: AuditFilter,
    options?: { visibleTo?: Actor | null; onProgress?: (progress: AuditReadProgress) => void; signal?: AbortSignal },
  ): AsyncIterable<RecordedEvent>;
}

/** Whether a caller may read a stream's history: an auditor any, a user what they own or may see. */
export interface StreamAccess {
  mayRead(actor: Actor, stream: string): Promise<boolean>;
}

export interface VerifyProgress {
  /** Events checked so far. */
  checked: number;
  /** Events in the log when the walk began (the end of the bar). */
  total: number | null;
}

export interface VerifyReport {
  streams: number;
  events: number;
  /** Events written before chains existed, anchored by their stream's first chained event. */
  unchainedBeforeAnchor: number;
  breaks: ChainBreak[];
}

/** Walks hash chains and reports every break. */
export interface ChainVerifier {
  verifyStream(stream: string): Promise<VerifyReport>;
  verifyAll(options?: { onProgress?: (progress: VerifyProgress) => void }): Promise<VerifyReport>;
}
