import type { InjectionToken } from 'tsyringe';
import type { Actor } from '../../domain/access/accessPolicy';
import type { EventStore, Position, RecordedEvent } from '../../ports/eventStore';
import { shareEventPrincipal } from '../../domain/share/shareEvents';
import type { AccessHistoryAudience } from '../../sync/feedAudience';
import { sharedResourceOf } from '../../sync/feedAudience';
import type { HorizonWatch } from '../../sync/feedTypes';
import type { AuditFilter, AuditLogReader, AuditReadProgress, StreamAccess } from '../auditPorts';
import { auditMatcher } from './auditMatch';
import { storedTypesOf } from './storedTypes';

/** An event of a file or folder's history (downloads included) that its grantee sees: any but a share event about someone else. */
function inResourceHistoryOf(actor: Actor, event: RecordedEvent): boolean {
  const grantee = shareEventPrincipal(event);
  return grantee === null ? sharedResourceOf(event) !== null : grantee === actor.userId;
}

export const AUDIT_LOG_READER: InjectionToken<AuditLogReader> = 'AuditLogReader';

/** Events read from the store at a time: what a read holds in memory, whatever the length of the log. */
export const AUDIT_READ_PAGE = 1000;

type ReadOptions = Parameters<AuditLogReader['events']>[1];

/** Pages of the store, and the position that ends the read (the bar's end). */
interface Source {
  pages: AsyncIterable<RecordedEvent[]>;
  head: Position | null;
  /** Leaves out of a page what the caller may not see (all of it passes when null). */
  visible: ((page: RecordedEvent[]) => Promise<ReadonlySet<string>>) | null;
}

/**
 * The audit log over the EventStore port. A stream filter reads that stream (all of it, for a caller who may
 * read it); otherwise the log is read in position order up to where it stood when the read began: the head
 * for everyone-readers, the access projection's checkpoint (the feed's horizon) for a user, so that who sees
 * what is final. The rest of the filter is applied as pages arrive; a type filter is given to readAll.
 */
export class EventStoreAuditLogReader implements AuditLogReader {
  constructor(
    private readonly eventStore: EventStore,
    private readonly horizon: Pick<HorizonWatch, 'current'>,
    private readonly audience: Pick<AccessHistoryAudience, 'reaching'>,
    private readonly streamAccess: StreamAccess,
    private readonly pageSize = AUDIT_READ_PAGE,
  ) {}

  async *events(filter: AuditFilter, options: ReadOptions = {}): AsyncIterable<RecordedEvent> {
    const { visibleTo = null, onProgress, signal } = options;
    const source =
      filter.stream === undefined ? await this.logSource(filter, visibleTo) : await this.streamSource(filter.stream, filter, visibleTo);
    if (source === null) return;
    const matches = auditMatcher(filter);
    const progress: AuditReadProgress = { scanned: 0, position: filter.afterPosition ?? null, head: source.head };
    for await (const page of source.pages) {
      if (signal?.aborted) return;
      const matching = page.filter(matches);
      const visible = source.visible && matching.length > 0 ? await source.visible(matching) : null;
      for (const event of matching) {
        if (visible !== null && !visible.has(event.id)) continue;
        yield event;
        if (signal?.aborted) return;
      }
      progress.scanned += page.length;
      progress.position = page[page.length - 1]!.position;
      // Called once every match of the page was handed over: a reader that stops here resumes after `position`.
      onProgress?.({ ...progress });
    }
  }

  /**
   * A stream the caller may read, event by event: what reaches them in the log (so a stream that changed hands,
   * a name claim, shows each owner their part), and of a file or folder they may see, its history as
   * GET /files/{id}/history shows it, without the share events about its other grantees.
   */
  private async streamSource(stream: string, filter: AuditFilter, visibleTo: Actor | null): Promise<Source | null> {
    if (visibleTo === null)
      return { pages: this.streamPages(stream, filter.afterRevision), head: await this.eventStore.headPosition(), visible: null };
    if (!(await this.streamAccess.mayRead(visibleTo, stream))) return null;
    const visible = async (page: RecordedEvent[]) => {
      const reached = await this.audience.reaching(visibleTo.userId, page);
      return new Set(page.filter((event) => reached.has(event.id) || inResourceHistoryOf(visibleTo, event)).map((event) => event.id));
    };
    return { pages: this.streamPages(stream, filter.afterRevision), head: await this.eventStore.headPosition(), visible };
  }

  private async *streamPages(stream: string, afterRevision: bigint | undefined): AsyncIterable<RecordedEvent[]> {
    let from = afterRevision === undefined ? 0n : afterRevision + 1n;
    for (;;) {
      const page = await this.eventStore.readStream(stream, { from, limit: this.pageSize });
      if (page.length > 0) yield page;
      if (page.length < this.pageSize) return;
      from = page[page.length - 1]!.revision + 1n;
    }
  }

  private async logSource(filter: AuditFilter, visibleTo: Actor | null): Promise<Source | null> {
    const end = visibleTo === null ? await this.eventStore.headPosition() : await this.horizon.current();
    if (end === null) return null;
    const types = filter.types === undefined ? undefined : storedTypesOf(filter.types);
    const visible = visibleTo === null ? null : (page: RecordedEvent[]) => this.audience.reaching(visibleTo.userId, page);
    return { pages: this.logPages(filter.afterPosition ?? null, end, types), head: end, visible };
  }

  private async *logPages(after: Position | null, end: Position, types: string[] | undefined): AsyncIterable<RecordedEvent[]> {
    let position = after;
    while (position === null || position < end) {
      const read = await this.eventStore.readAll({ after: position, limit: this.pageSize, types });
      const page = read.filter((event) => event.position <= end);
      if (page.length > 0) yield page;
      if (page.length < read.length || read.length === 0) return;
      position = page[page.length - 1]!.position;
    }
  }
}
