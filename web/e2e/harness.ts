/**
 * What the browser tests stand on: a built web app, a real `murmur serve` over a fresh
 * demo store on a free loopback port, and Debian's Chromium driven by playwright-core.
 * Everything started here is stopped by the returned `stop()` functions.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { MURMUR_FROM_SOURCE } from '../../src/cli/source-entry.ts';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const WEB = join(REPO, 'web');
/** node's arguments that run `murmur` from the sources under test. */
export const MURMUR = MURMUR_FROM_SOURCE;
export const CHROMIUM = process.env.MURMUR_CHROMIUM ?? '/usr/bin/chromium';
/** Where browser tests write their screenshots. */
export const SHOTS = join(REPO, 'test-results/e2e');
/** How long one step may wait, and one test: budgets that hold on two cores at a load average of 15. */
export const STEP_MS = 60_000;
export const TEST_MS = 300_000;

/** Newest modification time of the files a web build is made from. */
function newestSource(): number {
  let newest = 0;
  const visit = (path: string) => {
    const stat = statSync(path);
    if (stat.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
    else if (!/\.test\.tsx?$/.test(path)) newest = Math.max(newest, stat.mtimeMs);
  };
  for (const path of ['src', 'index.html', 'vite.config.ts']) visit(join(WEB, path));
  // The app imports domain types and the API's schemas from src/; a change there can change the build.
  visit(join(REPO, 'src'));
  return newest;
}

/**
 * Builds web/dist when it is missing or older than its sources (a fresh clone has none).
 * As a production build: vitest sets NODE_ENV=test, which would give React's development
 * build (StrictMode's doubled effects and requests), not what `murmur serve` ships.
 */
export function ensureWebBuilt(): void {
  const index = join(WEB, 'dist/index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestSource()) return;
  const result = spawnSync(process.execPath, [join(REPO, 'node_modules/vite/bin/vite.js'), 'build', WEB, '--logLevel', 'warn'], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`web build failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningServer {
  url: string;
  db: string;
  stop(): Promise<void>;
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`murmur serve exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`murmur serve was not ready within ${timeoutMs} ms:\n${output()}`);
}

/** `murmur serve` on a free loopback port over `db`; `stop()` ends it and waits for its exit. */
export async function startServer(db: string): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [...MURMUR, '--db', db, 'serve', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: REPO,
    env: { ...process.env, LOG_LEVEL: 'warn', MURMUR_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitUntilReady(url, child, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, db, stop };
}

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Debian's Chromium, headless, with a fresh profile and no calls home. */
export async function launchBrowser(profileDir: string): Promise<BrowserContext> {
  // Playwright owns --user-data-dir: a persistent context is how it takes a profile.
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
    timezoneId: 'UTC',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/**
 * Connector secrets are sealed with MURMUR_SECRET_KEY, by the CLI and by the server alike:
 * sets one when the environment has none, and returns what puts the environment back.
 */
export function useSecretKey(): () => void {
  const saved = process.env.MURMUR_SECRET_KEY;
  process.env.MURMUR_SECRET_KEY ??= randomBytes(32).toString('base64');
  return () => {
    if (saved === undefined) delete process.env.MURMUR_SECRET_KEY;
    else process.env.MURMUR_SECRET_KEY = saved;
  };
}
