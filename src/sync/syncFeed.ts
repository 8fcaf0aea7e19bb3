import type { FeedWakeups } from './feedWakeups';
import type { FeedWindow } from './feedWindow';
import type { HorizonWatch } from './feedTypes';
import type { LogFeedReader } from './logFeedReader';

/** What the sync routes read a feed with (built once per process by the composition root). */
export interface SyncFeed {
  horizon: HorizonWatch;
  /** The projection whose checkpoint the horizon is (`access`). */
  horizonProjection: string;
  reader: LogFeedReader;
  wakeups: FeedWakeups;
  window: FeedWindow;
}
