import Database from 'better-sqlite3';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, registerAndLogin } from '../support/http';
import { uploadJson } from '../support/files';
import { runFilora } from '../support/serverProcess';
import { startTestPlatform } from '../support/testPlatform';

jest.setTimeout(120_000);

/**
 * `filora audit verify` as an operator runs it, on a real embedded data dir written through the API, then
 * edited behind Filora's back: one row of the SQLite `events` table changed, or deleted.
 */

let root: string;
let dataDir: string;
let fileStream: string;

interface EventRow {
  position: number;
  stream_id: string;
  revision: number;
  data: string;
}

/** A copy of the data dir to tamper with, so each test starts from the untouched log. */
function copyOfData(): string {
  const copy = mkdtempSync(join(root, 'copy-'));
  cpSync(dataDir, copy, { recursive: true });
  return copy;
}

function withDatabase<T>(directory: string, work: (db: Database.Database) => T): T {
  const db = new Database(join(directory, 'filora.db'));
  try {
    return work(db);
  } finally {
    db.close();
  }
}

const rowsOf = (directory: string, stream: string): EventRow[] =>
  withDatabase(directory, (db) =>
    db
      .prepare<[string], EventRow>('SELECT position, stream_id, revision, data FROM events WHERE stream_id = ? ORDER BY revision')
      .all(stream),
  );

async function filoraAudit(directory: string, ...args: string[]) {
  const run = runFilora('audit', { FILORA_DATA_DIR: directory, FILORA_LOG_LEVEL: 'warn' }, args);
  const code = await run.exited;
  return { code, stdout: run.standardOutput().trim(), stderr: run.errors().trim() };
}

/** The lines that name breaks: `<stream> <revision> <kind> expected <x> found <y>`. */
const breakLines = (stdout: string) => stdout.split('\n').filter((line) => / expected \S+ found \S+$/.test(line));

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'filora-audit-verify-'));
  dataDir = join(root, 'data');
  const platform = await startTestPlatform({}, dataDir);
  try {
    const { token } = await registerAndLogin(platform.url);
    const file = await uploadJson(platform.url, token, { name: 'ledger.txt', content: 'first' });
    for (const name of ['ledger-2.txt', 'ledger-3.txt', 'ledger-4.txt']) {
      expect((await call(platform.url, 'PATCH', `/api/v1/files/${file.body.id}`, { token, body: { name } })).status).toBe(200);
    }
    await uploadJson(platform.url, token, { name: 'other.txt', content: 'second' });
    fileStream = `file-${file.body.id}`;
  } finally {
    await platform.close(true);
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('filora audit verify', () => {
  it('finds every chain whole in a log written through the API, and exits 0', async () => {
    const { code, stdout, stderr } = await filoraAudit(dataDir, 'verify');
    expect(stderr).toMatch(/^verify +\[#+\] 100% (\d+)\/\1$/m);
    expect(breakLines(stdout)).toEqual([]);
    expect(stdout).toMatch(/^checked \d+ events in \d+ streams: the chains hold$/m);
    expect(code).toBe(0);
    const one = await filoraAudit(dataDir, 'verify', '--stream', fileStream);
    expect(one).toEqual({ code: 0, stdout: 'checked 4 events in 1 stream: the chains hold', stderr: '' });
  });

  it('names the one row whose data was edited behind Filora`s back: its stream, revision, hash_mismatch', async () => {
    const tampered = copyOfData();
    const edited = rowsOf(tampered, fileStream)[2]!;
    withDatabase(tampered, (db) =>
      db.prepare("UPDATE events SET data = json_set(data, '$.name', 'quietly-renamed.txt') WHERE position = ?").run(edited.position),
    );

    const whole = await filoraAudit(tampered, 'verify');
    expect(breakLines(whole.stdout)).toEqual([
      expect.stringMatching(new RegExp(`^${fileStream} 2 hash_mismatch expected [0-9a-f]{64} found [0-9a-f]{64}$`)),
    ]);
    expect(whole.stdout).toMatch(/: 1 break$/m);
    expect(whole.code).toBe(1);

    const one = await filoraAudit(tampered, 'verify', '--stream', fileStream);
    expect(breakLines(one.stdout)).toEqual(breakLines(whole.stdout));
    expect(one.code).toBe(1);
  });

  it('names a deleted middle row: the next revision is missing and no longer chains', async () => {
    const tampered = copyOfData();
    const deleted = rowsOf(tampered, fileStream)[1]!;
    withDatabase(tampered, (db) => db.prepare('DELETE FROM events WHERE position = ?').run(deleted.position));

    const { code, stdout } = await filoraAudit(tampered, 'verify');
    expect(breakLines(stdout)).toEqual([
      `${fileStream} 2 missing_revision expected 1 found 2`,
      expect.stringMatching(new RegExp(`^${fileStream} 2 prev_hash_mismatch expected [0-9a-f]{64} found [0-9a-f]{64}$`)),
    ]);
    expect(code).toBe(1);
  });

  it('refuses a stream that has no events, and a data directory without a database, with exit 1', async () => {
    const unknown = 'file-00000000-0000-4000-8000-000000000000';
    expect(await filoraAudit(dataDir, 'verify', '--stream', unknown)).toEqual({
      code: 1,
      stdout: '',
      stderr: `no stream is named ${unknown} in the database of ${dataDir} (FILORA_DATA_DIR)`,
    });
    const missing = join(root, 'not-the-servers');
    expect(await filoraAudit(missing, 'verify')).toEqual({
      code: 1,
      stdout: '',
      stderr: `there is no Filora database in ${missing} (FILORA_DATA_DIR): run this command with the data directory of the server; nothing was created`,
    });
  });

  // Every refused command line is in test/unit/cli/operatorArguments.test.ts; here, what the process does with one.
  it.each([[['check']], [['verify', '--all']]])('exits 2 with its usage on stderr for %j', async (args) => {
    expect(await filoraAudit(dataDir, ...args)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'usage: filora audit verify [--stream <stream>]',
    });
  });
});
