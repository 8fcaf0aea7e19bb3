import { BlockList, isIPv4, isIPv6 } from 'node:net';

const MAPPED_IPV4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

/** `::ffff:10.0.0.1` (how a dual-stack server sees an IPv4 client) is 10.0.0.1. */
function normalised(address: string): { address: string; family: 'ipv4' | 'ipv6' } | null {
  const plain = MAPPED_IPV4.exec(address)?.[1] ?? address;
  if (isIPv4(plain)) return { address: plain, family: 'ipv4' };
  if (isIPv6(plain)) return { address: plain, family: 'ipv6' };
  return null;
}

/** The addresses a token may be used from: CIDR blocks or single addresses, IPv4 and IPv6. Empty allows all. */
export class IpAllowlist {
  private readonly blocks = new BlockList();

  constructor(private readonly entries: readonly string[]) {
    for (const entry of entries) {
      const [address = '', bits] = entry.split('/');
      const parsed = normalised(address);
      if (!parsed) throw new Error(`not an IP address or CIDR block: ${entry}`);
      if (bits === undefined) this.blocks.addAddress(parsed.address, parsed.family);
      else this.blocks.addSubnet(parsed.address, Number(bits), parsed.family);
    }
  }

  allows(address: string | undefined): boolean {
    if (this.entries.length === 0) return true;
    const parsed = address === undefined ? null : normalised(address);
    return parsed !== null && this.blocks.check(parsed.address, parsed.family);
  }
}
