import { publishedStream } from '../dispatch/publishedStream';
import { SHARE_EVENT_TYPES, shareEventPrincipal } from '../domain/share/shareEvents';
import type { RecordedEvent } from '../ports/eventStore';
import type { ReadStore } from '../ports/readStore';
import type { AccessHistoryRow, AccessInterval } from '../projections/access/accessRows';
import { ACCESS_HISTORY, accessKeyOf } from '../projections/access/accessRows';
import type { FeedAudience } from './feedTypes';

/** Categories whose events others than the owner may see, through a share of the resource or of a folder above it. */
const SHAREABLE_CATEGORIES: ReadonlySet<string> = new Set(['file', 'folder']);

const HISTORY_PAGE = 1000;

const textField = (event: RecordedEvent, field: string): string | null => {
  const value = event.data[field];
  return typeof value === 'string' ? value : null;
};

/**
 * The file or folder whose access decides who else sees an event (downloads count as their file's), or null.
 * A share event is the owner's and its grantee's business only: other grantees of the resource do not learn who else it is shared with.
 */
export function sharedResourceOf(event: RecordedEvent): string | null {
  if (SHARE_EVENT_TYPES.has(event.type)) return null;
  const { category, streamId } = publishedStream(event.streamId);
  return SHAREABLE_CATEGORIES.has(category) ? streamId.slice(category.length + 1) : null;
}

/**
 * Who sees an event whatever the access read models say: the owner of what it is about (a user sees their
 * own registration), and the grantee a share event names, so a revoke or an expiry reaches the one it ends.
 */
export function namedRecipientsOf(event: RecordedEvent): string[] {
  const recipients = [textField(event, 'ownerId') ?? textField(event, 'userId')];
  recipients.push(shareEventPrincipal(event));
  return recipients.filter((recipient): recipient is string => recipient !== null);
}

/** Whether an event falls in a time its principal could see the resource: `from <= p <= to`, and before the share's expiry. */
export function intervalCovers(interval: AccessInterval, event: Pick<RecordedEvent, 'position' | 'createdAt'>): boolean {
  if (event.position < interval.from || (interval.to !== null && event.position > interval.to)) return false;
  return interval.expires_at === null || event.createdAt.toISOString() < interval.expires_at;
}

const rowCovers = (row: AccessHistoryRow | undefined, event: RecordedEvent): boolean =>
  row !== undefined && row.intervals.some((interval) => intervalCovers(interval, event));

/**
 * The audience of events from the access history the `access` projection keeps (see AccessInterval).
 * Exact only for events at or below that projection's checkpoint: the feed reads no further (the horizon).
 */
export class AccessHistoryAudience implements FeedAudience {
  constructor(private readonly readStore: ReadStore) {}

  async of(events: readonly RecordedEvent[]): Promise<ReadonlyMap<string, ReadonlySet<string>>> {
    const history = await this.historyOf(new Set(events.map(sharedResourceOf).filter((id): id is string => id !== null)));
    const audience = new Map<string, ReadonlySet<string>>();
    for (const event of events) {
      const reached = new Set(namedRecipientsOf(event));
      const resource = sharedResourceOf(event);
      for (const row of (resource && history.get(resource)) || []) if (rowCovers(row, event)) reached.add(row.principal_id);
      audience.set(event.id, reached);
    }
    return audience;
  }

  /** The ids of those of `events` that reach `userId` (one keyed read for the batch). */
  async reaching(userId: string, events: readonly RecordedEvent[]): Promise<ReadonlySet<string>> {
    const keys = [...new Set(events.map(sharedResourceOf).filter((id): id is string => id !== null))].map((id) => accessKeyOf(id, userId));
    const rows =
      keys.length === 0 ? [] : await this.readStore.find<AccessHistoryRow>(ACCESS_HISTORY, { _id: { $in: keys } }, { limit: keys.length });
    const byResource = new Map(rows.map((row) => [row.resource_id, row]));
    const reached = new Set<string>();
    for (const event of events) {
      const resource = sharedResourceOf(event);
      if (namedRecipientsOf(event).includes(userId) || (resource !== null && rowCovers(byResource.get(resource), event)))
        reached.add(event.id);
    }
    return reached;
  }

  private async historyOf(resources: ReadonlySet<string>): Promise<Map<string, AccessHistoryRow[]>> {
    const byResource = new Map<string, AccessHistoryRow[]>();
    if (resources.size === 0) return byResource;
    let after: AccessHistoryRow | undefined;
    for (;;) {
      const rows = await this.readStore.find<AccessHistoryRow>(
        ACCESS_HISTORY,
        { resource_id: { $in: [...resources] } },
        { limit: HISTORY_PAGE, after },
      );
      for (const row of rows) {
        const resourceRows = byResource.get(row.resource_id);
        if (resourceRows) resourceRows.push(row);
        else byResource.set(row.resource_id, [row]);
      }
      if (rows.length < HISTORY_PAGE) return byResource;
      after = rows[rows.length - 1];
    }
  }
}
