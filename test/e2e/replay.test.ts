import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, registerAndLogin } from '../support/http';
import { uploadJson } from '../support/files';
import { runFilora } from '../support/serverProcess';
import { startTestPlatform } from '../support/testPlatform';

jest.setTimeout(120_000);

/** `filora replay` as an operator runs it, on a real embedded data dir, against the `events` table as the oracle. */

interface StoredRow {
  position: number;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  created_at: number;
}

interface ReplayedEvent {
  id: string;
  stream: string;
  revision: number | string;
  position: string;
  type: string;
  time: string;
  actor: string | null;
  data: Record<string, unknown>;
}

let dataDir: string;
let rows: StoredRow[];
let fileStream: string;

const positionOf = (row: StoredRow) => String(row.position).padStart(20, '0');

async function filoraReplay(...args: string[]) {
  const run = runFilora('replay', { FILORA_DATA_DIR: dataDir, FILORA_LOG_LEVEL: 'warn' }, args);
  const code = await run.exited;
  const lines = run
    .standardOutput()
    .split('\n')
    .filter((line) => line !== '');
  return { code, lines, stderr: run.errors().trim() };
}

const replayed = (lines: readonly string[]) => lines.map((line) => JSON.parse(line) as ReplayedEvent);

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'filora-replay-'));
  const platform = await startTestPlatform({}, dataDir);
  try {
    const { token } = await registerAndLogin(platform.url);
    const file = await uploadJson(platform.url, token, { name: 'minutes.txt', content: 'draft' });
    for (const name of ['minutes-v2.txt', 'minutes-final.txt']) {
      expect((await call(platform.url, 'PATCH', `/api/v1/files/${file.body.id}`, { token, body: { name } })).status).toBe(200);
    }
    await uploadJson(platform.url, token, { name: 'agenda.txt', content: 'items' });
    fileStream = `file-${file.body.id}`;
  } finally {
    await platform.close(true);
  }
  const db = new Database(join(dataDir, 'filora.db'), { readonly: true });
  rows = db
    .prepare<[], StoredRow>('SELECT position, stream_id, revision, type, data, metadata, created_at FROM events ORDER BY position')
    .all();
  db.close();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('filora replay', () => {
  it('prints every event of the log in order as NDJSON, secrets redacted, with a progress bar on stderr', async () => {
    const { code, lines, stderr } = await filoraReplay();
    expect(code).toBe(0);
    const events = replayed(lines);
    expect(events.map(({ position, stream, type }) => ({ position, stream, type }))).toEqual(
      rows.map((row) => ({ position: positionOf(row), stream: row.stream_id, type: row.type })),
    );
    const registered = events.find((event) => event.type === 'UserRegistered')!;
    const storedHash = (JSON.parse(rows.find((row) => row.type === 'UserRegistered')!.data) as { passwordHash: string }).passwordHash;
    expect(registered.data.passwordHash).toBe('[redacted]');
    expect(lines.join('\n')).not.toContain(storedHash);
    expect(stderr).toMatch(/^replay +\[#+\] 100%/m);
  });

  it('keeps to the types asked for, named again or comma separated', async () => {
    const expected = rows.filter((row) => row.type === 'FileRenamed' || row.type === 'FileUploaded').map(positionOf);
    expect(expected.length).toBeGreaterThan(2);
    const repeated = await filoraReplay('--type', 'FileRenamed', '--type', 'FileUploaded');
    expect(replayed(repeated.lines).map((event) => event.position)).toEqual(expected);
    const listed = await filoraReplay('--type', 'FileRenamed,FileUploaded');
    expect(listed.lines).toEqual(repeated.lines);
  });

  it('keeps to one stream, and to a time window (since included, until not)', async () => {
    const ofStream = await filoraReplay('--stream', fileStream);
    expect(replayed(ofStream.lines).map((event) => [event.stream, Number(event.revision)])).toEqual([
      [fileStream, 0],
      [fileStream, 1],
      [fileStream, 2],
    ]);

    const renames = rows.filter((row) => row.type === 'FileRenamed');
    const [since, until] = [new Date(renames[0]!.created_at), new Date(renames[1]!.created_at)];
    const windowed = await filoraReplay('--since', since.toISOString(), '--until', until.toISOString());
    const inWindow = rows.filter((row) => row.created_at >= since.getTime() && row.created_at < until.getTime()).map(positionOf);
    expect(inWindow).toContain(positionOf(renames[0]!));
    expect(replayed(windowed.lines).map((event) => event.position)).toEqual(inWindow);
  });

  it('prints a table for people: a header, then position, time, stream, revision, type and actor a line', async () => {
    const { code, lines } = await filoraReplay('--format', 'table', '--stream', fileStream);
    expect(code).toBe(0);
    expect(lines[0]!.split(/\s+/)).toEqual(['POSITION', 'TIME', 'STREAM', 'REVISION', 'TYPE', 'ACTOR']);
    const ofStream = rows.filter((row) => row.stream_id === fileStream);
    expect(lines.slice(1).map((line) => line.split(/\s+/))).toEqual(
      ofStream.map((row) => [
        positionOf(row),
        new Date(row.created_at).toISOString(),
        row.stream_id,
        String(row.revision),
        row.type,
        (JSON.parse(row.metadata) as { actor: string }).actor,
      ]),
    );
  });

  // Every refused command line is in test/unit/cli/operatorArguments.test.ts; here, what the process does with one.
  it.each([
    [['--since', 'yesterday'], '--since: '],
    [['--verbose'], "Unknown option '--verbose'"],
  ])('exits 2 naming what is wrong with %j', async (args, reason) => {
    const { code, lines, stderr } = await filoraReplay(...args);
    expect({ code, lines }).toEqual({ code: 2, lines: [] });
    expect(stderr).toContain(`filora replay: ${reason}`);
    expect(stderr).toMatch(/usage: filora replay \[--since <time>\]/);
  });
});
