import ExcelJS from 'exceljs';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliHarness } from '../cli-testing.ts';
import { isNotSure, wholePercent } from '../../watch/figure-definitions.ts';

const cli = cliHarness('inbox');

const rows = [
  { id: '1', text: 'Is the Brewly shop open on Sunday?', published_at: '2026-03-01T10:00:00Z', author: 'ann' },
  { id: '2', text: 'Brewly beans are nice', published_at: '2026-03-01T11:00:00Z', author: 'bo' },
];

async function seeded(): Promise<number[]> {
  const file = join(cli.dir, `in-${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n'));
  expect(await cli.murmur('import', file, '--no-enrich', '--no-progress')).toBe(0);
  expect(await cli.murmur('users', 'add', 'ann@example.com', '--role', 'editor')).toBe(0);
  expect(await cli.murmur('inbox', 'list', '--json')).toBe(0);
  return (JSON.parse(cli.out) as { items: { mention: { id: number } }[] }).items.map((i) => i.mention.id).sort((a, b) => a - b);
}

describe('murmur inbox', () => {
  it('assigns several mentions as a member, lists "mine" and shows the history', async () => {
    const ids = await seeded();
    expect(await cli.murmur('inbox', 'set', ...ids.map(String), '--state', 'in_progress', '--assign', 'ann@example.com', '--as', 'ann@example.com', '--json')).toBe(0);
    expect(JSON.parse(cli.out).items).toHaveLength(2);
    expect(await cli.murmur('inbox', 'list', '--view', 'mine', '--as', 'ann@example.com', '--json')).toBe(0);
    expect(JSON.parse(cli.out).total).toBe(2);
    expect(await cli.murmur('inbox', 'list', '--view', 'unassigned', '--json')).toBe(0);
    expect(JSON.parse(cli.out).total).toBe(0);
    expect(await cli.murmur('inbox', 'set', String(ids[0]), '--state', 'done', '--notes', 'answered')).toBe(0);
    expect(await cli.murmur('inbox', 'show', String(ids[0]), '--json')).toBe(0);
    const shown = JSON.parse(cli.out);
    expect(shown.triage).toMatchObject({ state: 'done', notes: 'answered' });
    expect(shown.history.map((e: { field: string; userId: number | null }) => [e.field, e.userId === null])).toEqual([
      ['state', false],
      ['assignee', false],
      ['state', true],
      ['notes', true],
    ]);
    expect(await cli.murmur('inbox', 'show', String(ids[0]))).toBe(0);
    expect(cli.out).toContain('command line  state: in_progress → done');
  });

  it('marks a sentiment the model is not sure of, as the dashboard does (one definition: isNotSure)', async () => {
    // Texts some of which any model reads surely and some not (romanized Hindi sits near chance):
    // which is which comes from the shipped model, so the test holds whatever it reads.
    const texts = ['I love Brewly, best coffee ever, thank you!', 'Brewly is terrible, worst service ever, never again', 'Brewly ka timing Monday se badal raha hai', 'brewly kal dekhte hai yaar', 'Brewly ok I guess?'];
    const file = join(cli.dir, `unsure-${Math.random().toString(36).slice(2)}.jsonl`);
    writeFileSync(file, texts.map((text, i) => JSON.stringify({ id: `u${i}`, text, published_at: `2026-03-02T1${i}:00:00Z`, author: `fan${i}` })).join('\n'));
    expect(await cli.murmur('import', file, '--no-progress')).toBe(0);
    expect(await cli.murmur('inbox', 'list', '--view', 'all', '--json', '--limit', '100')).toBe(0);
    const items = (JSON.parse(cli.out) as { items: { mention: { author: { handle: string }; sentiment: { label: string; probabilities: { negative: number; neutral: number; positive: number } } | null } }[] }).items.filter((i) => i.mention.author.handle.startsWith('fan'));
    expect(items).toHaveLength(texts.length);
    const unsure = items.filter((i) => isNotSure(i.mention.sentiment?.probabilities));
    expect(unsure.length).toBeGreaterThan(0);
    expect(unsure.length).toBeLessThan(items.length);
    expect(await cli.murmur('inbox', 'list', '--view', 'all', '--limit', '100')).toBe(0);
    for (const { mention: m } of items) {
      const line = cli.out.split('\n').find((l) => l.includes(`@${m.author.handle} `))!;
      expect(line).toContain(`@${m.author.handle}  ${m.sentiment!.label}${isNotSure(m.sentiment!.probabilities) ? ' (not sure)' : ''}  `);
    }
  });

  it('lists questions in needs-reply with their priority', async () => {
    await seeded();
    expect(await cli.murmur('inbox', 'list', '--view', 'needs-reply')).toBe(0);
    expect(cli.out).toContain('[4]');
    expect(cli.out).toContain('Is the Brewly shop open on Sunday?');
    expect(cli.out).toContain('1 shown of 1');
  });

  it('exports every page of a view to CSV or XLSX with the triage, and leaves no file for a view it cannot list', async () => {
    const ids = await seeded();
    expect(await cli.murmur('inbox', 'set', String(ids[0]), '--assign', 'ann@example.com', '--notes', 'call back')).toBe(0);
    const xlsx = join(cli.dir, `needs-${ids[0]}.xlsx`);
    expect(await cli.murmur('inbox', 'list', '--view', 'needs-reply', '--export', xlsx)).toBe(0);
    expect(cli.out).toBe(`exported 1 rows to ${xlsx} (xlsx)\n`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    const sheet = book.getWorksheet('Inbox')!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    expect(['text', 'state', 'assignee', 'notes', 'priority'].map((c) => sheet.getRow(2).getCell(header.indexOf(c)).value)).toEqual(['Is the Brewly shop open on Sunday?', 'new', 'ann@example.com', 'call back', 4]);

    const csv = join(cli.dir, `all-${ids[0]}.csv`);
    expect(await cli.murmur('inbox', 'list', '--export', csv)).toBe(0);
    expect(readFileSync(csv, 'utf8').split('\r\n').filter(Boolean)).toHaveLength(3);
    const mine = join(cli.dir, `mine-${ids[0]}.csv`);
    expect(await cli.murmur('inbox', 'list', '--view', 'mine', '--export', mine)).toBe(1);
    expect(cli.err).toContain('--as EMAIL');
    expect(existsSync(mine)).toBe(false);
  });

  it('names what is wrong: a bad state, a stranger, a mention that is not there', async () => {
    const ids = await seeded();
    expect(await cli.murmur('inbox', 'set', String(ids[0]), '--state', 'closed')).toBe(1);
    expect(cli.err).toContain('--state must be one of new, in_progress, done, ignored, got "closed"');
    expect(await cli.murmur('inbox', 'set', String(ids[0]), '--assign', 'nobody@example.com')).toBe(1);
    expect(cli.err).toContain('--assign: no user with email nobody@example.com');
    expect(await cli.murmur('inbox', 'set', '999', '--state', 'done')).toBe(1);
    expect(cli.err).toContain('no mention 999 in this workspace');
    expect(await cli.murmur('inbox', 'list', '--view', 'mine')).toBe(1);
    expect(cli.err).toContain('--as EMAIL');
  });

  it('corrects a sentiment by hand and exports the corrections as CSV training data', async () => {
    const ids = await seeded();
    expect(await cli.murmur('inbox', 'correct', String(ids[1]), '--sentiment', 'negative', '--as', 'ann@example.com', '--json')).toBe(0);
    expect(JSON.parse(cli.out).items[0]).toMatchObject({ mentionId: ids[1], label: 'negative', previousLabel: null });
    expect(await cli.murmur('inbox', 'correct', String(ids[1]), '--sentiment', 'angry')).toBe(1);
    expect(cli.err).toContain('--sentiment must be one of negative, neutral, positive, got "angry"');
    expect(await cli.murmur('nlp', 'corrections', 'export', '--format', 'csv')).toBe(0);
    expect(cli.out.split('\r\n').slice(0, 2)).toEqual(['text,lang,label,original_label,mention_id,corrected_at', expect.stringMatching(new RegExp(`^Brewly beans are nice,,negative,,${ids[1]},20`))]);
    const out = join(cli.dir, 'corrections.jsonl');
    expect(await cli.murmur('nlp', 'corrections', 'export', '--out', out)).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8').trim())).toMatchObject({ text: 'Brewly beans are nice', label: 'negative', original_label: null, mention_id: ids[1] });
  });

  it('tags by rule and by hand, filters the list by tag and counts per tag', async () => {
    const ids = await seeded();
    expect(await cli.murmur('inbox', 'rules', 'add', '--tag', 'sunday', '--query', 'sunday*', '--json')).toBe(0);
    expect(JSON.parse(cli.out)).toMatchObject({ rule: { tag: 'sunday' }, backfill: { matched: 1 } });
    expect(await cli.murmur('inbox', 'tag', ...ids.map(String), '--add', 'Beans')).toBe(0);
    expect(cli.out).toContain('2 tags put on, 0 taken off');
    expect(await cli.murmur('inbox', 'list', '--tag', 'sunday', '--json')).toBe(0);
    expect(JSON.parse(cli.out).items.map((i: { tags: { tag: string }[] }) => i.tags.map((t) => t.tag))).toEqual([['beans', 'sunday']]);
    // Imported without enrichment: give them a sentiment, so each tag has a not-sure share.
    expect(await cli.murmur('enrich', '--no-progress')).toBe(0);
    expect(await cli.murmur('inbox', 'tags', '--from', '2026-03-01', '--to', '2026-03-01', '--json')).toBe(0);
    const figures = JSON.parse(cli.out) as { tag: string; mentions: number; notSureShare: number | null }[];
    expect(figures.map((f) => [f.tag, f.mentions])).toEqual([['beans', 2], ['sunday', 1]]);
    // The text shows each tag's not-sure share beside its net sentiment, as the JSON has it.
    expect(await cli.murmur('inbox', 'tags', '--from', '2026-03-01', '--to', '2026-03-01')).toBe(0);
    for (const f of figures) {
      const line = cli.out.split('\n').find((l) => l.startsWith(`${f.tag} `));
      if (f.notSureShare === null) expect(line).not.toContain('not sure');
      else expect(line).toMatch(new RegExp(`net .*  ${wholePercent(f.notSureShare)} % not sure$`));
    }
    expect(figures.every((f) => f.notSureShare !== null)).toBe(true);
    expect(await cli.murmur('inbox', 'rules', 'add', '--tag', 'bad', '--query', 'sunday AND (')).toBe(1);
    expect(await cli.murmur('inbox', 'tag', String(ids[0]), '--add', 'two words')).toBe(1);
    expect(cli.err).toContain('tag "two words"');
  });
});
