import { describe, expect, it } from 'vitest';
import { ApiError, buildUrl, errorFrom, NotAvailableError, UnauthorizedError } from './client.ts';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('errorFrom', () => {
  it('reads an unknown route as "not available on this server"', async () => {
    const murmur = await errorFrom(json(404, { statusCode: 404, error: 'Not Found', message: 'no route GET /api/v1/workspaces/acme/reports' }));
    expect(murmur).toBeInstanceOf(NotAvailableError);
    const fastify = await errorFrom(json(404, { message: 'Route GET:/api/v1/x not found', error: 'Not Found', statusCode: 404 }));
    expect(fastify).toBeInstanceOf(NotAvailableError);
  });

  it('keeps a missing resource on a known route a real error', async () => {
    const error = await errorFrom(json(404, { statusCode: 404, error: 'Not Found', message: 'no topic 12 in this workspace' }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).not.toBeInstanceOf(NotAvailableError);
    expect(error.message).toBe('no topic 12 in this workspace');
  });

  it('takes the query position from the issues of a 400', async () => {
    const error = await errorFrom(
      json(400, { statusCode: 400, error: 'Bad Request', message: 'invalid query: expected a term at position 9', issues: [{ path: 'querystring.q', message: 'expected a term', position: 9 }] }),
    );
    expect(error.status).toBe(400);
    expect(error.position).toBe(9);
  });

  it('marks 401 as signed out, and survives a body that is not JSON', async () => {
    expect(await errorFrom(json(401, { message: 'sign in first' }))).toBeInstanceOf(UnauthorizedError);
    const html = await errorFrom(new Response('<h1>Bad gateway</h1>', { status: 502 }));
    expect(html.message).toBe('<h1>Bad gateway</h1>');
    expect(html.status).toBe(502);
  });
});

describe('buildUrl', () => {
  it('drops empty values and repeats arrays', () => {
    expect(buildUrl('/x', { q: 'a b', empty: '', none: undefined, n: 0, tags: ['a', 'b'] })).toBe('/x?q=a+b&n=0&tags=a&tags=b');
    expect(buildUrl('/x', {})).toBe('/x');
  });
});
