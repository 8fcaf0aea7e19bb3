import type { IncomingAction, UpsertField } from '../../../../src/domain/incoming/incomingCommand';
import { applyMapping } from '../../../../src/domain/incoming/mapping/applyMapping';

const HOOK_FOLDER = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const OTHER_FOLDER = '0f8fad5b-d9cb-469f-a165-70867728950e';
const FILE_ID = 'a3bb189e-8bf9-4888-9912-ace4e6543002';

const hook = (
  action: IncomingAction,
  fieldMapping: Record<string, unknown>,
  upsertField: UpsertField | null = null,
  folderId: string | null = HOOK_FOLDER,
) => ({
  action,
  fieldMapping,
  upsertField,
  folderId,
});

const contact = {
  contact: { name: 'Ann Lee', email: 'ANN@Example.com ', company: 'ACME' },
  submitted_at: 1709625600,
  labels: ['Lead', 'Web', 'lead'],
  items: [{ sku: 'A-1' }, { sku: 'B-2' }],
};

describe('applyMapping (when a call arrives)', () => {
  it('creates a folder in the hook folder unless the mapping names a parent (null: the root)', () => {
    expect(applyMapping(hook('create_folder', { name: 'contact.company' }), contact)).toEqual({
      ok: true,
      command: { action: 'create_folder', folder: { name: 'ACME', parentId: HOOK_FOLDER } },
    });
    expect(applyMapping(hook('create_folder', { name: 'contact.company', parent_id: { value: null } }), contact)).toEqual({
      ok: true,
      command: { action: 'create_folder', folder: { name: 'ACME', parentId: null } },
    });
    expect(
      applyMapping(hook('create_folder', { name: 'contact.company', parent_id: 'parent' }), { ...contact, parent: OTHER_FOLDER }),
    ).toEqual({
      ok: true,
      command: { action: 'create_folder', folder: { name: 'ACME', parentId: OTHER_FOLDER } },
    });
    expect(applyMapping(hook('create_folder', { name: 'contact.company', parent_id: 'parent' }, null, null), contact)).toEqual({
      ok: true,
      command: { action: 'create_folder', folder: { name: 'ACME', parentId: null } },
    });
  });

  it('creates a text file from templates, transforms, a constant and a default', () => {
    const outcome = applyMapping(
      hook('create_file', {
        name: { template: '{{contact.company}} — {{submitted_at}}.txt' },
        content: { template: 'Name: {{contact.name}}\nEmail: {{contact.email}}\nFirst item: {{items[0].sku}}' },
        mime_type: { value: 'text/plain' },
        description: { path: 'contact.email', transform: ['trim', 'lower'] },
        tags: 'labels',
        folder_id: { path: 'target_folder', default: null },
      }),
      contact,
    );
    expect(outcome).toEqual({
      ok: true,
      command: {
        action: 'create_file',
        file: {
          name: 'ACME — 1709625600.txt',
          folderId: null,
          content: 'Name: Ann Lee\nEmail: ANN@Example.com \nFirst item: A-1',
          mimeType: 'text/plain',
          description: 'ann@example.com',
          tags: ['lead', 'web'],
        },
      },
    });
  });

  it('takes numbers and booleans as text from the payload, objects as JSON content, and comma-separated tags', () => {
    const outcome = applyMapping(
      hook('create_file', { name: { path: 'submitted_at', transform: 'date:iso' }, content: '$', tags: 'tag_text', description: 'flag' }),
      { submitted_at: 1709625600, tag_text: 'Urgent, , lead ', flag: true },
    );
    expect(outcome).toEqual({
      ok: true,
      command: {
        action: 'create_file',
        file: {
          name: '2024-03-05T08:00:00.000Z',
          folderId: HOOK_FOLDER,
          content: JSON.stringify({ submitted_at: 1709625600, tag_text: 'Urgent, , lead ', flag: true }, null, 2),
          tags: ['urgent', 'lead'],
          description: 'true',
        },
      },
    });
  });

  it('omits optional fields the payload lacks (null counts as lacking), and names required ones with their payload path', () => {
    const mapping = { name: { template: '{{contact.name}}.txt' }, content: 'body', description: 'note', tags: 'labels' };
    expect(applyMapping(hook('create_file', mapping), { contact: { name: 'Ann' }, body: 'hi', note: null })).toEqual({
      ok: true,
      command: { action: 'create_file', file: { name: 'Ann.txt', folderId: HOOK_FOLDER, content: 'hi' } },
    });
    expect(applyMapping(hook('create_file', mapping), { contact: {}, body: null })).toEqual({
      ok: false,
      issues: [
        { path: 'name <- contact.name', message: 'required: the payload has no value at contact.name and the spec gives no default' },
        { path: 'content <- body', message: 'required: the payload has no value at body and the spec gives no default' },
      ],
    });
  });

  it('names the target field and the payload path of a value the field does not take', () => {
    const outcome = applyMapping(
      hook('create_file', {
        name: 'contact',
        content: { template: 'x {{items}}' },
        tags: 'items',
        folder_id: 'contact.name',
        description: { path: 'when', transform: 'date:iso' },
      }),
      { ...contact, when: 'soon' },
    );
    expect(outcome).toEqual({
      ok: false,
      issues: [
        { path: 'name <- contact', message: 'is an object; expected text' },
        { path: 'folder_id <- contact.name', message: 'Invalid UUID' },
        { path: 'content <- items', message: 'is a list; a template takes text, numbers and booleans' },
        { path: 'description <- when', message: 'date:iso: the value, a text, is not a date or a Unix time' },
        { path: 'tags <- items', message: 'holds an object; tags are text' },
      ],
    });
    const badName = applyMapping(hook('create_folder', { name: 'contact.name' }), { contact: { name: 'a/b' } });
    expect(badName).toEqual({ ok: false, issues: [{ path: 'name <- contact.name', message: "must not contain '/'" }] });
  });

  it('bounds what a template renders: a large value repeated is refused, not multiplied', () => {
    const big = 'x'.repeat(600_000);
    expect(applyMapping(hook('create_file', { name: 'n', content: '{{big}}' }), { n: 'a.txt', big }).ok).toBe(true);
    expect(applyMapping(hook('create_file', { name: 'n', content: '{{big}}{{big}}' }), { n: 'a.txt', big })).toEqual({
      ok: false,
      issues: [{ path: 'content <- big', message: 'makes the template longer than 1048576 characters' }],
    });
  });

  it('checks base64 content when the encoding is base64, and decodes base64 into text with the transform', () => {
    const mapping = { name: 'n', content: 'data', encoding: { value: 'base64' } };
    expect(applyMapping(hook('create_file', mapping), { n: 'a.bin', data: 'AAEC' })).toEqual({
      ok: true,
      command: { action: 'create_file', file: { name: 'a.bin', folderId: HOOK_FOLDER, content: 'AAEC', encoding: 'base64' } },
    });
    expect(applyMapping(hook('create_file', mapping), { n: 'a.bin', data: 'not base64' })).toEqual({
      ok: false,
      issues: [{ path: 'content <- data', message: 'must be base64 (RFC 4648, padded), as encoding is base64' }],
    });
    const decoded = applyMapping(hook('create_file', { name: 'n', content: { path: 'data', transform: 'base64:decode' } }), {
      n: 'a.txt',
      data: Buffer.from('héllo').toString('base64'),
    });
    expect(decoded.ok && decoded.command.action === 'create_file' && decoded.command.file.content).toBe('héllo');
  });

  it('updates a file found by id: name and folder_id rename and move it', () => {
    const outcome = applyMapping(
      hook('update_file', { id: 'file.id', name: 'file.name', folder_id: 'file.folder', tags: 'labels' }, 'id'),
      {
        file: { id: FILE_ID, name: 'renamed.txt', folder: OTHER_FOLDER },
        labels: 'x',
      },
    );
    expect(outcome).toEqual({
      ok: true,
      command: {
        action: 'update_file',
        match: { by: 'id', id: FILE_ID },
        file: { name: 'renamed.txt', folderId: OTHER_FOLDER, tags: ['x'] },
      },
    });
    const unmoved = applyMapping(hook('update_file', { id: 'file.id', content: 'text', mime_type: { value: 'text/markdown' } }, 'id'), {
      file: { id: FILE_ID },
      text: '# new',
    });
    expect(unmoved).toEqual({
      ok: true,
      command: { action: 'update_file', match: { by: 'id', id: FILE_ID }, file: { content: '# new', mimeType: 'text/markdown' } },
    });
  });

  it('updates a file found by name within the mapped folder, else the hook folder', () => {
    const mapping = { name: { template: '{{email}}.txt', transform: 'lower' }, content: 'note', folder_id: { path: 'folder' } };
    expect(applyMapping(hook('update_file', mapping, 'name'), { email: 'Ann@X.io', note: 'v2', folder: OTHER_FOLDER })).toEqual({
      ok: true,
      command: { action: 'update_file', match: { by: 'name', name: 'ann@x.io.txt', folderId: OTHER_FOLDER }, file: { content: 'v2' } },
    });
    expect(applyMapping(hook('update_file', mapping, 'name'), { email: 'Ann@X.io', note: 'v2' })).toEqual({
      ok: true,
      command: { action: 'update_file', match: { by: 'name', name: 'ann@x.io.txt', folderId: HOOK_FOLDER }, file: { content: 'v2' } },
    });
    expect(applyMapping(hook('update_file', mapping, 'name', null), { email: 'Ann@X.io', note: 'v2' })).toEqual({
      ok: true,
      command: { action: 'update_file', match: { by: 'name', name: 'ann@x.io.txt', folderId: null }, file: { content: 'v2' } },
    });
  });

  it('refuses an update for which the payload has nothing to change', () => {
    expect(applyMapping(hook('update_file', { name: 'n', content: 'c', tags: 't' }, 'name'), { n: 'a.txt', c: null })).toEqual({
      ok: false,
      issues: [{ path: 'payload', message: 'has a value for none of the fields this update changes' }],
    });
  });

  it('upserts: by name, created where it is looked up; by id, created in the mapped or hook folder', () => {
    expect(applyMapping(hook('upsert_file', { name: 'n', content: 'c' }, 'name'), { n: 'a.txt', c: 'x' })).toEqual({
      ok: true,
      command: {
        action: 'upsert_file',
        match: { by: 'name', name: 'a.txt', folderId: HOOK_FOLDER },
        file: { content: 'x' },
        createIn: HOOK_FOLDER,
      },
    });
    expect(applyMapping(hook('upsert_file', { id: 'i', name: 'n', content: 'c' }, 'id'), { i: FILE_ID, n: 'a.txt', c: 'x' })).toEqual({
      ok: true,
      command: { action: 'upsert_file', match: { by: 'id', id: FILE_ID }, file: { name: 'a.txt', content: 'x' }, createIn: HOOK_FOLDER },
    });
    const mappedFolder = applyMapping(hook('upsert_file', { id: 'i', name: 'n', content: 'c', folder_id: 'f' }, 'id'), {
      i: FILE_ID,
      n: 'a.txt',
      c: 'x',
      f: OTHER_FOLDER,
    });
    expect(mappedFolder).toEqual({
      ok: true,
      command: {
        action: 'upsert_file',
        match: { by: 'id', id: FILE_ID },
        file: { name: 'a.txt', folderId: OTHER_FOLDER, content: 'x' },
        createIn: OTHER_FOLDER,
      },
    });
    expect(applyMapping(hook('upsert_file', { id: 'i', name: 'n', content: 'c' }, 'id'), { i: 'nope', c: 'x' })).toEqual({
      ok: false,
      issues: [
        { path: 'id <- i', message: 'Invalid UUID' },
        { path: 'name <- n', message: 'required: the payload has no value at n and the spec gives no default' },
      ],
    });
  });

  it('answers the saved-mapping issues when a stored mapping is not valid, without throwing', () => {
    expect(applyMapping(hook('create_folder', { name: 'a..b' }), contact)).toEqual({
      ok: false,
      issues: [{ path: 'field_mapping.name', message: expect.stringContaining('is not a path') }],
    });
  });

  it('takes any JSON payload: a list, text or null has no value at a path', () => {
    for (const payload of [[1, 2], 'text', null, 42]) {
      expect(applyMapping(hook('create_folder', { name: 'company' }), payload)).toEqual({
        ok: false,
        issues: [{ path: 'name <- company', message: expect.stringContaining('no value at company') }],
      });
    }
  });
});

describe('mapping messages never echo a payload value (it may be a secret the call log masks)', () => {
  const SECRET = 'hunter2-SECRET';
  it.each([
    ['name', `${SECRET}/x`, []],
    ['mime_type', SECRET, []],
    ['encoding', SECRET, []],
    ['id', SECRET, []],
    ['tags', `${SECRET}\u0001`, []],
    ['description', SECRET.repeat(200), []],
    ['description', SECRET, ['date:iso']],
    ['description', `${SECRET}!`, ['base64:decode']],
    ['content', `${SECRET}!`, ['base64:decode']],
  ])('%s refusing %j (transforms %j)', (field, value, transforms) => {
    const spec = { path: 'secret', ...(transforms.length > 0 && { transform: transforms }) };
    const mapping =
      field === 'id'
        ? { id: spec, name: { value: 'a.txt' }, content: { value: 'x' } }
        : { name: { value: 'a.txt' }, content: { value: 'x' }, [field]: spec };
    const outcome = applyMapping(hook(field === 'id' ? 'upsert_file' : 'create_file', mapping, field === 'id' ? 'id' : null), {
      secret: value,
    });
    expect(outcome.ok).toBe(false);
    expect(JSON.stringify(outcome)).not.toContain('hunter2');
  });
});
