import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliHarness } from './cli-testing.ts';
import { run } from './main.ts';

const cli = cliHarness('main');

describe('murmur (global behaviour)', () => {
  it('answers an unknown flag with the error and a hint, not the whole help', async () => {
    expect(await cli.murmur('topics', 'list', '--bogus')).toBe(1);
    expect(cli.err).toContain("error: unknown option '--bogus'");
    expect(cli.err).toContain('(add --help to see the commands and options)');
    expect(cli.err).not.toContain('Usage:');
    expect(await cli.murmur('frobnicate')).toBe(1);
    expect(cli.err).toContain("error: unknown command 'frobnicate'");
  });

  it('prints its version', async () => {
    expect(await cli.murmur('--version')).toBe(0);
    expect(cli.out.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('refuses a read-only command on a store that does not exist, unless --create', async () => {
    expect(await cli.murmur('topics', 'list')).toBe(1);
    expect(cli.err).toMatch(/^error: no Murmur store at \S+t\d+\.db; run `murmur import` or `murmur demo` first, or pass --create\n$/);
    expect(await cli.murmur('--create', 'topics', 'list')).toBe(0);
    expect(cli.err).toMatch(/note: created a new, empty store at \S+t\d+\.db/);
    expect(await cli.murmur('topics', 'list')).toBe(0);
    expect(cli.err).not.toContain('created a new');
  });

  it('lets a command that adds data create the store, and says so', async () => {
    expect(await cli.murmur('topics', 'add', 'Brewly', '-q', 'brewly')).toBe(0);
    expect(cli.err).toMatch(/note: created a new, empty store at \S+t\d+\.db/);
    expect(await cli.murmur('topics', 'list')).toBe(0);
    expect(cli.out).toContain('Brewly');
  });

  it('names a directory given as --db, and a file that is not a store', async () => {
    const dir = join(cli.dir, 'a-directory');
    mkdirSync(dir);
    expect(await run(['node', 'murmur', '--db', dir, 'topics', 'list'])).toBe(1);
    expect(cli.err).toContain(`cannot open the sqlite store at ${dir}: it is a directory, not a file: give a file path such as ${join(dir, 'murmur.db')}`);
    expect(cli.err).not.toContain('created a new');
    const junk = join(cli.dir, 'notes.txt');
    writeFileSync(junk, 'shopping list, not a database\n'.repeat(10));
    expect(await run(['node', 'murmur', '--db', junk, 'topics', 'list'])).toBe(1);
    expect(cli.err).toContain(`cannot open the sqlite store at ${junk}: file is not a database`);
  });
});

describe('lazy command loading', () => {
  it('finds the command after the global options', async () => {
    const { commandName } = await import('./main.ts');
    expect(commandName(['node', 'murmur', '--db', 'x.db', '-w', 'acme', 'import', 'f.csv'])).toBe('import');
    expect(commandName(['node', 'murmur', '--json'])).toBeUndefined();
  });

  it('lists exactly the top-level commands each module registers', async () => {
    const { commandModules } = await import('./main.ts');
    const { Command } = await import('commander');
    for (const module of commandModules) {
      const program = new Command();
      (await module.load())(program);
      expect(program.commands.map((c) => c.name()).sort()).toEqual([...module.names].sort());
    }
  });

  it('describes every command and subcommand in --help', async () => {
    const { buildProgram } = await import('./main.ts');
    const program = await buildProgram(['node', 'murmur', '--help']);
    const undescribed: string[] = [];
    const walk = (command: typeof program, path: string[]) => {
      for (const sub of command.commands) {
        const name = [...path, sub.name()];
        if (!sub.description().trim()) undescribed.push(name.join(' '));
        walk(sub, name);
      }
    };
    walk(program, []);
    expect(undescribed).toEqual([]);
  });
});

describe('loading only what a command line needs', () => {
  it('loads no command module for --version, one for a command, all for help', async () => {
    const { buildProgram } = await import('./main.ts');
    expect((await buildProgram(['node', 'murmur', '--version'])).commands).toHaveLength(0);
    expect((await buildProgram(['node', 'murmur', '--db', 'x.db', 'topics', 'list'])).commands.map((c) => c.name())).toEqual(['topics', 'search']);
    expect((await buildProgram(['node', 'murmur', '--help'])).commands.length).toBeGreaterThan(10);
  });
});
