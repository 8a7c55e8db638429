/**
 * `murmur conversions import FILE`: a CRM export (CSV, optionally gzipped) streamed
 * through the same reader as the mention importer. A bad row is rejected with its line
 * number and reason; the good rows are stored, idempotently by event id.
 */
import { parse } from 'csv-parse/sync';
import { readCsv, sniffDelimiter } from '../core/files/csv-reader.ts';
import { openInput } from '../core/files/input.ts';
import { ImportError } from '../core/files/errors.ts';
import { zodIssues } from '../core/validation.ts';
import type { Store } from '../store/store.ts';
import { conversionProblems, type ConversionProblem } from './conversion-problems.ts';
import { ConversionEventSchema, previewConversions, storeConversions, type ConversionEvent } from './conversions.ts';

/** Our field ← the header names CRMs use for it (compared lower-case, with spaces and dashes as '_'). */
const COLUMN_ALIASES: Record<string, string[]> = {
  eventId: ['event_id', 'id', 'record_id', 'deal_id', 'conversion_id', 'order_id'],
  stage: ['stage', 'type', 'event_type', 'lifecycle_stage', 'deal_stage'],
  occurredAt: ['occurred_at', 'event_date', 'date', 'timestamp', 'conversion_date', 'created_at', 'close_date', 'closed_at'],
  contactId: ['contact_id', 'contact', 'customer_id', 'email'],
  revenue: ['revenue', 'amount', 'value', 'deal_amount', 'order_total'],
  currency: ['currency', 'currency_code'],
  utmSource: ['utm_source'],
  utmMedium: ['utm_medium'],
  utmCampaign: ['utm_campaign'],
  utmContent: ['utm_content'],
  landingUrl: ['landing_url', 'landing_page', 'first_page_seen', 'url'],
  touchpoints: ['touchpoints', 'touches', 'campaign_path'],
};

function headerKey(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** '1 234,50 €' → 1234.5; '$1,234.50' → 1234.5; '' → undefined (the schema's default). */
export function parseAmount(text: string): number | string | undefined {
  let s = text.replace(/[\s\u00a0]|[^\d.,-]/g, '');
  if (s === '') return text.trim() === '' ? undefined : text;
  if (s.includes(',') && s.includes('.')) s = s.lastIndexOf(',') > s.lastIndexOf('.') ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  else if (/,\d{1,2}$/.test(s)) s = s.replace(',', '.');
  else s = s.replace(/,/g, '');
  const n = Number(s);
  return Number.isFinite(n) ? n : text;
}

/** CRM date formats: ISO, or 'YYYY-MM-DD HH:MM[:SS]' taken as UTC. */
export function parseCrmDate(text: string): string | number {
  const t = text.trim();
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/.exec(t);
  if (m) return Date.parse(`${m[1]}T${m[2]}Z`);
  return t;
}

/** The header name a field is read from: its first alias the file has. */
const aliasIn = (field: string, has: (key: string) => boolean) => COLUMN_ALIASES[field]!.find(has);

/** Which of our fields each column of the header feeds (null: the column is not read). */
export interface CrmColumn {
  column: string;
  field: string | null;
}

export function columnMapping(header: string[]): CrmColumn[] {
  const keys = header.map(headerKey);
  const fieldAt = new Map<number, string>();
  for (const field of Object.keys(COLUMN_ALIASES)) {
    const alias = aliasIn(field, (a) => keys.includes(a));
    // A repeated header name: the row keeps the last column of that name, so does the mapping.
    if (alias !== undefined) fieldAt.set(keys.lastIndexOf(alias), field);
  }
  return header.map((column, i) => ({ column, field: fieldAt.get(i) ?? null }));
}

export function mapCrmRow(record: Record<string, string>): Record<string, unknown> {
  const byKey = new Map(Object.entries(record).map(([k, v]) => [headerKey(k), v]));
  const out: Record<string, unknown> = {};
  for (const field of Object.keys(COLUMN_ALIASES)) {
    const alias = aliasIn(field, (a) => byKey.has(a));
    if (alias === undefined) continue;
    const value = byKey.get(alias)!;
    if (field === 'revenue') out[field] = parseAmount(value);
    else if (field === 'occurredAt') out[field] = parseCrmDate(value);
    else if (field === 'touchpoints') out[field] = value.split(/[|>;]/).map((s) => s.trim()).filter(Boolean);
    else if (field === 'currency') out[field] = value.trim() === '' ? undefined : value.trim().toUpperCase();
    else out[field] = value;
  }
  return out;
}

export interface CrmImportReject {
  line: number;
  /** In English, every problem of the row. */
  reason: string;
  /** The same problems as stable codes, in order (conversion-problems.ts). */
  problems: ConversionProblem[];
}

export interface CrmImportResult {
  /** True for a preview: the counts say what an import would do; nothing was stored. */
  dryRun: boolean;
  /** Each column of the file's header and the field it feeds. */
  mapping: CrmColumn[];
  rows: number;
  /** Stored (or, in a preview, would be stored). */
  inserted: number;
  duplicates: number;
  /** The first MAX_REJECTS_KEPT rejected rows; `rejectedCount` counts them all. */
  rejected: CrmImportReject[];
  rejectedCount: number;
}

const MAX_REJECTS_KEPT = 1000;
function reject(result: CrmImportResult, line: number, reason: string, problems: ConversionProblem[]): void {
  result.rejectedCount++;
  if (result.rejected.length < MAX_REJECTS_KEPT) result.rejected.push({ line, reason, problems });
}

const REQUIRED_FIELDS = ['eventId', 'stage', 'occurredAt'] as const;

/**
 * The header, read from the first bytes; fails before any row is read when it lacks a
 * required column.
 */
function checkHeader(path: string, head: Buffer): string[] {
  const text = head.toString('utf8', 0, 64 * 1024).replace(/^\ufeff/, '');
  // Old Mac exports end lines with a lone CR.
  const firstLine = text.split(/\r\n|\n|\r/, 1)[0] ?? '';
  if (firstLine.trim() === '') throw new ImportError(`${path}: empty file, expected a CSV header`);
  let header: string[];
  try {
    [header = []] = parse(firstLine, { delimiter: sniffDelimiter(firstLine), relax_quotes: true, relax_column_count: true }) as string[][];
  } catch (error) {
    throw new ImportError(`${path}: line 1: the header is not valid CSV (${(error as Error).message.replace(/ at line \d+$/, '')})`);
  }
  const keys = new Set(header.map(headerKey));
  const missing = REQUIRED_FIELDS.filter((f) => !COLUMN_ALIASES[f]!.some((a) => keys.has(a)));
  if (missing.length > 0)
    throw new ImportError(`${path}: no column for ${missing.join(', ')} (accepted headers: ${missing.map((f) => COLUMN_ALIASES[f]!.join('/')).join('; ')})`);
  return header;
}

/**
 * Imports a CRM CSV from `path` ('-' for stdin). `onProgress` gets the rows read so far.
 * `dryRun` reads and checks every row the same way and stores nothing: the preview.
 */
export async function importConversionsCsv(
  store: Store,
  workspaceId: number,
  path: string,
  options: { now?: number; dryRun?: boolean; onProgress?: (rows: number, bytesRead: number, totalBytes: number | null) => void } = {},
): Promise<CrmImportResult> {
  const input = await openInput(path);
  const mapping = columnMapping(checkHeader(path, input.head));
  const dryRun = options.dryRun ?? false;
  const result: CrmImportResult = { dryRun, mapping, rows: 0, inserted: 0, duplicates: 0, rejected: [], rejectedCount: 0 };
  const seen = new Set<string>();
  for await (const rows of readCsv(input.chunks, input.head)) {
    const events: ConversionEvent[] = [];
    for (const row of rows) {
      result.rows++;
      if (row.problem !== undefined) {
        reject(result, row.line, row.problem, [{ code: row.problemCode ?? 'broken_csv', field: null }]);
        continue;
      }
      const record = row.value as Record<string, string>;
      const parsed = ConversionEventSchema.safeParse(mapCrmRow(record));
      if (parsed.success) events.push(parsed.data);
      else reject(result, row.line, zodIssues(parsed.error).join('; '), conversionProblems(parsed.error));
    }
    const stored = dryRun ? await previewConversions(store, workspaceId, events, seen) : await storeConversions(store, workspaceId, events, 'csv', options.now);
    result.inserted += stored.inserted;
    result.duplicates += stored.duplicates;
    options.onProgress?.(result.rows, input.bytesRead(), input.totalBytes);
  }
  return result;
}
