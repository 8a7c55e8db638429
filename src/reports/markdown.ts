/** A report document as Markdown (charts become a line of their caption; the data is in the tables). */
import type { Block, ReportDocument } from './document.ts';
import { wordsFor, type ReportLang } from '../core/i18n.ts';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function blockMd(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return block.tone === 'alert' ? `> **${block.text}**` : block.text;
    case 'heading':
      return `### ${block.text}`;
    case 'metrics':
      return block.items.map((m) => `- **${m.label}**: ${m.value}${m.note ? ` (${m.note})` : ''}`).join('\n');
    case 'posts':
      return block.posts
        .map((p) => `> **${p.author}** · ${p.source} · ${p.when}${p.url ? ` · <${p.url}>` : ''}  \n> ${p.text.replace(/\n/g, ' ')}  \n> ${p.engagement}`)
        .join('\n\n');
    case 'chart':
      return `_${block.title}_`;
    case 'table': {
      const align = block.columns.map((_, i) => (block.align?.[i] === 'right' ? '---:' : '---'));
      return [`| ${block.columns.map(cell).join(' | ')} |`, `| ${align.join(' | ')} |`, ...block.rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
    }
  }
}

export async function reportMarkdown(doc: ReportDocument): Promise<string> {
  const words = await wordsFor(doc.lang as ReportLang);
  const lines = [`# ${doc.title}`, '', `_${doc.subtitle}_`, '', blockMd(doc.headline), '', `## ${words.t('checklist')}`, ''];
  doc.sections.forEach((s, i) => lines.push(`${i + 1}. ${s.status === 'ok' ? '✅' : '⚠️'} ${s.title}`));
  doc.sections.forEach((s, i) => {
    lines.push('', `## ${i + 1}. ${s.title}`, '');
    for (const b of s.blocks) lines.push(blockMd(b), '');
  });
  lines.push('---', `_${doc.generated}_`, '');
  return lines.join('\n');
}
