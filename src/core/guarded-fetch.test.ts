import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HttpClient } from '../listen/connectors/http.ts';
import { addressPolicy, addressPolicyFromEnv, AddressPolicyError, BlockedAddressError } from './address-policy.ts';
import { guardedFetch, guardedSocketOptions, type Resolver } from './guarded-fetch.ts';

// A live server on loopback: every refusal below must leave its request count at zero.
let server: Server;
let port: number;
const seen: string[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.url ?? '');
    if (req.url?.startsWith('/redirect?to=')) {
      res.writeHead(302, { location: decodeURIComponent(req.url.slice('/redirect?to='.length)) }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end('internal admin: secret=hunter2');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** Names resolve only through this table: no test touches real DNS. */
const names: Record<string, string[]> = {
  'feed.test': ['127.0.0.1'],
  'intranet.test': ['10.1.2.3'],
  'metadata.test': ['169.254.169.254'],
  'v6-private.test': ['fd00::1'],
  'mixed.test': ['93.184.216.34', '192.168.1.10'],
};
const resolve: Resolver = async (hostname) => {
  const addresses = names[hostname];
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

describe('guarded fetch: the SSRF table', () => {
  const strict = guardedFetch({ policy: addressPolicy(), resolve });
  const url = (host: string) => `http://${host}:${port}/internal-admin`;

  it.each([
    ['loopback', () => url('127.0.0.1')],
    ['another loopback address', () => url('127.1.2.3')],
    ['IPv6 loopback', () => url('[::1]')],
    ['IPv4-mapped IPv6 loopback', () => url('[::ffff:127.0.0.1]')],
    ['decimal IPv4', () => url('2130706433')],
    ['octal IPv4', () => url('0177.0.0.1')],
    ['hex IPv4', () => url('0x7f.0.0.1')],
    ['the unspecified address', () => url('0.0.0.0')],
    ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/'],
    ['a private range', () => 'http://10.0.0.5/feed'],
    ['a name resolving to loopback', () => url('feed.test')],
    ['a name resolving to a private range', () => 'http://intranet.test/feed'],
    ['a name resolving to metadata', () => 'http://metadata.test/'],
    ['a name resolving to a private IPv6 range', () => 'http://v6-private.test/'],
    ['a name with one public and one private answer', () => 'http://mixed.test/'],
  ])('refuses %s without connecting', async (_what, target) => {
    const before = seen.length;
    await expect(strict(target())).rejects.toBeInstanceOf(BlockedAddressError);
    expect(seen.length).toBe(before);
  });

  it('refuses a redirect to a private address, after following the allowed hop', async () => {
    const loopbackOnly = guardedFetch({ policy: addressPolicy(['127.0.0.1']), resolve });
    const before = seen.length;
    await expect(loopbackOnly(`http://127.0.0.1:${port}/redirect?to=${encodeURIComponent('http://metadata.test/latest')}`)).rejects.toBeInstanceOf(BlockedAddressError);
    await expect(loopbackOnly(`http://127.0.0.1:${port}/redirect?to=${encodeURIComponent(`http://[::1]:${port}/`)}`)).rejects.toBeInstanceOf(BlockedAddressError);
    expect(seen.slice(before).every((u) => u.startsWith('/redirect'))).toBe(true);
  });

  it('connects to the address it checked, and to allowed ones (the self-hoster allow-list)', async () => {
    const allowed = guardedFetch({ policy: addressPolicy(['127.0.0.0/8']), resolve });
    const response = await allowed(url('feed.test'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('internal admin');
    const followed = await allowed(`http://127.0.0.1:${port}/redirect?to=${encodeURIComponent(url('feed.test'))}`);
    expect(followed.status).toBe(200);
  });

  it('says what was refused in the connector error, never what the address would have answered', async () => {
    const http = new HttpClient({ fetch: strict });
    const error = (await http.request(url('127.0.0.1')).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(`GET http://127.0.0.1:${port}/internal-admin: refused to connect to 127.0.0.1: a private, loopback or link-local address (MURMUR_ALLOW_PRIVATE_HOSTS lists the ones allowed)`);
    expect(error.message).not.toContain('hunter2');
  });
});

describe('guarded socket options (WebSockets)', () => {
  it('refuse a private IP literal at once, and a private name when the socket connects', async () => {
    const policy = addressPolicy();
    expect(() => guardedSocketOptions(new URL('ws://[::1]:9/subscribe'), { policy, resolve })).toThrow(BlockedAddressError);
    const { lookup } = guardedSocketOptions(new URL('wss://intranet.test/subscribe'), { policy, resolve });
    const error = await new Promise<Error | null>((done) => lookup('intranet.test', { all: true }, (e) => done(e)));
    expect(error).toBeInstanceOf(BlockedAddressError);
  });
});

describe('the connectors\' HTTP client', () => {
  it('is guarded by default: with no allow-list it refuses loopback', async () => {
    vi.stubEnv('MURMUR_ALLOW_PRIVATE_HOSTS', '');
    try {
      const before = seen.length;
      await expect(new HttpClient().request(`http://127.0.0.1:${port}/internal-admin`)).rejects.toThrow(/refused to connect to 127\.0\.0\.1/);
      expect(seen.length).toBe(before);
    } finally {
      vi.unstubAllEnvs();
    }
    expect((await new HttpClient().request(`http://127.0.0.1:${port}/ok`)).status).toBe(200);
  });
});

describe('address policy', () => {
  it('is strict by default and opens only what MURMUR_ALLOW_PRIVATE_HOSTS lists', () => {
    const none = addressPolicyFromEnv({});
    expect(['127.0.0.1', '::1', '10.0.0.1', '169.254.169.254', '172.16.5.4', '192.168.0.1', '100.64.0.1', 'fe80::1'].filter((a) => none.permits(a))).toEqual([]);
    expect(none.permits('93.184.216.34')).toBe(true);
    expect(none.permits('2606:4700::1111')).toBe(true);
    const some = addressPolicyFromEnv({ MURMUR_ALLOW_PRIVATE_HOSTS: '10.0.0.0/8, 192.168.1.7' });
    expect(['10.9.9.9', '192.168.1.7'].every((a) => some.permits(a))).toBe(true);
    expect(['127.0.0.1', '192.168.1.8'].some((a) => some.permits(a))).toBe(false);
  });

  it('names an entry of the allow-list that is not an address or range', () => {
    expect(() => addressPolicy(['10.0.0.0/8', 'intranet.local'])).toThrow(AddressPolicyError);
    expect(() => addressPolicy(['10.0.0.0/40'])).toThrow(/"10\.0\.0\.0\/40" has an invalid prefix length/);
  });
});
