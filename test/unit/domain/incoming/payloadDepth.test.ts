import { MAX_PAYLOAD_DEPTH, nestsDeeperThan } from '../../../../src/domain/incoming/mapping/payloadDepth';
import { payloadExcerpt } from '../../../../src/domain/incoming/payloadExcerpt';

const nestedLists = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let level = 0; level < depth; level++) value = [value];
  return value;
};
const nestedObjects = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let level = 0; level < depth; level++) value = { a: value };
  return value;
};

describe('nestsDeeperThan', () => {
  it.each([
    ['lists', nestedLists],
    ['objects', nestedObjects],
  ])('allows %s nested up to the bound, not one level more', (_kind, nested) => {
    expect(nestsDeeperThan(nested(MAX_PAYLOAD_DEPTH))).toBe(false);
    expect(nestsDeeperThan(nested(MAX_PAYLOAD_DEPTH + 1))).toBe(true);
  });

  it('answers for 200,000 levels without overflowing the stack', () => {
    expect(nestsDeeperThan(nestedLists(200_000))).toBe(true);
    expect(nestsDeeperThan(nestedObjects(200_000))).toBe(true);
  });

  it('counts the deepest branch, not the widest', () => {
    expect(nestsDeeperThan({ wide: Array.from({ length: 1000 }, () => ({ a: 1 })), deep: nestedObjects(MAX_PAYLOAD_DEPTH - 1) })).toBe(
      false,
    );
    expect(nestsDeeperThan({ wide: [1, 2], deep: nestedObjects(MAX_PAYLOAD_DEPTH) })).toBe(true);
    expect(nestsDeeperThan('text')).toBe(false);
  });
});

describe('payloadExcerpt of deeply nested JSON', () => {
  it('masks it as text instead of walking it', () => {
    const body = `{"password":"hunter2","z":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    const excerpt = payloadExcerpt(Buffer.from(body));
    expect(excerpt).not.toContain('hunter2');
    expect(excerpt.startsWith('{"password":"***"')).toBe(true);
  });
});
