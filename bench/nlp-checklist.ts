/**
 * The sentiment checklist (src/nlp/checklist/, CheckList-style minimal pairs) as a table:
 * pass rate per capability (rows) and language (columns). Printed by `npm run bench:nlp`
 * and `npm run bench:nlp-adapt`.
 */
import { CAPABILITIES, checklistPassRates, loadChecklist } from '../src/nlp/checklist.ts';
import type { SentimentReader } from '../src/nlp/adapter.ts';

export function checklistTable(analyzer: SentimentReader): string {
  const rates = checklistPassRates(loadChecklist(), (text, lang) => analyzer.analyze(text, lang).label);
  const langs = [...new Set(rates.map((r) => r.lang))].sort();
  const cell = (passed: number, cases: number) => (cases === 0 ? '' : `${passed}/${cases}`);
  const header = ['capability', ...langs, 'all'];
  const rows = CAPABILITIES.map((capability) => {
    const own = rates.filter((r) => r.capability === capability);
    const sum = (xs: typeof own) => [xs.reduce((s, r) => s + r.passed, 0), xs.reduce((s, r) => s + r.cases, 0)] as const;
    return [capability, ...langs.map((lang) => cell(...sum(own.filter((r) => r.lang === lang)))), cell(...sum(own))];
  });
  const total = (xs: typeof rates) => cell(xs.reduce((s, r) => s + r.passed, 0), xs.reduce((s, r) => s + r.cases, 0));
  rows.push(['all', ...langs.map((lang) => total(rates.filter((r) => r.lang === lang))), total(rates)]);
  return `\nSentiment checklist (src/nlp/checklist/: minimal pairs per capability; cases passed / cases)\n\n${markdownTable(header, rows)}`;
}

/** A Markdown table, the first column left-aligned and the others right-aligned. */
export function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [line(header), `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.map(line)].join('\n');
}
