/**
 * Which network addresses Murmur may connect to when it fetches a URL a user gave it
 * (a feed, an instance, a webhook). Loopback, private, link-local (cloud metadata at
 * 169.254.169.254), carrier-grade NAT, multicast and reserved ranges are refused, so a
 * source cannot be pointed at the machine or network Murmur runs in (SSRF).
 *
 * Self-hosters who need an internal feed name the addresses they allow in
 * MURMUR_ALLOW_PRIVATE_HOSTS: a comma-separated list of addresses or CIDR ranges,
 * e.g. `10.0.0.12,192.168.1.0/24,::1`. Addresses, not host names: a name can be made
 * to resolve anywhere, an address cannot.
 */
import { BlockList, isIP } from 'node:net';

export const ALLOW_PRIVATE_HOSTS_ENV = 'MURMUR_ALLOW_PRIVATE_HOSTS';

const BLOCKED_V4 = [
  '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12',
  '192.0.0.0/24', '192.0.2.0/24', '192.88.99.0/24', '192.168.0.0/16', '198.18.0.0/15', '198.51.100.0/24',
  '203.0.113.0/24', '224.0.0.0/4', '240.0.0.0/4',
];
// IPv4-mapped and NAT64 addresses are refused whole: they would smuggle a private IPv4 through IPv6.
const BLOCKED_V6 = ['::/127', '::ffff:0:0/96', '64:ff9b::/96', '100::/64', '2001:db8::/32', 'fc00::/7', 'fe80::/10', 'fec0::/10', 'ff00::/8'];

export class AddressPolicyError extends Error {
  override name = 'AddressPolicyError';
}

/** A connection to a refused address; the message names the host and address, never anything fetched. */
export class BlockedAddressError extends Error {
  override name = 'BlockedAddressError';
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`refused to connect to ${host}${host === address ? '' : ` (${address})`}: a private, loopback or link-local address (${ALLOW_PRIVATE_HOSTS_ENV} lists the ones allowed)`);
  }
}

function addRange(list: BlockList, entry: string, where: string): void {
  const [address = '', prefix] = entry.split('/');
  const version = isIP(address);
  if (version === 0) throw new AddressPolicyError(`${where}: "${entry}" is not an IP address or CIDR range`);
  const type = version === 4 ? 'ipv4' : 'ipv6';
  if (prefix === undefined) return list.addAddress(address, type);
  const bits = Number(prefix);
  if (!/^\d+$/.test(prefix) || bits > (version === 4 ? 32 : 128)) throw new AddressPolicyError(`${where}: "${entry}" has an invalid prefix length`);
  list.addSubnet(address, bits, type);
}

/** Builds a list from addresses and CIDR ranges; throws naming the entry that is neither. */
export function addressList(entries: readonly string[], where = 'address list'): BlockList {
  const list = new BlockList();
  for (const entry of entries.map((e) => e.trim()).filter(Boolean)) addRange(list, entry, where);
  return list;
}

// Two lists: BlockList matches IPv4 addresses against IPv4-mapped IPv6 ranges, so one
// list holding ::ffff:0:0/96 would refuse every IPv4 address.
const blocked = { ipv4: addressList(BLOCKED_V4, 'built-in ranges'), ipv6: addressList(BLOCKED_V6, 'built-in ranges') };

export interface AddressPolicy {
  /** True when Murmur may connect to this (resolved) address. */
  permits(address: string): boolean;
}

/** The strict policy, less the addresses and ranges listed in `allow`. */
export function addressPolicy(allow: readonly string[] = [], where = ALLOW_PRIVATE_HOSTS_ENV): AddressPolicy {
  const allowed = addressList(allow, where);
  return {
    permits(address) {
      const version = isIP(address);
      if (version === 0) return false;
      const type = version === 4 ? 'ipv4' : 'ipv6';
      return allowed.check(address, type) || !blocked[type].check(address, type);
    },
  };
}

export function addressPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): AddressPolicy {
  return addressPolicy((env[ALLOW_PRIVATE_HOSTS_ENV] ?? '').split(','));
}
