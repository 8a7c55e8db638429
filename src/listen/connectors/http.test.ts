import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, HttpStatusError, linkHeaderUrl, parseReset, parseRetryAfter, RateLimitedError, readRateLimit } from './http.ts';
import { ReplayServer } from './replay-server.ts';

const NOW = Date.parse('2026-11-22T12:00:00Z');

describe('rate-limit headers', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('120', NOW)).toBe(NOW + 120_000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 12:01:30 GMT', NOW)).toBe(NOW + 90_000);
    expect(parseRetryAfter('soon', NOW)).toBeNull();
    expect(parseRetryAfter(null, NOW)).toBeNull();
  });

  it('reads reset as an ISO date (Mastodon), seconds to go (Reddit) or epoch seconds (Bluesky)', () => {
    expect(parseReset('2026-11-22T12:05:00.000Z', NOW)).toBe(NOW + 300_000);
    expect(parseReset('412', NOW)).toBe(NOW + 412_000);
    expect(parseReset(String(NOW / 1000 + 60), NOW)).toBe(NOW + 60_000);
    const headers = new Headers({ 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '299.0', 'x-ratelimit-reset': '2026-11-22T12:05:00Z' });
    expect(readRateLimit(headers, NOW)).toEqual({ limit: 300, remaining: 299, resetAt: NOW + 300_000 });
    expect(readRateLimit(new Headers({ 'ratelimit-remaining': '5', 'ratelimit-reset': String(NOW / 1000 + 10) }), NOW)).toEqual({ limit: null, remaining: 5, resetAt: NOW + 10_000 });
  });

  it('finds rel="next" in a Link header with several links', () => {
    const header = '<https://mastodon.example/api/v1/timelines/tag/a?max_id=7>; rel="next", <https://mastodon.example/api/v1/timelines/tag/a?min_id=9>; rel="prev"';
    expect(linkHeaderUrl(header, 'next')?.searchParams.get('max_id')).toBe('7');
    expect(linkHeaderUrl(header, 'prev')?.searchParams.get('min_id')).toBe('9');
    expect(linkHeaderUrl(header, 'last')).toBeNull();
    expect(linkHeaderUrl(null, 'next')).toBeNull();
  });
});

describe('HttpClient', () => {
  let server: ReplayServer;
  beforeAll(async () => {
    server = await ReplayServer.start();
    server.route('GET', '/big', () => ({ body: 'x'.repeat(5000) }));
    server.route('GET', '/slow', () => ({ hang: true }));
    server.route('GET', '/limited', () => ({ status: 429, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '30' } }));
    server.route('GET', '/missing', () => ({ status: 404, headers: { 'content-type': 'text/html' }, body: '<!DOCTYPE html><html><head><title>Error</title><style>p{}</style></head><body><h1>Not Found</h1><p>No feed here.</p></body></html>' }));
  });

  it('says why a connection failed, not only "fetch failed"', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const http = new HttpClient();
    await expect(http.json(`http://127.0.0.1:${port}/feed`)).rejects.toThrow(`GET http://127.0.0.1:${port}/feed: cannot connect: connect ECONNREFUSED 127.0.0.1:${port}`);
  });

  it('names the status of an error page but never repeats its body (it reaches lastError, which viewers see)', async () => {
    const http = new HttpClient();
    const error = (await http.json(`${server.url}/missing`).catch((e: unknown) => e)) as HttpStatusError;
    expect(error).toBeInstanceOf(HttpStatusError);
    expect(error.message).toMatch(/\/missing: HTTP 404 Not Found$/);
    expect(error.body).toContain('No feed here.');
  });
  afterAll(() => server.close());

  it('refuses a body over the size limit', async () => {
    const http = new HttpClient({ maxBodyBytes: 1000 });
    await expect(http.json(`${server.url}/big`)).rejects.toThrow(/\/big: the body is larger than 1000 bytes; refused/);
  });

  it('gives up on a request that does not answer in time, naming it without its query', async () => {
    const http = new HttpClient({ timeoutMs: 200 });
    await expect(http.json(`${server.url}/slow?access_token=SECRET`)).rejects.toThrow(/^GET http:\/\/127\.0\.0\.1:\d+\/slow: no answer within 200 ms$/);
  });

  it('turns a 429 without Retry-After into a wait until the rate-limit reset', async () => {
    const http = new HttpClient({ now: () => NOW });
    const error = await http.json(`${server.url}/limited`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAt).toBe(NOW + 30_000);
  });
});
