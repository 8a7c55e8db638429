import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { authenticateToken } from '../../accounts/tokens.ts';
import { verifyLogin } from '../../accounts/users.ts';
import { openStore } from '../../store/store.ts';
import { run } from '../main.ts';
import { readPasswordFromStdin } from './users.ts';

const dir = mkdtempSync(join(tmpdir(), 'murmur-users-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let out = '';
let err = '';
let db = '';
let counter = 0;
beforeEach(() => {
  out = '';
  err = '';
  db = join(dir, `u${counter++}.db`);
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});
const murmur = (...args: string[]) => run(['node', 'murmur', '--db', db, ...args]);

describe('murmur users / tokens / workspaces', () => {
  it('creates the first owner with a generated password shown once, and lists members', async () => {
    expect(await murmur('users', 'add', 'Boss@Example.com', '--role', 'owner', '--json')).toBe(0);
    const added = JSON.parse(out);
    expect(added).toMatchObject({ email: 'boss@example.com', role: 'owner', created: true });
    const store = await openStore(db);
    expect(await verifyLogin(store, 'boss@example.com', added.generatedPassword)).not.toBeNull();
    await store.close();
    out = '';
    expect(await murmur('users', 'list')).toBe(0);
    expect(out).toContain('owner   boss@example.com');
  });

  it('refuses an unknown role and a bad email with exit code 1', async () => {
    expect(await murmur('users', 'add', 'a@example.com', '--role', 'admin')).toBe(1);
    expect(err).toMatch(/--role must be one of viewer, editor, owner/);
    expect(await murmur('users', 'add', 'not-an-email', '--role', 'viewer')).toBe(1);
    expect(err).toMatch(/not an email/);
  });

  it('creates a token shown once, lists it without the secret, revokes it', async () => {
    await murmur('users', 'add', 'ci@example.com', '--role', 'editor');
    out = '';
    expect(await murmur('tokens', 'create', '--user', 'ci@example.com', '--name', 'ci', '--role', 'owner', '--json')).toBe(0);
    const created = JSON.parse(out);
    expect(created.role).toBe('editor'); // capped by the membership
    out = '';
    await murmur('tokens', 'list');
    expect(out).toContain(created.prefix);
    expect(out).not.toContain(created.token);
    expect(await murmur('tokens', 'revoke', String(created.id))).toBe(0);
    const store = await openStore(db);
    expect(await authenticateToken(store, created.token)).toBeNull();
    await store.close();
    expect(await murmur('tokens', 'revoke', 'abc')).toBe(1);
  });

  it('adds a workspace once and its first owner', async () => {
    expect(await murmur('workspaces', 'add', 'client-b', 'Client B')).toBe(0);
    expect(await murmur('workspaces', 'add', 'client-b', 'Again')).toBe(1);
    expect(err).toMatch(/already exists/);
    expect(await murmur('-w', 'client-b', 'users', 'add', 'b@example.com', '--role', 'owner')).toBe(0);
    out = '';
    await murmur('workspaces', 'list', '--json');
    expect(JSON.parse(out).map((w: { slug: string }) => w.slug)).toEqual(['client-b', 'default']);
  });

  it('reads a password from stdin without its final newline', async () => {
    expect(await readPasswordFromStdin(Readable.from(['a long password\n']))).toBe('a long password');
    await expect(readPasswordFromStdin(Readable.from(['']))).rejects.toThrow(/nothing was read/);
  });
});
