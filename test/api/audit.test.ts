import { randomUUID } from 'node:crypto';
import type { AuditEventAnswer } from '../../src/audit/presentAuditEvent';
import { ChangeRole } from '../../src/commands/users/changeRole';
import { SECRET_FIELDS } from '../../src/domain/publicEvents';
import type { RecordedEvent } from '../../src/ports/eventStore';
import { createToken } from '../support/apiTokens';
import { eventually, uploadJson } from '../support/files';
import type { JsonResponse } from '../support/http';
import { call, registerAndLogin } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const url = () => platform.url;
const BASE = '/api/v1/audit';

type AuditEvent = AuditEventAnswer;
interface AuditPage {
  data: AuditEvent[];
  page: { limit: number; next_cursor: string | null; has_more: boolean };
}
interface ErrorBody {
  error: { code: string; details: Array<{ path: string }> };
}

async function auditor() {
  const session = await registerAndLogin(url());
  await platform.platform.container.resolve(ChangeRole).run(session.user.username, 'grant', 'auditor', {});
  return session;
}

async function readAll(): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let after: string | null = null; ;) {
    const page = await platform.platform.eventStore.readAll({ after, limit: 1000 });
    if (page.length === 0) return events;
    events.push(...page);
    after = page[page.length - 1]!.position;
  }
}

/** Every page of a listing, following next_cursor, with the log's head read before the last request. */
async function allPages(token: string, path: string, limit: number) {
  const seen: AuditEvent[] = [];
  let cursor: string | null = null;
  let headBeforeLast: string | null = null;
  for (let pages = 0; pages < 500; pages++) {
    headBeforeLast = await platform.platform.eventStore.headPosition();
    const separator = path.includes('?') ? '&' : '?';
    const answer: JsonResponse<AuditPage> = await call<AuditPage>(
      url(),
      'GET',
      `${path}${separator}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
      { token },
    );
    expect(answer.status).toBe(200);
    expect(answer.body.data.length).toBeLessThanOrEqual(limit);
    seen.push(...answer.body.data);
    if (!answer.body.page.has_more) return { seen, headBeforeLast: headBeforeLast! };
    cursor = answer.body.page.next_cursor;
  }
  throw new Error('paging did not end');
}

/**
 * Pages read while the log grows (usage records) are gap- and duplicate-free: they are a prefix of the
 * matching events in log order, holding every one written before the last page was asked for.
 */
async function expectGapFree(token: string, query: string, matches: (event: RecordedEvent) => boolean) {
  const { seen, headBeforeLast } = await allPages(token, `${BASE}/events?${query}`, 3);
  const oracle = (await readAll()).filter(matches).map((event) => event.id);
  const ids = seen.map((event) => event.id);
  expect(ids).toEqual(oracle.slice(0, ids.length));
  const written = (await readAll()).filter((event) => matches(event) && event.position <= headBeforeLast).length;
  expect(ids.length).toBeGreaterThanOrEqual(written);
  expect(new Set(ids).size).toBe(ids.length);
  return seen;
}

describe('who reads what', () => {
  it('an auditor sees another user’s events; a plain user gets 404 for that stream and never sees them', async () => {
    const alice = await registerAndLogin(url());
    const bob = await registerAndLogin(url());
    const { token } = await auditor();
    const file = await uploadJson(url(), alice.token, { name: 'secret-plans.txt', content: 'x' });
    expect(file.status).toBe(201);
    const stream = `file-${file.body.id}`;

    const asAuditor = await call<AuditPage>(url(), 'GET', `${BASE}/streams/${stream}`, { token });
    expect(asAuditor.status).toBe(200);
    expect(asAuditor.body.data.map((event) => [event.type, event.actor])).toEqual([['FileUploaded', alice.id]]);
    const listed = await call<AuditPage>(url(), 'GET', `${BASE}/events?actor=${alice.id}&limit=100`, { token });
    expect(listed.body.data.some((event) => event.stream === stream)).toBe(true);

    for (const path of [`${BASE}/streams/${stream}`, `${BASE}/verify?stream=${stream}`, `${BASE}/events?stream=${stream}`]) {
      const asBob = await call<ErrorBody>(url(), 'GET', path, { token: bob.token });
      expect([path, asBob.status, asBob.body.error.code]).toEqual([path, 404, 'not_found']);
    }
    const unknown = await call(url(), 'GET', `${BASE}/streams/file-${randomUUID()}`, { token: bob.token });
    expect(unknown.status).toBe(404);

    // Bob's own registration reaches him once the access projection has passed it; Alice's events never do.
    const own = await eventually(
      async () => (await allPages(bob.token, `${BASE}/events`, 100)).seen,
      (events) => events.some((event) => event.stream === `user-${bob.id}`),
    );
    expect(own.filter((event) => event.actor === alice.id || event.stream === stream)).toEqual([]);
    const exported = await call<string>(url(), 'GET', `${BASE}/export`, { token: bob.token });
    expect(exported.body).not.toContain(alice.id);
  });

  it('a grantee reads the stream of a file shared with them; a revoked auditor no longer reads others’', async () => {
    const alice = await registerAndLogin(url());
    const bob = await registerAndLogin(url());
    const file = await uploadJson(url(), alice.token, { name: 'shared.txt', content: 'x' });
    const stream = `file-${file.body.id}`;
    expect((await call(url(), 'GET', `${BASE}/streams/${stream}`, { token: bob.token })).status).toBe(404);
    const shared = await call(url(), 'POST', `/api/v1/files/${file.body.id}/shares`, {
      token: alice.token,
      body: { usernames: bob.user.username, permission: 'read' },
    });
    expect(shared.status).toBeLessThan(300);
    const granted = await eventually(
      () => call<AuditPage>(url(), 'GET', `${BASE}/streams/${stream}`, { token: bob.token }),
      (answer) => answer.status === 200,
    );
    expect(granted.body.data.map((event) => event.type)).toEqual(['FileUploaded', 'FileShared']);
    // Another grantee's share is the owner's and that grantee's business, in the audit log as in the file's history.
    const dave = await registerAndLogin(url());
    const sharedAgain = await call(url(), 'POST', `/api/v1/files/${file.body.id}/shares`, {
      token: alice.token,
      body: { usernames: dave.user.username, permission: 'read' },
    });
    expect(sharedAgain.status).toBeLessThan(300);
    const asOwner = await call<AuditPage>(url(), 'GET', `${BASE}/streams/${stream}`, { token: alice.token });
    expect(asOwner.body.data.map((event) => event.type)).toEqual(['FileUploaded', 'FileShared', 'FileShared']);
    const asBob = await call<AuditPage>(url(), 'GET', `${BASE}/streams/${stream}`, { token: bob.token });
    expect(asBob.body.data.map((event) => event.type)).toEqual(['FileUploaded', 'FileShared']);

    const carol = await auditor();
    expect((await call(url(), 'GET', `${BASE}/streams/user-${alice.id}`, { token: carol.token })).status).toBe(200);
    await platform.platform.container.resolve(ChangeRole).run(carol.user.username, 'revoke', 'auditor', {});
    expect((await call(url(), 'GET', `${BASE}/streams/user-${alice.id}`, { token: carol.token })).status).toBe(404);
    expect((await call(url(), 'GET', `${BASE}/streams/user-${carol.id}`, { token: carol.token })).status).toBe(200);
  });

  it('needs the audit.read scope', async () => {
    const { token } = await auditor();
    const filesOnly = await createToken(url(), token);
    expect((await call(url(), 'GET', `${BASE}/events`, { token: filesOnly.secret })).status).toBe(403);
    const auditToken = await createToken(url(), token, { scopes: ['audit.read'] });
    expect((await call(url(), 'GET', `${BASE}/events?limit=1`, { token: auditToken.secret })).status).toBe(200);
  });
});

describe('filters and paging', () => {
  let alice: Awaited<ReturnType<typeof registerAndLogin>>;
  let token: string;
  let fileId: string;
  let middle: RecordedEvent;
  beforeAll(async () => {
    alice = await registerAndLogin(url());
    ({ token } = await auditor());
    for (let index = 0; index < 4; index++) {
      const file = await uploadJson(url(), alice.token, { name: `f${index}.txt`, content: `${index}` });
      fileId = file.body.id;
      await call(url(), 'PATCH', `/api/v1/files/${fileId}`, { token: alice.token, body: { name: `g${index}.txt` } });
    }
    const folder = await call(url(), 'POST', '/api/v1/folders', { token: alice.token, body: { name: 'docs' } });
    expect(folder.status).toBe(201);
    const events = await readAll();
    middle = events[Math.floor(events.length / 2)]!;
  });

  it('pages every event in log order without gaps or repeats', async () => {
    await expectGapFree(token, '', () => true);
  });

  it.each([
    ['stream', () => `stream=file-${fileId}`, (event: RecordedEvent) => event.streamId === `file-${fileId}`],
    ['category', () => 'category=folder', (event: RecordedEvent) => event.streamId.startsWith('folder-')],
    ['a stored type', () => 'type=FileRenamed', (event: RecordedEvent) => event.type === 'FileRenamed'],
    [
      'types, public names and repeats',
      () => 'type=upload.completed,FolderCreated&type=file.updated',
      (event: RecordedEvent) =>
        ['FileUploaded', 'FolderCreated', 'FileRenamed', 'FileMoved', 'FileMetadataChanged', 'FileContentReplaced'].includes(event.type),
    ],
    ['actor', () => `actor=${alice.id}`, (event: RecordedEvent) => event.metadata.actor === alice.id],
    ['since', () => `since=${middle.createdAt.toISOString()}`, (event: RecordedEvent) => event.createdAt >= middle.createdAt],
    ['until', () => `until=${middle.createdAt.toISOString()}`, (event: RecordedEvent) => event.createdAt < middle.createdAt],
    ['after_position', () => `after_position=${middle.position}`, (event: RecordedEvent) => event.position > middle.position],
    [
      'several at once',
      () => `actor=${alice.id}&category=file&type=FileRenamed&since=${middle.createdAt.toISOString()}`,
      (event: RecordedEvent) =>
        event.metadata.actor === alice.id &&
        event.streamId.startsWith('file-') &&
        event.type === 'FileRenamed' &&
        event.createdAt >= middle.createdAt,
    ],
  ])('filters by %s', async (_name, query, matches) => {
    const seen = await expectGapFree(token, query(), matches);
    expect(seen.length).toBeGreaterThan(0);
  });

  it('pages one stream by revision', async () => {
    const { seen } = await allPages(token, `${BASE}/streams/file-${fileId}`, 1);
    expect(seen.map((event) => [event.revision, event.type])).toEqual([
      [0, 'FileUploaded'],
      [1, 'FileRenamed'],
    ]);
  });

  it('exports the same events as NDJSON', async () => {
    const query = `actor=${alice.id}`;
    const response = await fetch(`${url()}${BASE}/export?${query}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson');
    const lines = (await response.text())
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as AuditEvent);
    const { seen } = await allPages(token, `${BASE}/events?${query}`, 100);
    expect(lines).toEqual(seen);
  });

  it('answers each event with its metadata and chain', async () => {
    const [uploaded] = (await call<AuditPage>(url(), 'GET', `${BASE}/streams/file-${fileId}?limit=1`, { token })).body.data;
    expect(uploaded).toMatchObject({
      stream: `file-${fileId}`,
      revision: 0,
      type: 'FileUploaded',
      event: 'upload.completed',
      actor: alice.id,
      token_id: null,
      prev_hash: '0'.repeat(64),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      ip: expect.any(String),
      request_id: expect.any(String),
      correlation_id: expect.any(String),
      causation_id: expect.any(String),
      incoming_webhook_id: null,
      oauth_client_id: null,
      data: expect.objectContaining({ fileId, ownerId: alice.id }),
    });
    expect(Date.parse(uploaded!.time as string)).not.toBeNaN();
  });

  it('verifies a stream', async () => {
    const verified = await call(url(), 'GET', `${BASE}/verify?stream=file-${fileId}`, { token });
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({ stream: `file-${fileId}`, events: 2, unchained_before_anchor: 0, valid: true, breaks: [] });
  });
});

describe('secrets', () => {
  it('redacts secrets and their hashes at any depth, keeping the field', async () => {
    const { token } = await auditor();
    const stream = `test-${randomUUID()}`;
    await platform.platform.eventStore.append(
      stream,
      [
        {
          id: randomUUID(),
          type: 'TestNested',
          data: { outer: { secretHash: 'h1', list: [{ passwordHash: 'h2', kept: 'visible' }] }, tokenHash: 'h3' },
          metadata: {},
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    const answer = await call<AuditPage>(url(), 'GET', `${BASE}/streams/${stream}`, { token });
    expect(answer.body.data[0]!.data).toEqual({
      outer: { secretHash: '[redacted]', list: [{ passwordHash: '[redacted]', kept: 'visible' }] },
      tokenHash: '[redacted]',
    });
  });

  it('never answers a stored password hash or token hash', async () => {
    const alice = await registerAndLogin(url());
    await createToken(url(), alice.token);
    const { token } = await auditor();
    const stored = await readAll();
    const hashes = stored
      .filter((event) => event.metadata.actor === alice.id || event.streamId === `user-${alice.id}`)
      .flatMap((event) => Object.entries(event.data).filter(([field]) => SECRET_FIELDS.has(field)))
      .map(([, value]) => value)
      .filter((value): value is string => typeof value === 'string');
    expect(hashes.length).toBeGreaterThanOrEqual(2);
    const exported = await (await fetch(`${url()}${BASE}/export`, { headers: { authorization: `Bearer ${token}` } })).text();
    expect(exported).toContain(alice.id);
    for (const hash of hashes) expect(exported).not.toContain(hash);
  });
});

describe('bad input', () => {
  let token: string;
  beforeAll(async () => {
    ({ token } = await auditor());
  });

  it.each([
    ['/events?limit=0', 'query.limit'],
    ['/events?limit=101', 'query.limit'],
    ['/events?limit=abc', 'query.limit'],
    ['/events?cursor=not-a-cursor', 'query.cursor'],
    [`/events?cursor=${Buffer.from(JSON.stringify({ _id: 'x' })).toString('base64url')}`, 'query.cursor'],
    ['/events?since=yesterday', 'query.since'],
    ['/events?until=2026-01-01', 'query.until'],
    ['/events?since=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z', 'query.until'],
    ['/events?actor=not-a-uuid', 'query.actor'],
    ['/events?type=', 'query.type'],
    ['/events?type=not%20a%20type', 'query.type'],
    ['/events?category=File-1', 'query.category'],
    ['/events?stream=nope', 'query.stream'],
    ['/events?after_position=12', 'query.after_position'],
    [`/events?after_position=${'9'.repeat(20)}`, 'query.after_position'],
    ['/events?unknown=1', 'query'],
    ['/export?limit=5', 'query'],
    ['/export?since=nope', 'query.since'],
    ['/streams/nope', 'params.stream'],
    [`/streams/file-x?cursor=${Buffer.from(JSON.stringify({ _id: '-1' })).toString('base64url')}`, 'query.cursor'],
    ['/verify', 'query.stream'],
    ['/verify?stream=a%20b', 'query.stream'],
  ])('GET %s answers 400 naming %s', async (path, errorPath) => {
    const answer = await call<ErrorBody>(url(), 'GET', `${BASE}${path}`, { token });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('validation_error');
    expect(answer.body.error.details.map((detail) => detail.path).some((each) => each.startsWith(errorPath))).toBe(true);
  });
});
