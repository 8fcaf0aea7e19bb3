import type { Document } from '../../ports/readStore';

export const ANALYTICS_HOURS = 'analytics_hours';
export const STORED_BYTES_HOURS = 'analytics_stored_bytes_hours';
export const STORED_BYTES = 'analytics_stored_bytes';

/** What an hourly row counts: events in that hour, added up. */
export const COUNTERS = [
  'uploads',
  'downloads',
  'deletes',
  'shares',
  'bytes_uploaded',
  'bytes_deleted',
  'requests',
  'errors',
  'server_errors',
] as const;
export type Counter = (typeof COUNTERS)[number];

export type Counts = Partial<Record<Counter, number>>;

/**
 * One user's activity in one UTC hour: `<userId>:<hour>`; and, for requests made with an API token,
 * that token's part of it: `<userId>:<hour>:<tokenId>`. Rows exist only for hours with activity; a
 * counter missing from a row is 0.
 */
export interface AnalyticsHourView extends Document, Counts {
  user_id: string;
  /** Null on the user's own row (everything they did), the token on a token's row. */
  token_id: string | null;
  /** Start of the hour, ISO. */
  hour: string;
}

/**
 * A user's stored bytes (every version of every live file) at the end of an hour in which they changed:
 * `<userId>:<hour>`. Kept apart from the counters so the level before a range is one indexed read.
 */
export interface StoredBytesHourView extends Document {
  user_id: string;
  hour: string;
  bytes_stored: number;
}

/** A user's stored bytes after the last event applied (keyed by user id): where the next change starts from. */
export interface StoredBytesView extends Document {
  bytes_stored: number;
}

export const userHourId = (userId: string, hour: string): string => `${userId}:${hour}`;
export const tokenHourId = (userId: string, hour: string, tokenId: string): string => `${userId}:${hour}:${tokenId}`;
