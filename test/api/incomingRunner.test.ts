import { CommandPipeline } from '../../src/commands/pipeline';
import { toApiError } from '../../src/api/http/errorHandler';
import type { IncomingCommand, MappedFile } from '../../src/domain/incoming/incomingCommand';
import { IncomingRunner } from '../../src/incoming/run/incomingRunner';
import type { EventMetadata } from '../../src/ports/eventStore';
import { heldScopes } from '../../src/domain/access/scopes';
import { actorOf } from '../support/actors';
import { domainHead } from '../support/domainHead';
import type { FileBody, FolderBody } from '../support/files';
import { createFolder, download, storedFiles, uploadJson } from '../support/files';
import { call, registerAndLogin } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

const QUOTA = 4096;
const HOOK_ID = '0b9a7d3e-4c1f-4e8a-9d2b-5f6e7a8b9c0d';
/** A PNG's signature and IHDR: enough for the type to be detected from the bytes. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

let platform: TestPlatform;
let runner: IncomingRunner;

beforeAll(async () => {
  platform = await startTestPlatform({ FILORA_USER_QUOTA_BYTES: String(QUOTA) });
  runner = new IncomingRunner(platform.platform.api.files, platform.platform.container.resolve(CommandPipeline));
});
afterAll(() => platform.close());

/** A signed-in user, and the actor their hooks' calls run as: the owner with files.write alone. */
async function hookOwner() {
  const session = await registerAndLogin(platform.url);
  const metadata: EventMetadata = { actor: session.id, incomingWebhookId: HOOK_ID };
  return { ...session, actor: actorOf(session.id, heldScopes(['files.write'])), metadata };
}

const getFile = (token: string, id: string) => call<FileBody>(platform.url, 'GET', `/api/v1/files/${id}`, { token });
const newFile = (name: string, folderId: string | null, fields: MappedFile = {}): IncomingCommand => ({
  action: 'create_file',
  file: { content: `content of ${name}`, ...fields, name, folderId },
});

/** What the runner threw, as the REST API answers it. */
async function refusal(work: Promise<unknown>) {
  const error = await work.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  const answered = toApiError(error);
  if (answered === null) throw new Error(`expected a refusal the API answers, got ${String(error)}`);
  return { status: answered.status, code: answered.code, details: answered.details };
}

describe('create_folder and create_file', () => {
  it('creates a folder as the owner, with the hook in the events metadata', async () => {
    const owner = await hookOwner();
    const parent = await createFolder(platform.url, owner.token, 'inbox');
    const command: IncomingCommand = { action: 'create_folder', folder: { name: 'Acme 2026', parentId: parent.id } };
    const result = await runner.run(owner.actor, command, owner.metadata);
    expect(result).toMatchObject({ status: 201, resource: 'folder' });
    const folder = await call<FolderBody>(platform.url, 'GET', `/api/v1/folders/${result.id}?after_position=${result.position}`, {
      token: owner.token,
    });
    expect(folder.body).toMatchObject({ name: 'Acme 2026', parent_id: parent.id });
    const [created] = await platform.platform.eventStore.readStream(`folder-${result.id}`);
    expect(created!.metadata).toMatchObject({ actor: owner.id, incomingWebhookId: HOOK_ID });
  });

  it('creates a text file like a JSON upload, with its description and tags', async () => {
    const owner = await hookOwner();
    const command = newFile('contact.txt', null, { description: 'from the form', tags: ['Lead', 'web'] });
    const result = await runner.run(owner.actor, command, owner.metadata);
    expect(result).toMatchObject({ status: 201, resource: 'file' });
    const file = await call<FileBody>(platform.url, 'GET', `/api/v1/files/${result.id}?after_position=${result.position}`, {
      token: owner.token,
    });
    expect(file.body).toMatchObject({ name: 'contact.txt', folder_id: null, mime_type: 'text/plain', version: 1 });
    expect(file.body).toMatchObject({ description: 'from the form', tags: ['lead', 'web'] });
    expect((await download(platform.url, owner.token, result.id)).body.toString()).toBe('content of contact.txt');
    const events = await platform.platform.eventStore.readStream(`file-${result.id}`);
    expect(events.map((event) => event.type)).toEqual(['FileUploaded', 'FileMetadataChanged']);
    for (const event of events) expect(event.metadata).toMatchObject({ actor: owner.id, incomingWebhookId: HOOK_ID });
  });

  it('decodes base64 content and detects its type from the bytes, as the JSON upload does', async () => {
    const owner = await hookOwner();
    const command = newFile('pixel', null, { content: PNG.toString('base64'), encoding: 'base64' });
    const result = await runner.run(owner.actor, command, owner.metadata);
    const file = await getFile(owner.token, `${result.id}?after_position=${result.position}`);
    expect(file.body).toMatchObject({ mime_type: 'image/png', size: PNG.length });
    expect((await download(platform.url, owner.token, result.id)).body.equals(PNG)).toBe(true);
  });

  it('refuses what the REST API refuses: a taken name 409, another user’s folder 404', async () => {
    const owner = await hookOwner();
    const stranger = await hookOwner();
    await runner.run(owner.actor, newFile('taken.txt', null), owner.metadata);
    expect(await refusal(runner.run(owner.actor, newFile('TAKEN.txt', null), owner.metadata))).toMatchObject({ status: 409 });
    const theirs = await createFolder(platform.url, stranger.token, 'private');
    expect(await refusal(runner.run(owner.actor, newFile('x.txt', theirs.id), owner.metadata))).toMatchObject({ status: 404 });
  });

  it('answers 422 naming the target field for mapped values the REST API would refuse, before anything runs', async () => {
    const owner = await hookOwner();
    const head = await domainHead(platform.platform.eventStore);
    const badName = await refusal(runner.run(owner.actor, newFile('a/b.txt', null), owner.metadata));
    expect(badName).toMatchObject({ status: 422, code: 'unprocessable_entity', details: [{ path: 'name' }] });
    const badBase64 = await refusal(
      runner.run(owner.actor, newFile('b.bin', null, { content: 'not base64!', encoding: 'base64' }), owner.metadata),
    );
    expect(badBase64).toMatchObject({ status: 422, details: [{ path: 'content' }] });
    const badTags = await refusal(runner.run(owner.actor, newFile('c.txt', null, { tags: ['ok', 'a,b'] }), owner.metadata));
    expect(badTags).toMatchObject({ status: 422, details: [{ path: 'tags.1' }] });
    const badFolder = { action: 'create_folder', folder: { name: '..', parentId: null } } as const;
    expect(await refusal(runner.run(owner.actor, badFolder, owner.metadata))).toMatchObject({ status: 422, details: [{ path: 'name' }] });
    const badId: IncomingCommand = { action: 'update_file', match: { by: 'id', id: 'not-a-uuid' }, file: { name: 'x' } };
    expect(await refusal(runner.run(owner.actor, badId, owner.metadata))).toMatchObject({ status: 422, details: [{ path: 'id' }] });
    expect(await domainHead(platform.platform.eventStore)).toBe(head);
  });
});

describe('update_file', () => {
  it('renames and adds the new content as the next version, by id', async () => {
    const owner = await hookOwner();
    const { id } = await runner.run(owner.actor, newFile('draft.txt', null), owner.metadata);
    const command: IncomingCommand = { action: 'update_file', match: { by: 'id', id }, file: { name: 'final.txt', content: 'v2' } };
    const result = await runner.run(owner.actor, command, owner.metadata);
    expect(result).toMatchObject({ status: 200, resource: 'file', id });
    const file = await getFile(owner.token, `${id}?after_position=${result.position}`);
    expect(file.body).toMatchObject({ name: 'final.txt', version: 2, size: 2 });
    expect((await download(platform.url, owner.token, id)).body.toString()).toBe('v2');
  });

  it('finds a file by name in its folder from the write side, right after it was created', async () => {
    const owner = await hookOwner();
    const folder = await createFolder(platform.url, owner.token, 'contacts');
    const { id } = await runner.run(owner.actor, newFile('ada.txt', folder.id), owner.metadata);
    const match = { by: 'name', name: 'ada.txt', folderId: folder.id } as const;
    const result = await runner.run(owner.actor, { action: 'update_file', match, file: { description: 'called back' } }, owner.metadata);
    expect(result).toMatchObject({ status: 200, id });
    expect((await getFile(owner.token, `${id}?after_position=${result.position}`)).body).toMatchObject({ description: 'called back' });
  });

  it('adds no version for content equal to the current one', async () => {
    const owner = await hookOwner();
    const { id } = await runner.run(owner.actor, newFile('same.txt', null), owner.metadata);
    const again: IncomingCommand = { action: 'update_file', match: { by: 'id', id }, file: { content: 'content of same.txt' } };
    const result = await runner.run(owner.actor, again, owner.metadata);
    expect(result).toMatchObject({ status: 200, id, position: null });
    expect(await platform.platform.eventStore.readStream(`file-${id}`)).toHaveLength(1);
  });

  it('answers 404 for no such file, and for another user’s file, changing nothing', async () => {
    const owner = await hookOwner();
    const stranger = await hookOwner();
    const theirs = await runner.run(stranger.actor, newFile('theirs.txt', null), stranger.metadata);
    const head = await domainHead(platform.platform.eventStore);
    const byId = (id: string): IncomingCommand => ({ action: 'update_file', match: { by: 'id', id }, file: { content: 'mine now' } });
    expect(await refusal(runner.run(owner.actor, byId(theirs.id), owner.metadata))).toMatchObject({ status: 404 });
    expect(await refusal(runner.run(owner.actor, byId('5d7c1c52-2a7a-4b83-9d6e-000000000000'), owner.metadata))).toMatchObject({
      status: 404,
    });
    const byName: IncomingCommand = { action: 'update_file', match: { by: 'name', name: 'nothing.txt', folderId: null }, file: {} };
    expect(await refusal(runner.run(owner.actor, byName, owner.metadata))).toMatchObject({ status: 404 });
    expect(await refusal(runner.plan(owner.actor, byId(theirs.id)))).toMatchObject({ status: 404 });
    expect(await domainHead(platform.platform.eventStore)).toBe(head);
  });
});

describe('upsert_file', () => {
  const upsert = (folderId: string | null, content: string): IncomingCommand => ({
    action: 'upsert_file',
    match: { by: 'name', name: 'report.txt', folderId },
    file: { content },
    createIn: folderId,
  });

  it('creates when nothing has the name, then updates the same file', async () => {
    const owner = await hookOwner();
    const folder = await createFolder(platform.url, owner.token, 'reports');
    const first = await runner.run(owner.actor, upsert(folder.id, 'one'), owner.metadata);
    expect(first).toMatchObject({ status: 201, resource: 'file' });
    const second = await runner.run(owner.actor, upsert(folder.id, 'two'), owner.metadata);
    expect(second).toMatchObject({ status: 200, id: first.id });
    expect((await getFile(owner.token, `${first.id}?after_position=${second.position}`)).body).toMatchObject({
      version: 2,
      folder_id: folder.id,
    });
  });

  it('by id: updates the file, or creates one under the mapped name in createIn when no file has the id', async () => {
    const owner = await hookOwner();
    const folder = await createFolder(platform.url, owner.token, 'landing');
    const { id } = await runner.run(owner.actor, newFile('known.txt', null), owner.metadata);
    const byId = (fileId: string, name: string): IncomingCommand => ({
      action: 'upsert_file',
      match: { by: 'id', id: fileId },
      file: { name, content: 'new' },
      createIn: folder.id,
    });
    const updated = await runner.run(owner.actor, byId(id, 'known.txt'), owner.metadata);
    expect(updated).toMatchObject({ status: 200, id });
    expect((await getFile(owner.token, `${id}?after_position=${updated.position}`)).body).toMatchObject({ folder_id: null, version: 2 });
    const created = await runner.run(owner.actor, byId('5d7c1c52-2a7a-4b83-9d6e-000000000001', 'fresh.txt'), owner.metadata);
    expect(created).toMatchObject({ status: 201, resource: 'file' });
    expect(created.id).not.toBe(id);
    const fresh = await getFile(owner.token, `${created.id}?after_position=${created.position}`);
    expect(fresh.body).toMatchObject({ name: 'fresh.txt', folder_id: folder.id });
  });

  it('ten concurrent upserts of one name make one file: a call that loses the name race updates the winner’s', async () => {
    const owner = await hookOwner();
    const calls = Array.from({ length: 10 }, (_, n) => runner.run(owner.actor, upsert(null, `take ${n}`), owner.metadata));
    const settled = await Promise.allSettled(calls);
    const results = settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    expect(results.filter((result) => result.status === 201)).toHaveLength(1);
    expect(new Set(results.map((result) => result.id)).size).toBe(1);
    // Ten writers of one file's stream may outlast the pipeline's retries: the REST API's 409 "try again", never "name taken".
    for (const outcome of settled) {
      if (outcome.status === 'rejected') expect(toApiError(outcome.reason)?.headers).toEqual({ 'Retry-After': '1' });
    }
  });
});

describe('plan', () => {
  it('tells the branch and the target, reading only', async () => {
    const owner = await hookOwner();
    const { id } = await runner.run(owner.actor, newFile('planned.txt', null), owner.metadata);
    const head = await domainHead(platform.platform.eventStore);
    const match = (name: string) => ({ by: 'name', name, folderId: null }) as const;
    const upsert = (name: string): IncomingCommand => ({
      action: 'upsert_file',
      match: match(name),
      file: { content: 'x' },
      createIn: null,
    });
    expect(await runner.plan(owner.actor, upsert('planned.txt'))).toEqual({ branch: 'update', targetId: id });
    expect(await runner.plan(owner.actor, upsert('unplanned.txt'))).toEqual({ branch: 'create', targetId: null });
    expect(await runner.plan(owner.actor, { action: 'update_file', match: match('planned.txt'), file: {} })).toEqual({
      branch: 'update',
      targetId: id,
    });
    expect(await runner.plan(owner.actor, newFile('new.txt', null))).toEqual({ branch: 'create', targetId: null });
    expect(await runner.plan(owner.actor, { action: 'create_folder', folder: { name: 'new', parentId: null } })).toEqual({
      branch: 'create',
      targetId: null,
    });
    expect(await domainHead(platform.platform.eventStore)).toBe(head);
  });

  it('meets the refusals a run would meet before it stores anything', async () => {
    const owner = await hookOwner();
    const stranger = await hookOwner();
    await runner.run(owner.actor, newFile('held.txt', null), owner.metadata);
    const theirs = await createFolder(platform.url, stranger.token, 'theirs');
    const head = await domainHead(platform.platform.eventStore);
    expect(await refusal(runner.plan(owner.actor, newFile('HELD.txt', null)))).toMatchObject({ status: 409 });
    const folderNamed = (name: string, parentId: string | null): IncomingCommand => ({
      action: 'create_folder',
      folder: { name, parentId },
    });
    expect(await refusal(runner.plan(owner.actor, folderNamed('held.txt', null)))).toMatchObject({ status: 409 });
    expect(await refusal(runner.plan(owner.actor, folderNamed('mine', theirs.id)))).toMatchObject({ status: 404 });
    expect(await refusal(runner.plan(owner.actor, newFile('x.txt', theirs.id)))).toMatchObject({ status: 404 });
    const intoTheirs: IncomingCommand = {
      action: 'upsert_file',
      match: { by: 'name', name: 'x.txt', folderId: theirs.id },
      file: {},
      createIn: theirs.id,
    };
    expect(await refusal(runner.plan(owner.actor, intoTheirs))).toMatchObject({ status: 404 });
    expect(await refusal(runner.plan(owner.actor, newFile('a/b', null)))).toMatchObject({ status: 422, details: [{ path: 'name' }] });
    expect(await domainHead(platform.platform.eventStore)).toBe(head);
  });
});

describe('quota', () => {
  it('answers the REST API’s 413 with nothing stored, for a new file and for new content', async () => {
    const owner = await hookOwner();
    const big = 'x'.repeat(QUOTA + 1);
    const { id } = await runner.run(owner.actor, newFile('small.txt', null), owner.metadata);
    const rest = await uploadJson(platform.url, owner.token, { name: 'rest.txt', content: big });
    const blobsBefore = storedFiles(platform.dataDir).blobs.sort();
    const head = await domainHead(platform.platform.eventStore);
    const created = await refusal(runner.run(owner.actor, newFile('big.txt', null, { content: big }), owner.metadata));
    expect(created).toMatchObject({ status: rest.status, code: 'payload_too_large' });
    expect(rest.status).toBe(413);
    const replace: IncomingCommand = { action: 'update_file', match: { by: 'id', id }, file: { name: 'renamed.txt', content: big } };
    const replaced = await refusal(runner.run(owner.actor, replace, owner.metadata));
    expect(replaced).toMatchObject({ status: 413 });
    // The hook's target field, not the REST upload's multipart field.
    for (const { details } of [created, replaced]) expect(details.map((detail) => detail.path)).toEqual(['content']);
    expect(await domainHead(platform.platform.eventStore)).toBe(head);
    expect(storedFiles(platform.dataDir).blobs.sort()).toEqual(blobsBefore);
    expect((await getFile(owner.token, id)).body).toMatchObject({ name: 'small.txt', version: 1 });
  });
});
