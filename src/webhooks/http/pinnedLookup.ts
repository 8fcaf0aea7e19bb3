import { promises as dns, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { refusalOf } from './addressPolicy';

/** Every address a host name resolves to. Throws an error with a `code` (ENOTFOUND, …) when it does not resolve. */
export type HostResolver = (hostname: string) => Promise<readonly LookupAddress[]>;

export const systemResolver: HostResolver = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/**
 * The name resolved (or was written) to an address that webhooks may not reach. The message, which the owner
 * sees, never says which address or what kind it is: that would make the test route a probe of internal DNS.
 * `address` and `refusal` are for the server's log.
 */
export class SsrfRefusedError extends Error {
  override readonly name = 'SsrfRefusedError';
  constructor(
    readonly host: string,
    readonly address: string,
    readonly refusal: string,
  ) {
    super(host === address ? `${host} is an address webhooks may not reach` : `${host} resolves to an address webhooks may not reach`);
  }
}

/** Throws SsrfRefusedError unless every address may be reached: one bad answer refuses the name. */
export function requireReachable(host: string, addresses: readonly LookupAddress[], allowPrivate: boolean): void {
  for (const { address } of addresses) {
    const refusal = refusalOf(address, allowPrivate);
    if (refusal) throw new SsrfRefusedError(host, address, refusal.replaceAll('_', '-'));
  }
}

function notFound(hostname: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
}

function familyOf(option: number | 'IPv4' | 'IPv6' | undefined): 4 | 6 | null {
  if (option === 4 || option === 'IPv4') return 4;
  if (option === 6 || option === 'IPv6') return 6;
  return null;
}

/**
 * The socket's `lookup`: resolves the name once, checks every address, and hands the socket exactly those
 * addresses, so it connects to an address that was checked (DNS pinning: no second resolution in between
 * that a rebinding DNS server could answer differently).
 */
export function pinnedLookup(resolve: HostResolver, allowPrivate: boolean): LookupFunction {
  const checkedAddresses = async (hostname: string, family: 4 | 6 | null): Promise<LookupAddress[]> => {
    const found = await resolve(hostname);
    requireReachable(hostname, found, allowPrivate);
    const wanted = family === null ? [...found] : found.filter((address) => address.family === family);
    if (wanted.length === 0) throw notFound(hostname);
    return wanted;
  };
  return (hostname, options, callback) => {
    checkedAddresses(hostname, familyOf(options.family)).then(
      (addresses) => {
        const [first] = addresses as [LookupAddress];
        if (options.all) callback(null, addresses);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}
