import type { LoadRequest, LoadPlan } from './loadTest';

/** What the routes measured need from the server set up for them. */
export interface HttpFixtures {
  token: string;
  /** A folder holding `listedFiles` files. */
  listFolderId: string;
  listedFiles: number;
  /** Files to rename, one per connection. */
  renameFileIds: readonly string[];
}

export interface HttpGoal {
  /** Least Filora / bare Express ratio of 2xx req/s. */
  minRatio: number;
  /** Highest p99 latency in ms, when the goal sets one. */
  maxP99Ms?: number;
}

/** One route measured against bare Express. */
export interface HttpCase {
  label: string;
  filora: LoadPlan;
  /**
   * The bare Express request it is compared with: the same method and body for writes (answered back as
   * they came), a JSON document as long as Filora's answer for reads (`responseBytes`, measured first).
   */
  baseline(responseBytes: number): LoadPlan;
  /** A GET whose answer's size the baseline copies. */
  probe?: LoadRequest;
  goal?: HttpGoal;
}

const CONTENT_BYTES = 4096;
let sequence = 0;
/** Unique across the run: every warm-up and measurement of every route names things afresh. */
export const unique = () => `${Date.now().toString(36)}-${(sequence++).toString(36)}`;

/** 4 KiB of text that differs per upload, so that no two uploads share content (and a blob stream). */
export function content(tag: string): string {
  const head = `bench upload ${tag}\n`;
  return head + 'lorem ipsum dolor sit amet '.repeat(CONTENT_BYTES / 27 + 1).slice(0, CONTENT_BYTES - head.length);
}

const echo = (request: LoadRequest): LoadRequest => ({ ...request, path: '/echo' });
const sameAsEcho = (plan: LoadRequest) => () => echo(plan);

export function httpCases(fixtures: HttpFixtures): HttpCase[] {
  const headers = { authorization: `Bearer ${fixtures.token}` };
  const getJson = (bytes: number): LoadPlan => ({ method: 'GET', path: `/json?bytes=${bytes}`, headers });

  const me: LoadRequest = { method: 'GET', path: '/api/v1/users/me', headers };
  const list: LoadRequest = { method: 'GET', path: `/api/v1/files?limit=50&folder_id=${fixtures.listFolderId}`, headers };
  const createFolder: LoadRequest = {
    method: 'POST',
    path: '/api/v1/folders',
    headers,
    body: () => JSON.stringify({ name: `folder-${unique()}` }),
  };
  const upload: LoadRequest = {
    method: 'POST',
    path: '/api/v1/files',
    headers,
    body: () => {
      const tag = unique();
      return JSON.stringify({ name: `upload-${tag}.txt`, content: content(tag) });
    },
  };
  const renameOf = (fileId: string): LoadRequest => ({
    method: 'PATCH',
    path: `/api/v1/files/${fileId}`,
    headers,
    body: () => JSON.stringify({ name: `renamed-${unique()}.txt` }),
  });
  const renames = fixtures.renameFileIds;
  const fileFor = (connection: number) => {
    const fileId = renames[connection % renames.length];
    if (fileId === undefined) throw new Error('no files to rename');
    return fileId;
  };

  return [
    { label: 'GET /api/v1/users/me', filora: me, probe: me, baseline: getJson, goal: { minRatio: 0.6 } },
    {
      label: `GET /api/v1/files?limit=50 (folder of ${fixtures.listedFiles.toLocaleString('en')} files)`,
      filora: list,
      probe: list,
      baseline: getJson,
      goal: { minRatio: 0.6 },
    },
    {
      label: 'POST /api/v1/folders (unique names)',
      filora: createFolder,
      baseline: sameAsEcho(createFolder),
      goal: { minRatio: 0.25, maxP99Ms: 100 },
    },
    { label: 'POST /api/v1/files (4 KiB JSON upload)', filora: upload, baseline: sameAsEcho(upload) },
    {
      label: 'PATCH /api/v1/files/{id} (rename)',
      filora: { perConnection: (connection) => renameOf(fileFor(connection)) },
      baseline: () => echo(renameOf(fileFor(0))),
    },
  ];
}
