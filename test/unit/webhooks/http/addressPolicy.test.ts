import { refusalOf } from '../../../../src/webhooks/http/addressPolicy';

describe('the addresses webhooks may reach', () => {
  it.each([
    ['93.184.215.14', null],
    ['8.8.8.8', null],
    ['2606:4700:4700::1111', null],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.1.1', 'link_local'],
    ['fe80::1', 'link_local'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.254', 'cgnat'],
    ['fc00::1', 'unique_local'],
    ['fd12:3456::1', 'unique_local'],
    ['::ffff:127.0.0.1', 'ipv4_mapped'],
    ['::ffff:8.8.8.8', 'ipv4_mapped'],
    ['::ffff:7f00:1', 'ipv4_mapped'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['169.254.169.254', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['192.0.2.10', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['::127.0.0.1', 'reserved'],
    ['not-an-ip', 'not_an_address'],
  ])('%s: %s', (address, refusal) => {
    expect(refusalOf(address, false)).toBe(refusal);
  });

  it('follows the IPv4 address a NAT64 or 6to4 address carries', () => {
    expect(refusalOf('64:ff9b::8.8.8.8', false)).toBeNull();
    expect(refusalOf('64:ff9b::a00:1', false)).toBe('private');
    expect(refusalOf('2002:7f00:1::1', false)).toBe('loopback');
    expect(refusalOf('2002:808:808::1', false)).toBeNull();
    expect(refusalOf('64:ff9b::a9fe:a9fe', true)).toBe('metadata');
  });

  it('lets private addresses through when allowed, but never unspecified, multicast, reserved or metadata ones', () => {
    for (const address of ['127.0.0.1', '::1', '10.0.0.1', '192.168.0.10', '169.254.1.1', '100.64.0.1', 'fd00::1', '::ffff:127.0.0.1']) {
      expect(refusalOf(address, true)).toBeNull();
    }
    expect(refusalOf('0.0.0.0', true)).toBe('unspecified');
    expect(refusalOf('224.0.0.1', true)).toBe('multicast');
    expect(refusalOf('255.255.255.255', true)).toBe('reserved');
    expect(refusalOf('169.254.169.254', true)).toBe('metadata');
    expect(refusalOf('::ffff:169.254.169.254', true)).toBe('metadata');
  });
});
