/**
 * A report document as one self-contained HTML page: inline CSS, charts as inline SVG,
 * print rules for A4 so the PDF is the same page.
 */
import type { Block, PostCard, ReportDocument } from './document.ts';
import { wordsFor, type ReportLang } from '../core/i18n.ts';

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

const CSS = `
*{box-sizing:border-box}
body{margin:0;background:#f4f6f8;color:#1f2a36;font:14px/1.5 Inter,"Helvetica Neue",Arial,"Noto Sans",sans-serif}
.page{max-width:860px;margin:0 auto;background:#fff;padding:0 0 32px}
header{background:linear-gradient(120deg,#1d3f63,#2f5d8a);color:#fff;padding:28px 40px 22px}
header .brand{font-size:12px;letter-spacing:.12em;text-transform:uppercase;opacity:.75}
header h1{margin:6px 0 4px;font-size:26px;font-weight:650}
header .sub{opacity:.9}
.metrics{display:flex;gap:12px;flex-wrap:wrap;margin:0}
.metric{flex:1 1 120px;background:#f6f8fa;border-radius:10px;padding:10px 14px;border:1px solid #e6eaee}
.metric .label{font-size:11px;text-transform:uppercase;letter-spacing:.06em;color:#5b6876}
.metric .value{font-size:22px;font-weight:650;color:#1f2a36}
.metric .note{font-size:12px;color:#5b6876}
.metric.alert .value{color:#c0392b}.metric.good .value{color:#2e7d4f}
.headline{padding:20px 40px 4px}
.checklist{margin:16px 40px 8px;border:1px solid #e6eaee;border-radius:10px;padding:12px 18px}
.checklist h2{font-size:13px;text-transform:uppercase;letter-spacing:.08em;color:#5b6876;margin:0 0 6px}
.checklist ol{margin:0;padding-left:20px}.checklist li{margin:3px 0}
.chip{display:inline-block;font-size:11px;font-weight:600;border-radius:20px;padding:1px 9px;margin-left:8px;vertical-align:1px}
.chip.ok{background:#e3f3e9;color:#2e7d4f}.chip.attention{background:#fde8e4;color:#b03a2e}
section{padding:10px 40px 6px;break-inside:auto}
section h2{font-size:18px;margin:18px 0 8px;padding-bottom:6px;border-bottom:2px solid #eef1f4}
section h2 .num{color:#2f5d8a;margin-right:8px}
h3{font-size:14px;margin:14px 0 6px;color:#33404d}
p{margin:6px 0}
p.alert{background:#fdf1ef;border-left:4px solid #c0392b;padding:8px 12px;border-radius:4px;font-weight:550}
p.good{background:#eef8f1;border-left:4px solid #2e7d4f;padding:8px 12px;border-radius:4px}
table{width:100%;border-collapse:collapse;margin:8px 0 12px;font-size:13px;break-inside:avoid}
th{text-align:left;font-size:11px;text-transform:uppercase;letter-spacing:.05em;color:#5b6876;border-bottom:1px solid #d9dfe5;padding:6px 8px}
td{border-bottom:1px solid #eef1f4;padding:6px 8px;vertical-align:top}
.r{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:8px 0 12px;break-inside:avoid}
figcaption{font-size:12px;color:#5b6876;margin-bottom:2px}
figure svg{max-width:100%;height:auto}
.posts{display:grid;gap:8px;margin:8px 0 12px}
.post{border:1px solid #e6eaee;border-left:4px solid #9aa5b1;border-radius:6px;padding:8px 12px;break-inside:avoid}
.post.negative{border-left-color:#c0392b}.post.positive{border-left-color:#2e7d4f}
.post .meta{font-size:12px;color:#5b6876}.post .meta b{color:#1f2a36}
.post .text{margin:4px 0;white-space:pre-wrap;overflow-wrap:anywhere}
.post a{color:#2f5d8a;text-decoration:none}
footer{padding:16px 40px 0;font-size:11px;color:#8a96a3}
@page{size:A4;margin:12mm 0}
@media print{body{background:#fff}.page{max-width:none}header{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`;

function postHtml(p: PostCard): string {
  const link = p.url ? ` · <a href="${escape(p.url)}">${escape(new URL(p.url).hostname)}</a>` : '';
  return `<div class="post ${p.sentiment ?? ''}"><div class="meta"><b>${escape(p.author)}</b> · ${escape(p.source)} · ${escape(p.when)}${link}</div><div class="text">${escape(p.text)}</div><div class="meta">${escape(p.engagement)}</div></div>`;
}

function metricsHtml(block: Extract<Block, { type: 'metrics' }>): string {
  return `<div class="metrics">${block.items
    .map((m) => `<div class="metric ${m.tone ?? ''}"><div class="label">${escape(m.label)}</div><div class="value">${escape(m.value)}</div>${m.note ? `<div class="note">${escape(m.note)}</div>` : ''}</div>`)
    .join('')}</div>`;
}

type ChartRenderer = (typeof import('./chart-svg.ts'))['renderChartSvg'];

function blockHtml(block: Block, renderChartSvg: ChartRenderer): string {
  switch (block.type) {
    case 'paragraph':
      return `<p class="${block.tone ?? ''}">${escape(block.text)}</p>`;
    case 'heading':
      return `<h3>${escape(block.text)}</h3>`;
    case 'metrics':
      return metricsHtml(block);
    case 'posts':
      return `<div class="posts">${block.posts.map(postHtml).join('')}</div>`;
    case 'chart':
      return `<figure><figcaption>${escape(block.title)}</figcaption>${renderChartSvg(block.option, 780, block.height ?? 250)}</figure>`;
    case 'table': {
      const cls = (i: number) => (block.align?.[i] === 'right' ? ' class="r"' : '');
      const head = block.columns.map((c, i) => `<th${cls(i)}>${escape(c)}</th>`).join('');
      const rows = block.rows.map((r) => `<tr>${r.map((v, i) => `<td${cls(i)}>${escape(v)}</td>`).join('')}</tr>`).join('');
      return `<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
    }
  }
}

export async function reportHtml(doc: ReportDocument): Promise<string> {
  const words = await wordsFor(doc.lang as ReportLang);
  // Loaded here, not at start-up: echarts is the heaviest package the server would load.
  const { renderChartSvg } = await import('./chart-svg.ts');
  const checklist = doc.sections
    .map((s) => `<li>${escape(s.title)}<span class="chip ${s.status}">${escape(words.t(`status.${s.status}`))}</span></li>`)
    .join('');
  const sections = doc.sections
    .map((s, i) => `<section id="${s.id}"><h2><span class="num">${i + 1}.</span>${escape(s.title)}</h2>${s.blocks.map((b) => blockHtml(b, renderChartSvg)).join('\n')}</section>`)
    .join('\n');
  return `<!doctype html>
<html lang="${escape(doc.lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(doc.title)} — ${escape(doc.subtitle)}</title><style>${CSS}</style></head>
<body><div class="page">
<header><div class="brand">Murmur</div><h1>${escape(doc.title)}</h1><div class="sub">${escape(doc.subtitle)}</div></header>
<div class="headline">${metricsHtml(doc.headline)}</div>
<div class="checklist"><h2>${escape(words.t('checklist'))}</h2><ol>${checklist}</ol></div>
${sections}
<footer>${escape(doc.generated)}</footer>
</div></body></html>
`;
}
