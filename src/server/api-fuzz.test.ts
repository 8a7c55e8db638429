/**
 * A fuzz pass over the API: every write route (and every read route's query), as an
 * editor, with malformed bodies, params, query values and content types from a fixed
 * seed. Whatever the input, the answer is a client error or success, never a 5xx.
 * Bodies are mutations of the route's own OpenAPI schema, so they get past the first
 * check and reach the handlers.
 */
import { expect, it } from 'vitest';
import { seededRandom } from '../core/random.ts';
import { createTopic } from '../listen/topics.ts';
import { describeEachStore } from '../store/testing.ts';
import { createTestApi } from './testing.ts';

type Schema = { type?: string | string[]; properties?: Record<string, Schema>; items?: Schema; enum?: unknown[]; anyOf?: Schema[]; oneOf?: Schema[]; format?: string };
type Operation = { parameters?: { in: string; name: string; schema?: Schema }[]; requestBody?: { content?: Record<string, { schema?: Schema }> } };

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ODD_VALUES: unknown[] = [null, -1, 0, 1.5, 999_999_999, 2 ** 53 + 1, 1e308, '', ' ', 'x'.repeat(5000), '\u0000', '2026-13-45', 'NaN', '-1', '999', '1e999', "'; drop table mentions; --", [], [null], {}, { $gt: '' }, true, '../../etc/passwd', '%00', 'é\uD800'];
const ODD_PARAMS = ['0', '-1', '1.5', '999999', '99999999999999999999999', 'abc', '%00', '%E0%A4%A', "'%20or%201=1", 'x'.repeat(300), 'acme', 'globex'];
const QUERY_VALUES = ['', '999', '0', '-1', '1.5', '99999999999999999999999', 'abc', 'x'.repeat(300), '2026-13-45', '2026-02-30', '%00', "'", 'true', '[]', '1e999', 'a,b,,c', '../etc'];
const CONTENT_TYPES = ['application/json', 'text/csv', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/xml'];
const RAW_BODIES = ['', '{', '{"a":', '[]', 'null', '"text"', '123', 'a,b\n1,2\n', '\uFEFF{}', '{"__proto__":{"x":1}}', '{"a":1,"a":2}', JSON.stringify(nest(200))];

function nest(depth: number): unknown {
  return depth === 0 ? 1 : { a: nest(depth - 1) };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

const GOOD_CSV = [
  'Event ID,Type,Date,Contact ID,Amount,Currency,UTM Source,UTM Medium,UTM Campaign',
  'ev-1,Lead,2026-03-02 10:00:00,c-1,,EUR,mastodon,social,Spring Sale',
  'ev-2,Closed Won,2026-03-05 16:30:00,c-1,"1 200,00",EUR,,,',
  'ev-3,Lead,2026-03-03,c-2,,EUR,newsletter,email,spring-sale',
];
const CSV_CELLS = ['', '"', '""', '"unclosed', 'a"b', '\u0000', '2026-02-30', '9999-99-99 99:99', 'NaN', '1e999', '-0', '€', '\t', '\r', 'x'.repeat(20_000), '=cmd()', ';', '\uFEFF'];

/** A CRM export broken one way: cut short, a cell replaced, columns added or lost, bytes that are not text. */
function brokenCsv(random: () => number): Buffer {
  const lines = GOOD_CSV.map((l) => l.split(','));
  const roll = random();
  if (roll < 0.1) return Buffer.from(GOOD_CSV.join('\n').slice(0, Math.floor(random() * 200)));
  if (roll < 0.15) return Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.from(GOOD_CSV.join('\n'))]);
  if (roll < 0.2) return Buffer.from(Array.from({ length: 300 }, () => Math.floor(random() * 256)));
  if (roll < 0.25) return Buffer.concat([Buffer.from(GOOD_CSV[0]! + '\n'), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x2c, 0x0a])]);
  for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
    const line = lines[Math.floor(random() * lines.length)]!;
    const what = random();
    if (what < 0.6) line[Math.floor(random() * line.length)] = pick(random, CSV_CELLS);
    else if (what < 0.8) line.push(pick(random, CSV_CELLS));
    else line.splice(Math.floor(random() * line.length), 1);
  }
  return Buffer.from(lines.map((l) => l.join(pick(random, [',', ',', ',', ';']))).join(pick(random, ['\n', '\r\n', '\r'])));
}

/** A value of the schema's shape, so the mutated body passes every other field. */
function sample(schema: Schema | undefined, random: () => number, depth = 0): unknown {
  if (!schema || depth > 4) return 'x';
  if (schema.enum?.length) return pick(random, schema.enum);
  const choice = schema.anyOf ?? schema.oneOf;
  if (choice?.length) return sample(pick(random, choice), random, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'object' || schema.properties) return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, sample(s, random, depth + 1)]));
  if (type === 'array') return [sample(schema.items, random, depth + 1)];
  if (type === 'integer' || type === 'number') return pick(random, [1, 2, 3, 10]);
  if (type === 'boolean') return true;
  if (schema.format === 'date-time') return '2026-03-01T10:00:00Z';
  return pick(random, ['x', 'acme', '2026-03-01', 'https://example.com/', 'a@example.com']);
}

/** One field of a sampled body set to an odd value (or removed, or an extra field added). */
function mutate(body: unknown, random: () => number): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return pick(random, ODD_VALUES);
  const copy = structuredClone(body) as Record<string, unknown>;
  const keys = Object.keys(copy);
  const roll = random();
  if (keys.length === 0 || roll < 0.1) copy[pick(random, ['extra', 'id', 'workspaceId', '__proto__'])] = pick(random, ODD_VALUES);
  else if (roll < 0.2) delete copy[pick(random, keys)];
  else {
    const key = pick(random, keys);
    copy[key] = random() < 0.3 ? mutate(copy[key], random) : pick(random, ODD_VALUES);
  }
  return copy;
}

/** Path parameters: mostly the real workspace, and for others a value of their schema (an enum's member) or an odd one. */
function fillPath(url: string, operation: Operation, random: () => number): string {
  const schemas = Object.fromEntries((operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => [p.name, p.schema]));
  return url.replace(/:(\w+)/g, (_m, name: string) => {
    if (name === 'ws') return random() < 0.85 ? 'acme' : pick(random, ['globex', 'nope', '%00']);
    return encodeURIComponent(String(random() < 0.4 ? sample(schemas[name], random) : pick(random, ODD_PARAMS)));
  });
}

const openApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

describeEachStore('API fuzz pass', (open) => {
  it('answers every malformed request to every route with a client error, never a 5xx', async () => {
    const api = await createTestApi(await open());
    // Something for ids to hit, in both workspaces (another workspace's ids must be refused, not crash).
    for (const [ws, name] of [[api.workspaces.acme, 'Acme'], [api.workspaces.globex, 'Globex']] as const) await createTopic(api.store, ws, { name, query: name.toLowerCase(), role: 'brand' });
    const spec = api.app.swagger() as { paths: Record<string, Record<string, Operation>> };
    const random = seededRandom(20261206);
    const editor = api.as('editor');
    const failures: string[] = [];
    let sent = 0;
    const send = async (method: string, url: string, payload: string | Buffer | undefined, contentType: string | undefined) => {
      sent += 1;
      const response = await editor.request({ method: method as 'POST', url, ...(payload === undefined ? {} : { payload }), headers: contentType ? { 'content-type': contentType } : {} });
      if (response.statusCode >= 500) failures.push(`${method} ${url} [${contentType ?? 'no type'}] ${payload?.slice(0, 120) ?? ''} → ${response.statusCode} ${response.body.slice(0, 160)}`.replace(/[^\x20-\x7e]/g, '?'));
    };

    const routes = api.app.routeList.filter((r) => r.url.startsWith('/api/v1/') && !r.url.startsWith('/api/v1/docs') && r.url !== '/api/v1/openapi.json');
    for (const route of routes) {
      const operation = spec.paths[openApiPath(route.url)]?.[route.method.toLowerCase()] ?? {};
      if (WRITE.has(route.method) && route.url.endsWith('/import')) {
        // Upload routes take CSV: broken files of every kind.
        for (let i = 0; i < 80; i++) await send(route.method, fillPath(route.url, operation, random), brokenCsv(random), pick(random, ['text/csv', 'text/csv', 'application/csv', 'text/csv; charset=latin1']));
      }
      if (WRITE.has(route.method)) {
        const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
        for (let i = 0; i < 25; i++) {
          const url = fillPath(route.url, operation, random);
          const roll = random();
          if (roll < 0.6) await send(route.method, url, JSON.stringify(mutate(sample(bodySchema, random), random)), 'application/json');
          else if (roll < 0.85) await send(route.method, url, pick(random, RAW_BODIES), pick(random, CONTENT_TYPES));
          else await send(route.method, url, random() < 0.5 ? undefined : JSON.stringify(sample(bodySchema, random)), random() < 0.5 ? undefined : pick(random, CONTENT_TYPES));
        }
      }
      // Every declared query parameter of every route (reads included), one at a time, with each odd value.
      const query = (operation.parameters ?? []).filter((p) => p.in === 'query');
      const validPath = route.url.replace(/:(\w+)/g, (_m, name: string) => (name === 'ws' ? 'acme' : encodeURIComponent(String(sample(operation.parameters?.find((p) => p.name === name)?.schema, random)))));
      for (const parameter of query) {
        for (const value of QUERY_VALUES) {
          // A PDF would start a browser: the fuzz is about input handling, not rendering.
          if (parameter.name === 'format' && value === 'pdf') continue;
          const url = `${validPath}?${new URLSearchParams({ [parameter.name]: value })}`;
          if (route.method === 'GET') await send('GET', url, undefined, undefined);
          else await send(route.method, url, JSON.stringify(sample(operation.requestBody?.content?.['application/json']?.schema, random)), 'application/json');
        }
      }
    }
    expect(sent).toBeGreaterThan(1000);
    expect(failures).toEqual([]);
    await api.app.close();
  }, 300_000);
});
