import { parseRange } from '../../../src/api/files/byteRange';
import { contentDisposition } from '../../../src/api/files/contentDisposition';
import { entityTag, noneMatch, rangeStillValid } from '../../../src/api/files/entityTags';

describe('parseRange', () => {
  it.each([
    [undefined, 10, { kind: 'whole' }],
    ['bytes=0-0', 10, { kind: 'partial', start: 0, end: 0 }],
    ['bytes=3-', 10, { kind: 'partial', start: 3, end: 9 }],
    ['bytes=-4', 10, { kind: 'partial', start: 6, end: 9 }],
    ['bytes=-40', 10, { kind: 'partial', start: 0, end: 9 }],
    ['bytes=8-99999999999999999999', 10, { kind: 'partial', start: 8, end: 9 }],
    ['Bytes = 1-2', 10, { kind: 'partial', start: 1, end: 2 }],
    ['bytes=0-1,3-4', 10, { kind: 'whole' }],
    ['lines=0-1', 10, { kind: 'whole' }],
    ['bytes=10-', 10, { kind: 'unsatisfiable' }],
    ['bytes=4-3', 10, { kind: 'unsatisfiable' }],
    ['bytes=-0', 10, { kind: 'unsatisfiable' }],
    ['bytes=-', 10, { kind: 'unsatisfiable' }],
    ['bytes=a-b', 10, { kind: 'unsatisfiable' }],
    ['bytes=', 10, { kind: 'unsatisfiable' }],
    ['0-1', 10, { kind: 'unsatisfiable' }],
    ['bytes=0-', 0, { kind: 'unsatisfiable' }],
  ])('%s of %d bytes', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('plain.txt', 'attachment')).toBe(`attachment; filename="plain.txt"; filename*=UTF-8''plain.txt`);
    expect(contentDisposition('日本 "q" \\ 5%.pdf', 'inline')).toBe(
      `inline; filename="__ _q_ _ 5_.pdf"; filename*=UTF-8''%E6%97%A5%E6%9C%AC%20%22q%22%20%5C%205%25.pdf`,
    );
  });
});

describe('entity tags', () => {
  const etag = entityTag('ab');
  it('matches If-None-Match weakly and If-Range strongly', () => {
    expect(noneMatch(undefined, etag)).toBe(false);
    expect(noneMatch('"x", W/"ab"', etag)).toBe(true);
    expect(noneMatch('*', etag)).toBe(true);
    expect(noneMatch('"abc"', etag)).toBe(false);
    expect(rangeStillValid(undefined, etag)).toBe(true);
    expect(rangeStillValid('"ab"', etag)).toBe(true);
    expect(rangeStillValid('W/"ab"', etag)).toBe(false);
    expect(rangeStillValid('Wed, 21 Oct 2015 07:28:00 GMT', etag)).toBe(false);
  });
});
