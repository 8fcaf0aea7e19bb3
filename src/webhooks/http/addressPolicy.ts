import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** Why webhooks may not reach an address. */
export type AddressRefusal =
  | 'unspecified'
  | 'multicast'
  | 'reserved'
  | 'metadata'
  | 'loopback'
  | 'private'
  | 'link_local'
  | 'cgnat'
  | 'unique_local'
  | 'ipv4_mapped'
  | 'not_an_address';

type Family = 'ipv4' | 'ipv6';
type Rule = readonly [refusal: AddressRefusal, family: Family, network: string, prefix: number];

/** Never reachable, even with private addresses allowed: nothing legitimate listens there for a webhook. */
const ALWAYS_REFUSED: readonly Rule[] = [
  ['unspecified', 'ipv4', '0.0.0.0', 8],
  ['unspecified', 'ipv6', '::', 128],
  ['multicast', 'ipv4', '224.0.0.0', 4],
  ['multicast', 'ipv6', 'ff00::', 8],
  ['reserved', 'ipv4', '240.0.0.0', 4], // and the broadcast address
  ['metadata', 'ipv4', '169.254.169.254', 32], // AWS, GCP, Azure, OpenStack
  ['metadata', 'ipv4', '169.254.170.2', 32], // ECS task metadata
  ['metadata', 'ipv4', '100.100.100.200', 32], // Alibaba Cloud
  ['metadata', 'ipv6', 'fd00:ec2::254', 128],
];

/** Refused unless FILORA_WEBHOOK_ALLOW_PRIVATE (tests, private deployments). */
const PRIVATE: readonly Rule[] = [
  ['loopback', 'ipv4', '127.0.0.0', 8],
  ['loopback', 'ipv6', '::1', 128],
  ['private', 'ipv4', '10.0.0.0', 8],
  ['private', 'ipv4', '172.16.0.0', 12],
  ['private', 'ipv4', '192.168.0.0', 16],
  ['link_local', 'ipv4', '169.254.0.0', 16],
  ['link_local', 'ipv6', 'fe80::', 10],
  ['cgnat', 'ipv4', '100.64.0.0', 10],
  ['unique_local', 'ipv6', 'fc00::', 7],
  // Special-purpose blocks (IETF protocol assignments, documentation, benchmarking, deprecated IPv4-compatible,
  // Teredo): not public endpoints, and Teredo would hide the IPv4 address it carries.
  ['reserved', 'ipv4', '192.0.0.0', 24],
  ['reserved', 'ipv4', '192.0.2.0', 24],
  ['reserved', 'ipv4', '198.18.0.0', 15],
  ['reserved', 'ipv4', '198.51.100.0', 24],
  ['reserved', 'ipv4', '203.0.113.0', 24],
  ['reserved', 'ipv6', '::', 96],
  ['reserved', 'ipv6', '2001::', 32],
  ['reserved', 'ipv6', '2001:db8::', 32],
];

function blockListsOf(rules: readonly Rule[]): ReadonlyMap<AddressRefusal, BlockList> {
  const lists = new Map<AddressRefusal, BlockList>();
  for (const [refusal, family, network, prefix] of rules) {
    const list = lists.get(refusal) ?? new BlockList();
    list.addSubnet(network, prefix, family);
    lists.set(refusal, list);
  }
  return lists;
}

const alwaysRefused = blockListsOf(ALWAYS_REFUSED);
const privateBlocks = blockListsOf(PRIVATE);

function matching(lists: ReadonlyMap<AddressRefusal, BlockList>, address: string, family: Family): AddressRefusal | null {
  for (const [refusal, list] of lists) if (list.check(address, family)) return refusal;
  return null;
}

/** The eight 16-bit groups of an IPv6 address (a trailing dotted quad counts as two). */
function ipv6Groups(address: string): number[] {
  const dottedQuad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  const quadGroups = dottedQuad
    ? [Number(dottedQuad[1]) * 256 + Number(dottedQuad[2]), Number(dottedQuad[3]) * 256 + Number(dottedQuad[4])]
    : [];
  const hex = dottedQuad ? address.slice(0, dottedQuad.index) : address;
  const groupsOf = (text: string) =>
    text
      .split(':')
      .filter(Boolean)
      .map((group) => parseInt(group, 16));
  const [head = '', tail] = hex.split('::');
  const front = groupsOf(head);
  const back = [...(tail === undefined ? [] : groupsOf(tail)), ...quadGroups];
  return [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
}

const dotted = (high: number, low: number) => [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');

/**
 * The IPv4 address an IPv6 address carries, where the packets end up: IPv4-mapped (::ffff:0:0/96),
 * NAT64 (64:ff9b::/96) or 6to4 (2002::/16).
 */
function carriedIpv4(address: string): { kind: 'mapped' | 'translated'; ipv4: string } | null {
  const [g0, g1, g2, g3, g4, g5, g6 = 0, g7 = 0] = ipv6Groups(address);
  const zeroUpTo4 = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (zeroUpTo4 && g5 === 0xffff) return { kind: 'mapped', ipv4: dotted(g6, g7) };
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return { kind: 'translated', ipv4: dotted(g6, g7) };
  if (g0 === 0x2002 && g1 !== undefined && g2 !== undefined) return { kind: 'translated', ipv4: dotted(g1, g2) };
  return null;
}

/**
 * Why a webhook may not connect to `address`, or null when it may. Private, loopback, link-local, CGNAT,
 * unique-local, IPv4-mapped and special-purpose addresses are refused unless `allowPrivate`; unspecified,
 * multicast, reserved and cloud metadata addresses always are.
 */
export function refusalOf(address: string, allowPrivate: boolean): AddressRefusal | null {
  const family: Family | null = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : null;
  if (family === null) return 'not_an_address';
  const always = matching(alwaysRefused, address, family);
  if (always) return always;
  const carried = family === 'ipv6' ? carriedIpv4(address) : null;
  if (carried?.kind === 'mapped' && !allowPrivate) return 'ipv4_mapped';
  if (carried) return refusalOf(carried.ipv4, allowPrivate);
  return allowPrivate ? null : matching(privateBlocks, address, family);
}
