/**
 * `fetch` for URLs that users give Murmur, which refuses addresses the AddressPolicy
 * refuses. The check runs when the socket connects, on the address it connects to
 * (a custom `lookup` on the agent), so a name that resolves to 127.0.0.1, a DNS answer
 * that changes between check and use (rebinding) and a redirect to a private address
 * are all caught; an IP literal in the URL (already normalised by the URL parser from
 * forms such as 2130706433 or 0177.0.0.1) is checked before connecting. A refused
 * address is never connected to, so no answer, and no timing, says whether a port on
 * it is open.
 *
 * Built on node:http(s) because Node's bundled fetch offers no way to check the
 * connected address; it answers a standard Response so callers cannot tell.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { ALLOW_PRIVATE_HOSTS_ENV, addressPolicy, addressPolicyFromEnv, BlockedAddressError, type AddressPolicy } from './address-policy.ts';

export type FetchFn = (input: string | URL, init?: RequestInit) => Promise<Response>;

export interface ResolvedAddress {
  address: string;
  family: number;
}
/** Resolves a host name to all its addresses; injected by tests. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface GuardedFetchOptions {
  policy?: AddressPolicy;
  resolve?: Resolver;
  /** Redirects followed before giving up (default 5). */
  maxRedirects?: number;
}

const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });
const NULL_BODY = new Set([101, 204, 205, 304]);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Every address a name resolves to must be allowed: one refused answer refuses the name. */
function guardedLookup(resolve: Resolver, policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname)
      .then((found) => {
        const addresses = options.family ? found.filter((a) => a.family === options.family) : found;
        const refused = addresses.find((a) => !policy.permits(a.address));
        if (refused) throw new BlockedAddressError(hostname, refused.address);
        if (addresses.length === 0) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
        if (options.all) (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      })
      .catch((error: NodeJS.ErrnoException) => callback(error, '', 0));
  };
}

/** An IP literal skips `lookup`: it is checked before connecting. */
function checkLiteral(url: URL, policy: AddressPolicy): void {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !policy.permits(host)) throw new BlockedAddressError(host, host);
}

/**
 * The same guard for connections that are not fetches (the `ws` WebSocket client takes
 * http.request options): throws for a refused IP literal, else gives the checking lookup.
 */
export function guardedSocketOptions(url: URL, options: GuardedFetchOptions = {}): { lookup: LookupFunction } {
  const policy = options.policy ?? addressPolicyFromEnv();
  checkLiteral(url, policy);
  return { lookup: guardedLookup(options.resolve ?? systemResolver, policy) };
}

function bodyBytes(body: RequestInit['body']): Buffer | undefined {
  if (body == null) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof URLSearchParams) return Buffer.from(body.toString());
  if (body instanceof Uint8Array) return Buffer.from(body);
  throw new TypeError('guarded fetch sends string, URLSearchParams or byte bodies only');
}

function decoded(response: http.IncomingMessage): Readable {
  const encoding = (response.headers['content-encoding'] ?? '').trim().toLowerCase();
  const decoder = encoding === 'gzip' || encoding === 'x-gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : encoding === 'br' ? createBrotliDecompress() : null;
  if (!decoder) return response;
  response.on('error', (error) => decoder.destroy(error));
  return response.pipe(decoder);
}

/** A Response as fetch answers it, `url` included: the address after redirects, which feeds resolve relative links against. */
function toResponse(message: http.IncomingMessage, method: string, url: URL): Response {
  const response = answer(message, method);
  Object.defineProperty(response, 'url', { value: url.href });
  return response;
}

function answer(message: http.IncomingMessage, method: string): Response {
  const headers = new Headers();
  for (let i = 0; i + 1 < message.rawHeaders.length; i += 2) headers.append(message.rawHeaders[i]!, message.rawHeaders[i + 1]!);
  const status = message.statusCode ?? 502;
  if (NULL_BODY.has(status) || method === 'HEAD') {
    message.resume();
    return new Response(null, { status, statusText: message.statusMessage, headers });
  }
  if (headers.has('content-encoding')) {
    headers.delete('content-encoding');
    headers.delete('content-length');
  }
  return new Response(Readable.toWeb(decoded(message)) as ReadableStream, { status, statusText: message.statusMessage, headers });
}

export function guardedFetch(options: GuardedFetchOptions = {}): FetchFn {
  const policy = options.policy ?? addressPolicyFromEnv();
  const lookup = guardedLookup(options.resolve ?? systemResolver, policy);
  const agents = { 'http:': new http.Agent({ keepAlive: true, lookup }), 'https:': new https.Agent({ keepAlive: true, lookup }) };
  const maxRedirects = options.maxRedirects ?? 5;

  function send(url: URL, method: string, headers: Headers, body: Buffer | undefined, signal: AbortSignal | undefined) {
    const agent = agents[url.protocol as keyof typeof agents];
    if (!agent) return Promise.reject(new TypeError(`fetch failed`, { cause: new Error(`unsupported protocol ${url.protocol}`) }));
    try {
      checkLiteral(url, policy);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    const outgoing: http.OutgoingHttpHeaders = Object.fromEntries(headers);
    if (body) outgoing['content-length'] = body.byteLength;
    return new Promise<http.IncomingMessage>((resolve, reject) => {
      const request = (url.protocol === 'https:' ? https : http).request(url, { method, headers: outgoing, agent, signal }, resolve);
      request.on('error', (error) => {
        if (signal?.aborted) reject(signal.reason);
        else if (error instanceof BlockedAddressError) reject(error);
        else reject(new TypeError('fetch failed', { cause: error }));
      });
      request.end(body);
    });
  }

  return async (input, init = {}) => {
    let url = new URL(String(input));
    let method = (init.method ?? 'GET').toUpperCase();
    const headers = new Headers(init.headers);
    let body = bodyBytes(init.body);
    for (let redirects = 0; ; redirects++) {
      const message = await send(url, method, headers, body, init.signal ?? undefined);
      const location = message.headers.location;
      if (!REDIRECTS.has(message.statusCode ?? 0) || !location || init.redirect === 'manual') return toResponse(message, method, url);
      message.resume();
      if (init.redirect === 'error' || redirects >= maxRedirects) throw new TypeError('fetch failed', { cause: new Error(`more than ${maxRedirects} redirects`) });
      const next = new URL(location, url);
      // Credentials go to the host they were meant for, not to wherever a redirect points.
      if (next.origin !== url.origin) headers.delete('authorization');
      if (message.statusCode === 303 || ((message.statusCode === 301 || message.statusCode === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
        headers.delete('content-type');
      }
      url = next;
    }
  };
}

let shared: { allow: string; fetch: FetchFn } | undefined;
/** The process-wide guarded fetch, with the policy of MURMUR_ALLOW_PRIVATE_HOSTS (rebuilt if that changes). */
export function defaultGuardedFetch(): FetchFn {
  const allow = process.env[ALLOW_PRIVATE_HOSTS_ENV] ?? '';
  if (shared?.allow !== allow) shared = { allow, fetch: guardedFetch({ policy: addressPolicy(allow.split(',')) }) };
  return shared.fetch;
}
