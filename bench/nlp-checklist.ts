/**
 * The sentiment checklist (src/nlp/checklist/, CheckList-style minimal pairs) as a table:
 * pass rate per capability (rows) and language (columns). Printed by `npm run bench:nlp`
 * and `npm run bench:nlp-adapt`.
 */
import { acceptanceFailures, loadAcceptance } from '../src/nlp/acceptance.ts';
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
  return `\nSentiment checklist (src/nlp/checklist/: minimal pairs per capability; cases passed / cases)\n\n${markdownTable(header, rows)}\n${acceptanceTable(analyzer)}`;
}

/** The product acceptance cases (sentences the demo shows, which a new model must read right), one row each. */
function acceptanceTable(analyzer: SentimentReader): string {
  const cases = loadAcceptance();
  const wrong = new Map(acceptanceFailures(cases, (text, lang) => analyzer.analyze(text, lang).label).map((f) => [f.id, f.got]));
  const rows = cases.map((c) => [c.id, c.lang, c.expected, wrong.get(c.id) ?? c.expected, wrong.has(c.id) ? 'FAIL' : 'pass']);
  return `\nSentiment acceptance cases (src/nlp/checklist/acceptance/: sentences the demo shows; a new model may not misread one the shipped model reads right)\n\n${markdownTable(['case', 'lang', 'expected', 'read', ''], rows)}`;
}

/** A Markdown table, the first column left-aligned and the others right-aligned. */
export function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [line(header), `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.map(line)].join('\n');
}
