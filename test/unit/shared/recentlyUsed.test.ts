import { RecentlyUsed } from '../../../src/shared/recentlyUsed';

describe('recently used map', () => {
  it('forgets the least recently used entry past its capacity; a get counts as a use, a peek does not', () => {
    const map = new RecentlyUsed<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    expect(map.get('a')).toBe(1);
    map.set('c', 3);
    expect(map.peek('b')).toBeUndefined();
    expect([map.peek('a'), map.peek('c')]).toEqual([1, 3]);
    map.set('d', 4);
    expect(map.peek('a')).toBeUndefined();
    expect([map.get('c'), map.get('d')]).toEqual([3, 4]);
  });
});
