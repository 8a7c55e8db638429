/** HTML to PDF (and PNG, to look at a report) through headless Chromium driven by playwright-core. */
import type { Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.MURMUR_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];

export class PdfError extends Error {
  override name = 'PdfError';
}

async function withPage<T>(html: string, fn: (page: Awaited<ReturnType<Browser['newPage']>>) => Promise<T>): Promise<T> {
  // Loaded on the first PDF, not at start-up (≈0.5 s): most processes render none.
  const { chromium } = await import('playwright-core');
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS });
  } catch (error) {
    throw new PdfError(`cannot start Chromium at ${CHROMIUM_PATH} (set MURMUR_CHROMIUM): ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
  try {
    const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
    // The report is self-contained: nothing to fetch, so block the network entirely.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return await fn(page);
  } finally {
    await browser.close();
  }
}

export function htmlToPdf(html: string): Promise<Buffer> {
  return withPage(html, (page) => page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
}

export function htmlToPng(html: string): Promise<Buffer> {
  return withPage(html, (page) => page.screenshot({ fullPage: true, type: 'png' }));
}
