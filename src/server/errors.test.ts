import Fastify from 'fastify';
import { afterAll, beforeAll, expect, it, describe } from 'vitest';
import { z } from 'zod';
import { UnknownTopicError } from '../core/errors.ts';
import { ValidationError } from '../core/validation.ts';
import { UsageError } from '../cli/errors.ts';
import { QuerySyntaxError } from '../listen/query/errors.ts';
import { errorHandler } from './errors.ts';

/** Errors are mapped by the status and code they carry (MurmurError), never by class name. */
describe('error mapping', () => {
  const app = Fastify({ logger: false });
  const logged: unknown[] = [];
  const throwing: Record<string, () => never> = {
    'unknown-topic': () => {
      throw new UnknownTopicError('no topic named "Nope" (this workspace has: Acme)');
    },
    validation: () => {
      throw new ValidationError('invalid plan:\n  kpis[0].metric: unknown metric', ['kpis[0].metric: unknown metric']);
    },
    usage: () => {
      throw new UsageError('--from expects a date');
    },
    query: () => {
      throw new QuerySyntaxError('a AND', 5, 'expected a term');
    },
    zod: () => {
      z.object({ limit: z.number().max(10) }).parse({ limit: 99 });
      throw new Error('unreachable');
    },
    // Bugs: a built-in error that escapes is the server's fault, whatever its class.
    range: () => {
      throw new RangeError('Invalid time value');
    },
    type: () => {
      throw new TypeError("Cannot read properties of undefined (reading 'id')");
    },
    // An error that merely *names* itself like a client error is not one.
    named: () => {
      const error = new Error('looks like a 404');
      error.name = 'NotFoundError';
      throw error;
    },
  };
  beforeAll(async () => {
    app.setErrorHandler((error, request, reply) => {
      const log = request.log;
      log.error = ((obj: unknown) => void logged.push(obj)) as typeof log.error;
      return errorHandler(error as never, request, reply);
    });
    for (const name of Object.keys(throwing)) app.get(`/${name}`, async () => throwing[name]!());
    await app.ready();
  });
  afterAll(() => app.close());

  const get = async (name: string) => {
    const response = await app.inject({ method: 'GET', url: `/${name}` });
    return { status: response.statusCode, body: response.json() };
  };

  it('answers a MurmurError with its status and stable code', async () => {
    expect(await get('unknown-topic')).toEqual({
      status: 404,
      body: { statusCode: 404, error: 'Not Found', code: 'unknown_topic', message: 'no topic named "Nope" (this workspace has: Acme)' },
    });
    const validation = await get('validation');
    expect(validation.status).toBe(400);
    expect(validation.body).toMatchObject({ code: 'invalid_input', issues: [{ path: 'kpis[0].metric', message: 'unknown metric' }] });
    expect(await get('usage')).toMatchObject({ status: 400, body: { code: 'usage' } });
    expect(await get('query')).toMatchObject({ status: 400, body: { code: 'query_syntax' } });
  });

  it('answers a ZodError from a library with 400 naming the field', async () => {
    const zod = await get('zod');
    expect(zod.status).toBe(400);
    expect(zod.body.issues[0].path).toBe('limit');
    expect(zod.body.message).toMatch(/^invalid input: limit: /);
  });

  it('answers a RangeError, a TypeError or a look-alike name as a bug: 500, logged', async () => {
    for (const name of ['range', 'type', 'named']) {
      const before = logged.length;
      const { status, body } = await get(name);
      expect(status, name).toBe(500);
      expect(body.message).toBe('internal error; the server log has the details');
      expect(logged.length, name).toBe(before + 1);
    }
  });
});
