import { createServer, type Socket } from 'node:net';
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

/**
 * A raw HTTP/1.1 server that answers the first request with keep-alive, then drops
 * the connection on the next request, before any response byte: what a server that
 * closed an idle keep-alive connection does to a client reusing it at that moment.
 * (Counted over the server, not per connection: whether the client reuses the
 * connection or opens another, the second request is the one dropped.)
 * `dropAll` drops every request instead.
 */
async function keepAliveDropper(dropAll = false) {
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      while (buffer.includes('\r\n\r\n')) {
        const head = buffer.slice(0, buffer.indexOf('\r\n\r\n'));
        const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
        buffer = buffer.slice(head.length + 4 + length);
        seen.push(head.split('\r\n')[0]!);
        if (dropAll || seen.length === 2) {
          socket.destroy();
          return;
        }
        socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 11\r\nconnection: keep-alive\r\n\r\n{"ok":true}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () => {
    for (const socket of sockets) socket.destroy();
    return new Promise((resolve) => server.close(resolve));
  };
  return { url, seen, close };
}

describe('HttpClient on a keep-alive connection the server has closed', () => {
  it('sends a GET dropped before any answer once more', async () => {
    const server = await keepAliveDropper();
    const http = new HttpClient();
    try {
      expect((await http.json(`${server.url}/a`)).data).toEqual({ ok: true });
      // The server drops this one: sent again, it is answered.
      expect((await http.json(`${server.url}/b`)).data).toEqual({ ok: true });
      expect(server.seen).toEqual(['GET /a HTTP/1.1', 'GET /b HTTP/1.1', 'GET /b HTTP/1.1']);
      expect(http.requests).toBe(3);
    } finally {
      await server.close();
    }
  });

  it('retries only once, and never a POST (it may have been acted on)', async () => {
    const server = await keepAliveDropper(true);
    const http = new HttpClient();
    try {
      await expect(http.json(`${server.url}/c`)).rejects.toThrow(/^GET http:\/\/127\.0\.0\.1:\d+\/c: cannot connect: the server closed the connection without answering$/);
      expect(server.seen).toEqual(['GET /c HTTP/1.1', 'GET /c HTTP/1.1']);
      await expect(http.json(`${server.url}/d`, { method: 'POST', json: {} })).rejects.toThrow(/POST .*\/d: cannot connect/);
      expect(server.seen.slice(2)).toEqual(['POST /d HTTP/1.1']);
    } finally {
      await server.close();
    }
  });
});
