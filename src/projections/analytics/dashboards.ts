import type { Counter } from './analyticsViews';

/** Series read from the stored-bytes levels rather than added up from the counters. */
export type LevelSeries = 'bytes_stored';
export type SeriesName = Counter | LevelSeries;

export interface SeriesDefinition {
  unit: 'count' | 'bytes';
  /** `sum`: what happened in the bucket; `level`: the value at the end of the bucket. */
  aggregation: 'sum' | 'level';
  description: string;
}

/** A level series is declared `level`, every counter `sum`, so the type guard on `aggregation` holds. */
type SeriesTable = { readonly [N in SeriesName]: SeriesDefinition & { aggregation: N extends LevelSeries ? 'level' : 'sum' } };

export const SERIES: SeriesTable = {
  bytes_stored: {
    unit: 'bytes',
    aggregation: 'level',
    description: 'Bytes of every stored version of your live files at the end of the bucket',
  },
  bytes_uploaded: { unit: 'bytes', aggregation: 'sum', description: 'Bytes of the files and new versions you uploaded' },
  bytes_deleted: { unit: 'bytes', aggregation: 'sum', description: 'Bytes (every version) of the files you deleted' },
  uploads: { unit: 'count', aggregation: 'sum', description: 'Files uploaded and new versions of files' },
  downloads: { unit: 'count', aggregation: 'sum', description: 'Downloads of your files (whole or a range), by anyone' },
  deletes: { unit: 'count', aggregation: 'sum', description: 'Files deleted, also with their folder' },
  shares: { unit: 'count', aggregation: 'sum', description: 'Shares you made of your files and folders, one per user shared with' },
  requests: { unit: 'count', aggregation: 'sum', description: 'API requests you made, with a login session or a token' },
  errors: { unit: 'count', aggregation: 'sum', description: 'Those of your requests answered with a status of 400 or more' },
  server_errors: { unit: 'count', aggregation: 'sum', description: 'Those of your requests answered with a status of 500 or more' },
};

/** The dashboards and the series each answers, in order. */
export const DASHBOARDS = {
  storage: ['bytes_stored', 'bytes_uploaded', 'bytes_deleted'],
  activity: ['uploads', 'downloads', 'deletes', 'shares'],
  'api-usage': ['requests', 'errors', 'server_errors'],
} as const satisfies Record<string, readonly SeriesName[]>;

export type Dashboard = keyof typeof DASHBOARDS;

export const DASHBOARD_NAMES = Object.keys(DASHBOARDS) as [Dashboard, ...Dashboard[]];

/** Dashboards of requests: the only ones counted per token (a token filter applies to them), read from the usage records. */
export const REQUEST_DASHBOARDS: readonly Dashboard[] = ['api-usage'];
