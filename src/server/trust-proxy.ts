/**
 * Which peers may tell us, in X-Forwarded-For/-Proto, who the client is. Only those:
 * trusting every peer lets any client pick its own address, and so dodge the sign-in
 * rate limit (keyed on it) and write whatever address it likes into the logs.
 *
 * `true` (a bare `--trust-proxy`) trusts a proxy on the same host (loopback), the usual
 * nginx/Caddy set-up; anything else must be listed: addresses, CIDR ranges, or the
 * names proxy-addr knows (loopback, linklocal, uniquelocal).
 */
import { addressList } from '../core/address-policy.ts';

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

export class TrustProxyError extends Error {
  override name = 'TrustProxyError';
}

/** The list Fastify's `trustProxy` gets, or false; throws naming an entry that is no address, range or known name. */
export function trustedProxies(value: boolean | string | readonly string[] | undefined): string[] | false {
  if (value === undefined || value === false) return false;
  if (value === true) return ['loopback'];
  const entries = (typeof value === 'string' ? value.split(',') : value).map((e) => e.trim()).filter(Boolean);
  if (entries.length === 0) return ['loopback'];
  for (const entry of entries) {
    if (NAMED_RANGES.has(entry)) continue;
    try {
      addressList([entry], '--trust-proxy');
    } catch (error) {
      throw new TrustProxyError(`${(error as Error).message} (or one of: ${[...NAMED_RANGES].join(', ')})`);
    }
  }
  return entries;
}
