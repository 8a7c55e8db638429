import { once } from 'node:events';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { cliHarness } from '../cli-testing.ts';
import { dashboardRoot } from './serve.ts';

const cli = cliHarness('serve');

describe('murmur serve', () => {
  it('names a busy port in one line and exits 1', async () => {
    const squatter = createServer();
    squatter.listen(0, '127.0.0.1');
    await once(squatter, 'listening');
    const { port } = squatter.address() as AddressInfo;
    try {
      expect(await cli.murmur('--create', 'serve', '--port', String(port), '--no-scheduler')).toBe(1);
    } finally {
      squatter.close();
    }
    expect(cli.err.trim().split('\n').at(-1)).toBe(`error: port ${port} on 127.0.0.1 is already in use (another murmur serve?); stop that process or pick another port with --port`);
    expect(cli.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('refuses a --db that names no store instead of serving a new empty one', async () => {
    const typo = join(cli.dir, 'murmru.db');
    expect(await cli.murmur('--db', typo, 'serve', '--port', '0', '--no-scheduler')).toBe(1);
    expect(cli.err).toContain(`no Murmur store at ${typo}; run \`murmur import\` or \`murmur demo\` first, or pass --create`);
    expect(existsSync(typo)).toBe(false);
  });

  it('refuses to start with a malformed MURMUR_PUBLIC_URL, naming it, before any link is made from it', async () => {
    vi.stubEnv('MURMUR_PUBLIC_URL', 'murmur.example.com');
    try {
      expect(await cli.murmur('--create', 'serve', '--port', '0', '--no-scheduler')).toBe(1);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(cli.err.trim().split('\n').at(-1)).toBe('error: MURMUR_PUBLIC_URL: "murmur.example.com" is not an absolute URL (e.g. https://murmur.example.com)');
  });

  it('says in one line how to build a missing dashboard, and refuses a --web folder without one', () => {
    const empty = join(cli.dir, 'no-web');
    mkdirSync(empty, { recursive: true });
    expect(dashboardRoot(undefined, empty)).toEqual({ root: null, warning: expect.stringContaining('run `npm run build:web`') });
    expect(() => dashboardRoot(empty)).toThrow(`--web ${empty} holds no built dashboard`);
    writeFileSync(join(empty, 'index.html'), '<!doctype html>');
    expect(dashboardRoot(undefined, empty)).toEqual({ root: empty });
    expect(dashboardRoot(empty, '/nowhere')).toEqual({ root: empty });
  });
});
