/**
 * Test support for CLI commands: runs `murmur … --db <fresh file>` in-process and
 * captures what it prints.
 *
 *   const cli = cliHarness('topics');
 *   expect(await cli.murmur('topics', 'list', '--json')).toBe(0);
 *   JSON.parse(cli.out);
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, expect, vi } from 'vitest';
import { run } from './main.ts';

export interface CliHarness {
  /** A temp directory removed after the suite. */
  readonly dir: string;
  /** Runs the CLI against this test's store; returns the exit code. */
  murmur(...args: string[]): Promise<number>;
  /** What the last `murmur` call wrote to stdout / stderr. */
  readonly out: string;
  readonly err: string;
}

/** Call at the top of a test file: each test gets a fresh SQLite store. */
export function cliHarness(name: string): CliHarness {
  const dir = mkdtempSync(join(tmpdir(), `murmur-${name}-cli-`));
  let counter = 0;
  let db = '';
  let out = '';
  let err = '';
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => {
    db = join(dir, `t${counter++}.db`);
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });
  return {
    dir,
    // Colour codes stripped: CI sets CI=true, which turns picocolors on even without a terminal.
    get out() {
      return stripAnsi(out);
    },
    get err() {
      return stripAnsi(err);
    },
    async murmur(...args: string[]) {
      out = '';
      err = '';
      process.exitCode = undefined;
      return run(['node', 'murmur', '--db', db, ...args]);
    },
  };
}

/** Runs the CLI in-process and returns its exit code and what it printed. */
export async function runMurmur(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  try {
    const code = await run(['node', 'murmur', ...args]);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

/** What a CLI run that must succeed printed (its stderr names the failure otherwise). */
export async function murmurOutput(...args: string[]): Promise<string> {
  const result = await runMurmur(...args);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

const stripAnsi = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');
