import { BlockList, isIPv4, isIPv6 } from 'node:net';

const MAPPED_IPV4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;
/** The bits of `::ffff:0:0/96` in front of an IPv4-mapped address. */
const MAPPED_PREFIX_BITS = 96;

interface Address {
  address: string;
  family: 'ipv4' | 'ipv6';
  /** Whether it was written IPv4-mapped (`::ffff:10.0.0.1`), which a dual-stack server sees for IPv4 clients. */
  mapped: boolean;
}

function normalised(address: string): Address | null {
  const mappedIpv4 = MAPPED_IPV4.exec(address)?.[1];
  const plain = mappedIpv4 ?? address;
  if (isIPv4(plain)) return { address: plain, family: 'ipv4', mapped: mappedIpv4 !== undefined };
  if (isIPv6(plain)) return { address: plain, family: 'ipv6', mapped: false };
  return null;
}

function prefixBits(text: string, parsed: Address): number | null {
  const bits = /^\d{1,3}$/.test(text) ? Number(text) - (parsed.mapped ? MAPPED_PREFIX_BITS : 0) : NaN;
  return bits >= 0 && bits <= (parsed.family === 'ipv4' ? 32 : 128) ? bits : null;
}

/**
 * The addresses a token may be used from: CIDR blocks or single addresses, IPv4 and IPv6 (an IPv4-mapped
 * block such as `::ffff:10.0.0.0/104` is the IPv4 block it maps). Empty allows all.
 */
export class IpAllowlist {
  private readonly blocks = new BlockList();

  constructor(private readonly entries: readonly string[]) {
    for (const entry of entries) {
      const [address = '', bits, ...rest] = entry.split('/');
      const parsed = normalised(address);
      const prefix = parsed && bits !== undefined ? prefixBits(bits, parsed) : null;
      if (!parsed || rest.length > 0 || (bits !== undefined && prefix === null))
        throw new RangeError(`not an IP address or CIDR block: ${entry}`);
      if (prefix === null) this.blocks.addAddress(parsed.address, parsed.family);
      else this.blocks.addSubnet(parsed.address, prefix, parsed.family);
    }
  }

  /** Whether the entries can make an allowlist, for validating them where they come in. */
  static accepts(entries: readonly string[]): boolean {
    try {
      new IpAllowlist(entries);
      return true;
    } catch {
      return false;
    }
  }

  allows(address: string | undefined): boolean {
    if (this.entries.length === 0) return true;
    const parsed = address === undefined ? null : normalised(address);
    return parsed !== null && this.blocks.check(parsed.address, parsed.family);
  }
}
