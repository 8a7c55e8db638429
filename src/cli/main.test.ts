import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliHarness } from './cli-testing.ts';
import type { Command } from 'commander';
import { run } from './main.ts';
import { SUMMARY } from './summaries.ts';

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
    const { buildProgram, commandModules } = await import('./main.ts');
    const undescribed: string[] = [];
    const walk = (command: Command, path: string[]) => {
      for (const sub of command.commands) {
        const name = [...path, sub.name()];
        if (!sub.description().trim()) undescribed.push(name.join(' '));
        walk(sub, name);
      }
    };
    // Each module as its own command line loads it, then the help of no command.
    for (const module of commandModules) walk(await buildProgram(['node', 'murmur', module.names[0]!, '--help']), []);
    walk(await buildProgram(['node', 'murmur', '--help']), []);
    expect(undescribed).toEqual([]);
  });
});

describe('loading only what a command line needs', () => {
  it('loads the module of the command being run, and lists the others by summary alone', async () => {
    const { buildProgram } = await import('./main.ts');
    const subcommands = (program: Command) => Object.fromEntries(program.commands.map((c) => [c.name(), c.commands.length]));
    const all = Object.keys(SUMMARY).sort();
    for (const argv of [['--version'], ['--help'], ['help'], ['frobnicate']]) {
      const program = await buildProgram(['node', 'murmur', ...argv]);
      expect(program.commands.map((c) => c.name()).sort()).toEqual(all);
      expect(Object.values(subcommands(program)).every((n) => n === 0)).toBe(true);
    }
    const topics = subcommands(await buildProgram(['node', 'murmur', '--db', 'x.db', 'topics', 'list']));
    expect(topics.topics).toBeGreaterThan(3);
    expect(topics.plan).toBe(0);
    expect(subcommands(await buildProgram(['node', 'murmur', 'help', 'plan'])).plan).toBeGreaterThan(3);
  });

  it('prints the top-level help from the summaries', async () => {
    expect(await cli.murmur('--help')).toBe(0);
    for (const [name, summary] of Object.entries(SUMMARY)) {
      // Commander wraps long lines: the start of each summary stands beside its name.
      expect(cli.out).toMatch(new RegExp(`\\n  ${name}\\b.*${summary.slice(0, 20).replace(/[^\\w ]/g, '.')}`));
    }
  });
});
