/**
 * The set-up of the browser tests that reply: a demo store with a Mastodon publishing account
 * on a local replay of the instance, a real `murmur serve` over it and Chromium.
 * `close()` stops everything it started.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { MastodonReplay } from '../../src/listen/connectors/mastodon/mastodon-replay.ts';
import { ensureWebBuilt, launchBrowser, type RunningServer, SHOTS, startServer, STEP_MS, tempDir } from './harness.ts';
import { addMastodonSource, createDemoStore } from './seed.ts';

export interface DemoWithMastodon {
  dir: string;
  mastodon: MastodonReplay;
  server: RunningServer;
  page: Page;
  close(): Promise<void>;
}

/** `prepare` runs on the store before the server starts (the CLI and the server share it). */
export async function demoWithMastodon(prefix: string, scale: number, prepare: (db: string, mastodon: MastodonReplay) => void = () => {}): Promise<DemoWithMastodon> {
  mkdirSync(SHOTS, { recursive: true });
  ensureWebBuilt();
  const dir = tempDir(prefix);
  let mastodon: MastodonReplay | undefined;
  let server: RunningServer | undefined;
  let browser: BrowserContext | undefined;
  const close = async () => {
    await browser?.close();
    await server?.stop();
    await mastodon?.close();
    dir.remove();
  };
  try {
    const db = join(dir.path, 'murmur.db');
    createDemoStore(db, scale);
    mastodon = await MastodonReplay.start();
    addMastodonSource(db, mastodon.url);
    prepare(db, mastodon);
    server = await startServer(db);
    browser = await launchBrowser(join(dir.path, 'profile'));
    browser.setDefaultTimeout(STEP_MS);
    const page = await browser.newPage();
    return { dir: dir.path, mastodon, server, page, close };
  } catch (error) {
    await close();
    throw error;
  }
}
