/**
 * A signed-in dashboard over a fresh demo store: the set-up the browser tests of the
 * editing forms share. `close()` stops everything it started.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ensureWebBuilt, launchBrowser, type RunningServer, SHOTS, startServer, STEP_MS, tempDir, TEST_MS } from './harness.ts';
import { createDemoStore, DEMO_USER } from './seed.ts';


export interface SignedIn {
  server: RunningServer;
  page: Page;
  /** A folder for the test's own files, removed by close(). */
  dir: string;
  /** Waits until no part of the page is loading. */
  settled(): Promise<void>;
  shot(name: string): Promise<void>;
  /**
   * What sticks out of a phone's screen (390 px): the innermost elements whose right edge
   * passes it, each with that edge, so a failure names the culprit. Empty: the page fits.
   */
  phoneOverflow(): Promise<string[]>;
  close(): Promise<void>;
}

export async function signedInDashboard(prefix: string, firstPath: string, heading: string): Promise<SignedIn> {
  mkdirSync(SHOTS, { recursive: true });
  ensureWebBuilt();
  const dir = tempDir(prefix);
  let server: RunningServer | undefined;
  let browser: BrowserContext | undefined;
  const close = async () => {
    await browser?.close();
    await server?.stop();
    dir.remove();
  };
  try {
    const db = join(dir.path, 'murmur.db');
    createDemoStore(db, 0.1);
    server = await startServer(db);
    browser = await launchBrowser(join(dir.path, 'profile'));
    browser.setDefaultTimeout(STEP_MS);
    const page = await browser.newPage();
    await page.goto(`${server.url}${firstPath}`);
    await page.getByLabel('Email').fill(DEMO_USER.email);
    await page.getByLabel('Password').fill(DEMO_USER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    const settled = () => page.waitForFunction(() => !document.querySelector('.state-loading, [aria-busy="true"]'), undefined, { timeout: STEP_MS }).then(() => undefined);
    const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true }).then(() => undefined);
    const phoneOverflow = async () => {
      const size = page.viewportSize();
      await page.setViewportSize({ width: 390, height: 844 });
      try {
        // Charts and other resize handlers redraw on the next frames, not at once.
        await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50)))));
        return await page.evaluate(() => {
          const width = document.documentElement.clientWidth;
          if (document.documentElement.scrollWidth <= width) return [];
          const sticksOut = (e: Element) => e.getBoundingClientRect().right > width + 0.5;
          // Only elements inside no scrolling box: a table in an overflow-x wrapper may be wide.
          const scrolls = (e: Element) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX);
          const visible = (e: Element) => !e.closest('.table-wrap, pre') && !scrolls(e);
          const culprits = [...document.body.querySelectorAll('*')].filter((e) => sticksOut(e) && visible(e) && ![...e.children].some(sticksOut));
          if (culprits.length === 0) return [`the page is ${document.documentElement.scrollWidth - width} px wider than the screen`];
          return culprits
            .slice(0, 5)
            .map((e) => `${e.tagName.toLowerCase()}${e.className ? `.${String(e.className).split(' ').join('.')}` : ''} "${(e.textContent ?? '').slice(0, 40)}" right edge ${Math.round(e.getBoundingClientRect().right)} px`);
        });
      } finally {
        if (size) await page.setViewportSize(size);
      }
    };
    return { server, page, dir: dir.path, settled, shot, phoneOverflow, close };
  } catch (error) {
    await close();
    throw error;
  }
}
