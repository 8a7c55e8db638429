/**
 * The CLI and the API share one contract for a Watch question (src/watch/params.ts): the
 * same store asked the same thing answers the same, in the same time zone, with the same
 * defaults and limits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApi, pushedMention, type TestApi } from '../../server/testing.ts';
import { openStore } from '../../store/store.ts';
import { run } from '../main.ts';

const dir = mkdtempSync(join(tmpdir(), 'murmur-contract-'));
const file = join(dir, 'contract.db');
const base = '/api/v1/workspaces/acme/watch';
let api: TestApi;

/** `murmur --db <file> -w acme …`: the exit code, stdout and stderr. */
async function murmur(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  try {
    const code = await run(['node', 'murmur', '--db', file, '-w', 'acme', ...args]);
    return { code, out, err: err.replace(/\x1b\[[0-9;]*m/g, '') };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    process.exitCode = undefined;
  }
}

beforeAll(async () => {
  api = await createTestApi(await openStore(file));
  // Two mentions a day: one at 03:30 UTC, which is still the day before in New York, one at noon.
  const mentions = Array.from({ length: 10 }, (_, i) => [
    pushedMention(`night-${i}`, `Acme at night ${i}`, `2026-03-${String(i + 1).padStart(2, '0')}T03:30:00Z`),
    pushedMention(`noon-${i}`, `Acme at noon ${i}`, `2026-03-${String(i + 1).padStart(2, '0')}T12:00:00Z`),
  ]).flat();
  expect((await api.as('editor').post('/api/v1/workspaces/acme/mentions', { mentions })).statusCode).toBe(200);
  expect((await api.as('editor').post('/api/v1/workspaces/acme/topics', { name: 'Acme', query: 'acme' })).statusCode).toBe(201);
});
afterAll(async () => {
  await api.app.close();
  await api.store.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
});

const daily = (series: { date: string; mentions: number }[]) => series.map((b) => `${b.date}:${b.mentions}`);

describe('the CLI and the API on the same store', () => {
  it('give the same daily series in the workspace zone (MURMUR_TZ) when no --tz / tz is given', async () => {
    vi.stubEnv('MURMUR_TZ', 'America/New_York');
    const fromApi = await api.as('viewer').get(`${base}/series?topic=Acme&first=2026-02-28&last=2026-03-10`);
    expect(fromApi.statusCode, fromApi.body).toBe(200);
    const cli = await murmur('series', '--topic', 'Acme', '--from', '2026-02-28', '--to', '2026-03-10', '--json');
    expect(cli.code, cli.err).toBe(0);
    expect(JSON.parse(cli.out)).toEqual(fromApi.json().items);
    // New York days: the 03:30 UTC mention of 1 March belongs to 28 February.
    expect(daily(fromApi.json().items).slice(0, 3)).toEqual(['2026-02-28:1', '2026-03-01:2', '2026-03-02:2']);
  });

  it('give the same series in an explicit zone, which wins over MURMUR_TZ', async () => {
    vi.stubEnv('MURMUR_TZ', 'America/New_York');
    const fromApi = (await api.as('viewer').get(`${base}/series?topic=Acme&first=2026-02-28&last=2026-03-10&tz=UTC`)).json().items;
    const cli = await murmur('series', '--topic', 'Acme', '--from', '2026-02-28', '--to', '2026-03-10', '--tz', 'UTC', '--json');
    expect(JSON.parse(cli.out)).toEqual(fromApi);
    expect(daily(fromApi).slice(0, 3)).toEqual(['2026-02-28:0', '2026-03-01:2', '2026-03-02:2']);
  });

  it('count in UTC without MURMUR_TZ, whatever the machine zone, and say so in the workspace', async () => {
    vi.stubEnv('MURMUR_TZ', '');
    vi.stubEnv('TZ', 'Asia/Tokyo');
    const fromApi = (await api.as('viewer').get(`${base}/series?topic=Acme&first=2026-03-01&last=2026-03-02`)).json().items;
    const cli = await murmur('series', '--topic', 'Acme', '--from', '2026-03-01', '--to', '2026-03-02', '--json');
    expect(JSON.parse(cli.out)).toEqual(fromApi);
    expect(fromApi[0].start).toBe(Date.parse('2026-03-01T00:00:00Z'));
    expect((await api.as('viewer').get('/api/v1/workspaces/acme')).json().timeZone).toBe('UTC');
    vi.stubEnv('MURMUR_TZ', 'Europe/Paris');
    expect((await api.as('viewer').get('/api/v1/workspaces/acme')).json().timeZone).toBe('Europe/Paris');
  });

  it('default the period the same way and refuse the same too-long period', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2026-03-11T12:00:00Z'), shouldAdvanceTime: true });
    const fromApi = (await api.as('viewer').get(`${base}/series?topic=Acme`)).json().items;
    const cli = await murmur('series', '--topic', 'Acme', '--json');
    expect(JSON.parse(cli.out)).toEqual(fromApi);
    expect(fromApi.at(-1).date).toBe('2026-03-10'); // yesterday
    expect(fromApi).toHaveLength(30);

    const tooLong = await api.as('viewer').get(`${base}/series?topic=Acme&first=2025-01-01&last=2026-03-10`);
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().issues).toEqual([{ path: 'querystring.last', message: 'a period covers at most 400 days' }]);
    const refused = await murmur('series', '--topic', 'Acme', '--from', '2025-01-01', '--to', '2026-03-10');
    expect(refused.code).toBe(1);
    expect(refused.err.trim()).toBe('error: --to: a period covers at most 400 days');
  });

  it('rank the same number of items by default and refuse the same limit', async () => {
    const fromApi = (await api.as('viewer').get(`${base}/influencers?topic=Acme&first=2026-03-01&last=2026-03-10&tz=UTC&limit=1`)).json().items;
    const cli = await murmur('influencers', '--topic', 'Acme', '--from', '2026-03-01', '--to', '2026-03-10', '--tz', 'UTC', '--limit', '1', '--json');
    expect(cli.code, cli.err).toBe(0);
    expect(JSON.parse(cli.out)).toEqual(fromApi);
    expect((await api.as('viewer').get(`${base}/influencers?topic=Acme&limit=101`)).json().issues[0].path).toBe('querystring.limit');
    const refused = await murmur('influencers', '--topic', 'Acme', '--limit', '101');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('--limit: ');
  });
});
