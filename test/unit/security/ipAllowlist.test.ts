import { IpAllowlist } from '../../../src/security/ipAllowlist';

describe('IP allowlist', () => {
  const list = new IpAllowlist(['10.0.0.0/8', '192.168.1.7', '2001:db8::/32', '::1']);

  it.each([
    ['10.1.2.3', true],
    ['::ffff:10.1.2.3', true],
    ['11.0.0.1', false],
    ['192.168.1.7', true],
    ['192.168.1.8', false],
    ['2001:db8:1::5', true],
    ['2001:db9::5', false],
    ['::1', true],
    ['not an address', false],
    [undefined, false],
  ])('%s → %s', (address, allowed) => expect(list.allows(address)).toBe(allowed));

  it('reads an IPv4-mapped block as the IPv4 block it maps', () => {
    const mapped = new IpAllowlist(['::ffff:127.0.0.0/104', '::ffff:10.0.0.1']);
    expect(mapped.allows('127.1.2.3')).toBe(true);
    expect(mapped.allows('::ffff:127.1.2.3')).toBe(true);
    expect(mapped.allows('10.0.0.1')).toBe(true);
    expect(mapped.allows('128.0.0.1')).toBe(false);
  });

  it.each([['10.0.0.0/33'], ['::ffff:10.0.0.0/95'], ['2001:db8::/129'], ['10.0.0.0/8/8'], ['10.0.0.0/'], ['10.0.0.0/x'], ['localhost']])(
    'refuses %s',
    (entry) => {
      expect(IpAllowlist.accepts([entry])).toBe(false);
      expect(() => new IpAllowlist([entry])).toThrow(RangeError);
    },
  );

  it('allows every address when empty', () => {
    expect(new IpAllowlist([]).allows('203.0.113.9')).toBe(true);
    expect(new IpAllowlist([]).allows(undefined)).toBe(true);
  });
});
