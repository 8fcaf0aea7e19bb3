import { contentDisposition } from '../../../src/api/files/contentDisposition';
import { illFormedTextPath, toWellFormed } from '../../../src/api/http/wellFormedText';

describe('illFormedTextPath', () => {
  it('finds a lone surrogate in a string, an array item or a key, and names where', () => {
    expect(illFormedTextPath({ name: 'a\ud800' }, 'body')).toBe('body.name');
    expect(illFormedTextPath({ tags: ['ok', '\udc00x'] }, 'body')).toBe('body.tags.1');
    expect(illFormedTextPath({ nested: { ['k\ud800']: 1 } }, 'body')).toBe('body.nested');
    expect(illFormedTextPath('\udfff', 'body')).toBe('body');
  });

  it('passes well-formed text, paired surrogates included, and values that are not text', () => {
    expect(illFormedTextPath({ name: 'smile \u{1F600}', n: 1, b: true, z: null, list: [[], {}] }, 'body')).toBeNull();
  });

  it('walks a deeply nested value without overflowing the stack', () => {
    let deep: unknown = 'end\ud800';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(illFormedTextPath(deep, 'body')).toMatch(/^body(\.0)+$/);
  });

  it('toWellFormed replaces each lone surrogate with U+FFFD and keeps pairs', () => {
    expect(toWellFormed('a\ud800b\u{1F600}\udc00')).toBe('a\ufffdb\u{1F600}\ufffd');
  });
});

describe('contentDisposition of a name holding a lone surrogate', () => {
  it('encodes it as U+FFFD instead of throwing', () => {
    expect(contentDisposition('a\ud800b.txt', 'attachment')).toBe(`attachment; filename="a_b.txt"; filename*=UTF-8''a%EF%BF%BDb.txt`);
  });
});
