/**
 * The one entry point for reports, used by the CLI and the HTTP API:
 * renderReport(store, ws, { kind, date, topic, lang, format, timeZone }).
 */
import type { Store } from '../store/store.ts';
import { buildReport, type ReportOptions } from './build.ts';
import type { ReportDocument } from './document.ts';
import { reportHtml } from './html.ts';
import { reportMarkdown } from './markdown.ts';
import { htmlToPdf } from './pdf.ts';

export { REPORT_FORMATS, type ReportFormat } from './document.ts';
import type { ReportFormat } from './document.ts';

export interface RenderedReport {
  document: ReportDocument;
  format: ReportFormat;
  contentType: string;
  /** A file name such as `murmur-daily-brewly-2026-10-03.pdf`. */
  filename: string;
  body: string | Buffer;
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json',
};

export async function renderReport(store: Store, workspaceId: number, options: ReportOptions & { format?: ReportFormat }): Promise<RenderedReport> {
  const format = options.format ?? 'html';
  const document = await buildReport(store, workspaceId, options);
  let body: string | Buffer;
  if (format === 'md') body = await reportMarkdown(document);
  else if (format === 'json') body = JSON.stringify(document, (key, value) => (key === 'option' ? undefined : value), 2);
  else {
    const html = await reportHtml(document);
    body = format === 'pdf' ? await htmlToPdf(html) : html;
  }
  const slug = document.subtitle.split(' · ')[0]!.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-');
  const day = options.date ?? 'latest';
  return { document, format, contentType: CONTENT_TYPES[format], filename: `murmur-${options.kind}-${slug}-${day}.${format}`, body };
}
