import type { z } from 'zod';
import { fileContentReplaced, fileDeleted, fileDownloaded, fileUploaded } from '../../domain/file/fileEvents';
import { fileShareEvents, folderShareEvents } from '../../domain/share/shareEvents';
import type { Counts } from './analyticsViews';

/** What one file event adds to its owner's hour. */
export interface FileActivity {
  ownerId: string;
  counts: Counts;
  /** Change of the owner's stored bytes (every version of every live file, as storage stats count them). */
  storedBytesChange?: number;
}

type EventSchema = z.ZodObject<{ type: z.ZodLiteral<string>; data: z.ZodType }>;

interface CountedEvent {
  type: string;
  activityOf(event: { type: string; data: unknown }): FileActivity;
}

function counted<S extends EventSchema>(schema: S, activity: (event: z.infer<S>) => FileActivity): CountedEvent {
  return { type: schema.shape.type.value, activityOf: (event) => activity(schema.parse(event)) };
}

/** Every event the activity and storage series count, one line each; a share of a file or a folder with one user is one share. */
const COUNTED_EVENTS: readonly CountedEvent[] = [
  counted(fileUploaded, ({ data }) => ({
    ownerId: data.ownerId,
    counts: { uploads: 1, bytes_uploaded: data.size },
    storedBytesChange: data.size,
  })),
  counted(fileContentReplaced, ({ data }) => ({
    ownerId: data.ownerId,
    counts: { uploads: 1, bytes_uploaded: data.size },
    storedBytesChange: data.size,
  })),
  counted(fileDeleted, ({ data }) => ({
    ownerId: data.ownerId,
    counts: { deletes: 1, bytes_deleted: data.storedBytes },
    storedBytesChange: -data.storedBytes,
  })),
  counted(fileDownloaded, ({ data }) => ({ ownerId: data.ownerId, counts: { downloads: 1 } })),
  counted(fileShareEvents.shared, ({ data }) => ({ ownerId: data.ownerId, counts: { shares: 1 } })),
  counted(folderShareEvents.shared, ({ data }) => ({ ownerId: data.ownerId, counts: { shares: 1 } })),
];

const BY_TYPE = new Map(COUNTED_EVENTS.map((counted) => [counted.type, counted]));

export const COUNTED_FILE_EVENT_TYPES: readonly string[] = [...BY_TYPE.keys()];

/** What a file event adds to its owner's hour; throws on an event type that is not counted or on invalid data. */
export function fileActivityOf(event: { type: string; data: unknown }): FileActivity {
  const counted = BY_TYPE.get(event.type);
  if (!counted) throw new Error(`${event.type} is not an event the analytics count`);
  return counted.activityOf(event);
}
