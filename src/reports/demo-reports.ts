/** The demo's four checklist reports, written as HTML next to the demo store (`murmur demo`). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../store/store.ts';
import { REPORT_KINDS } from './document.ts';
import { renderReport } from './render.ts';

export interface DemoReportsRequest {
  store: Store;
  workspaceId: number;
  /** The day the reports are about (the demo's crisis day). */
  date: string;
  topicId: number;
  timeZone: string;
}

/** Writes one report of each kind into `dir`; returns the files written. */
export async function writeDemoReports(dir: string, { store, workspaceId, date, topicId, timeZone }: DemoReportsRequest): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (const kind of REPORT_KINDS) {
    const report = await renderReport(store, workspaceId, { kind, date, topic: topicId, timeZone, format: 'html', lang: 'en' });
    const file = join(dir, report.filename);
    writeFileSync(file, report.body);
    files.push(file);
  }
  return files;
}
