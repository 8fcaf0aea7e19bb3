import { validateFieldMapping } from '../../../../src/domain/incoming/mapping/validateFieldMapping';

const paths = (issues: { path: string }[]) => issues.map((issue) => issue.path);

describe('validateFieldMapping (when a hook is saved)', () => {
  it('accepts paths, templates, constants, defaults and transforms for each action', () => {
    expect(validateFieldMapping('create_folder', { name: 'company', parent_id: { value: null, transform: 'trim' } }, null)).toEqual([]);
    expect(
      validateFieldMapping(
        'create_file',
        {
          name: { template: '{{contact.name}} {{date}}.txt', transform: ['trim'] },
          folder_id: { value: '0f8fad5b-d9cb-469f-a165-70867728950e' },
          content: '$',
          mime_type: { value: 'text/plain' },
          encoding: { value: 'utf8' },
          description: { path: 'note', default: null },
          tags: { path: 'labels', default: ['inbox', 'web'], transform: 'lower' },
        },
        null,
      ),
    ).toEqual([]);
    expect(validateFieldMapping('update_file', { id: 'file.id', tags: { value: 'a, b' } }, 'id')).toEqual([]);
    expect(validateFieldMapping('update_file', { name: 'file_name', folder_id: 'folder', content: 'body' }, 'name')).toEqual([]);
    expect(validateFieldMapping('upsert_file', { id: 'id', name: 'name', content: 'text' }, 'id')).toEqual([]);
    expect(validateFieldMapping('upsert_file', { name: 'name', content: 'text', encoding: { value: 'base64' } }, 'name')).toEqual([]);
  });

  it('names an unknown target field, and id where the file is not found by id', () => {
    const issues = validateFieldMapping('create_file', { name: 'n', content: 'c', title: 'x', parent_id: 'p', id: 'i' }, null);
    expect(paths(issues)).toEqual(['field_mapping.title', 'field_mapping.parent_id', 'field_mapping.id']);
    expect(issues[0]!.message).toContain('name, folder_id, mime_type, content, encoding, description, tags');
    expect(issues[2]!.message).toContain('upsert_field id');
    expect(paths(validateFieldMapping('create_folder', { name: 'n', folder_id: 'f' }, null))).toEqual(['field_mapping.folder_id']);
    expect(paths(validateFieldMapping('upsert_file', { id: 'i', name: 'n', content: 'c' }, 'name'))).toEqual(['field_mapping.id']);
  });

  it('names an invalid path, template or spec', () => {
    const issues = validateFieldMapping(
      'create_file',
      {
        name: 'contact..name',
        content: { template: '{{body' },
        description: 42,
        tags: { path: 'a', template: '{{b}}' },
        mime_type: { path: 7 },
      },
      null,
    );
    expect(paths(issues)).toEqual([
      'field_mapping.name',
      'field_mapping.content.template',
      'field_mapping.description',
      'field_mapping.tags',
      'field_mapping.mime_type.path',
    ]);
    expect(issues[0]!.message).toContain("'contact..name' is not a path");
    expect(issues[3]!.message).toBe('must have exactly one of path, template or value');
    expect(validateFieldMapping('update_file', { id: 'i', tags: 't', mime_type: 'm', encoding: 'e' }, 'id')).toEqual([
      { path: 'field_mapping.mime_type', message: 'describes new content: map content too' },
      { path: 'field_mapping.encoding', message: 'describes new content: map content too' },
    ]);
  });

  it('names an unknown key of a spec and an unknown transform', () => {
    const issues = validateFieldMapping(
      'create_folder',
      { name: { path: 'n', transform: ['trim', 'rot13'], fallback: 'x' }, parent_id: { path: 'p', transform: 'reverse' } },
      null,
    );
    expect(paths(issues)).toEqual(['field_mapping.name.fallback', 'field_mapping.name.transform[1]', 'field_mapping.parent_id.transform']);
    expect(issues[1]!.message).toBe("unknown transform 'rot13'; known: lower, upper, trim, slug, date:iso, base64:decode");
    expect(validateFieldMapping('create_folder', { name: { path: 'n', transform: [{ name: 'lower' }] } }, null)).toEqual([
      {
        path: 'field_mapping.name.transform[0]',
        message: 'unknown transform an object; known: lower, upper, trim, slug, date:iso, base64:decode',
      },
    ]);
    expect(paths(validateFieldMapping('create_folder', { name: { path: 'n', transform: 5 } }, null))).toEqual([
      'field_mapping.name.transform',
    ]);
    expect(paths(validateFieldMapping('create_folder', { name: { path: 'n', transform: Array(11).fill('trim') } }, null))).toEqual([
      'field_mapping.name.transform',
    ]);
  });

  it('checks constants and defaults against the field: type, and the REST rules for the field', () => {
    const issues = validateFieldMapping(
      'create_file',
      {
        name: { value: 42 },
        content: { path: 'c', default: { text: 'x' } },
        folder_id: { value: 'not-a-uuid' },
        encoding: { value: 'utf-16' },
        mime_type: { value: 'text' },
        description: { path: 'd', default: 'x'.repeat(2001) },
        tags: { value: ['ok', 3] },
      },
      null,
    );
    expect(paths(issues)).toEqual([
      'field_mapping.name.value',
      'field_mapping.content.default',
      'field_mapping.folder_id.value',
      'field_mapping.encoding.value',
      'field_mapping.mime_type.value',
      'field_mapping.description.default',
      'field_mapping.tags.value',
    ]);
    expect(issues[0]!.message).toBe('must be a text (JSON string), not a number');
    expect(issues[4]!.message).toBe('must be a media type like text/plain');
    expect(paths(validateFieldMapping('create_folder', { name: { value: 'a/b' } }, null))).toEqual(['field_mapping.name.value']);
    expect(paths(validateFieldMapping('create_folder', { name: { value: null } }, null))).toEqual(['field_mapping.name.value']);
    expect(paths(validateFieldMapping('create_folder', { name: { value: 'Inbox', transform: 'date:iso' } }, null))).toEqual([
      'field_mapping.name.value',
    ]);
  });

  it('requires what the action needs, and upsert_field where a file is found', () => {
    expect(paths(validateFieldMapping('create_folder', {}, null))).toEqual(['field_mapping.name']);
    expect(paths(validateFieldMapping('create_file', { name: 'n' }, null))).toEqual(['field_mapping.content']);
    expect(paths(validateFieldMapping('update_file', { content: 'c' }, 'id'))).toEqual(['field_mapping.id']);
    expect(paths(validateFieldMapping('upsert_file', { id: 'i' }, 'id'))).toEqual(['field_mapping.name', 'field_mapping.content']);
    expect(paths(validateFieldMapping('upsert_file', { name: 'n', content: 'c' }, null))).toEqual(['upsert_field']);
    expect(paths(validateFieldMapping('create_file', { name: 'n', content: 'c' }, 'name'))).toEqual(['upsert_field']);
  });

  it('refuses an update that changes nothing', () => {
    const byName = validateFieldMapping('update_file', { name: 'n', folder_id: 'f' }, 'name');
    expect(byName).toEqual([
      { path: 'field_mapping', message: 'maps nothing to change; an update by name changes content, description, tags' },
    ]);
    expect(paths(validateFieldMapping('update_file', { id: 'i' }, 'id'))).toEqual(['field_mapping']);
    expect(validateFieldMapping('update_file', { id: 'i', folder_id: 'f' }, 'id')).toEqual([]);
  });

  it('refuses a mapping that is not an object', () => {
    for (const mapping of [null, 'name', ['name'], 3]) {
      expect(validateFieldMapping('create_folder', mapping, null)).toEqual([
        { path: 'field_mapping', message: 'must be an object of target field -> spec' },
      ]);
    }
  });
});

describe('constant content with a constant base64 encoding', () => {
  it('must be base64 when saved, not only refused at every call', () => {
    const mapping = (content: string) => ({ name: 'name', content: { value: content }, encoding: { value: 'base64' } });
    expect(validateFieldMapping('create_file', mapping('not base64!'), null)).toEqual([
      { path: 'field_mapping.content.value', message: expect.stringContaining('base64') },
    ]);
    expect(validateFieldMapping('create_file', mapping('aGk='), null)).toEqual([]);
    expect(validateFieldMapping('create_file', { ...mapping('not base64!'), encoding: 'enc' }, null)).toEqual([]);
  });
});
