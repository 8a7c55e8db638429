/**
 * Issue #18's "Done means" through the command line, on a demo store (`murmur demo`, as a
 * user makes one) and a local replay of a Mastodon instance: list "needs a reply", assign
 * three mentions, correct a wrong sentiment and see the day's net sentiment change (the
 * overview's figure: `murmur baseline`), tag a batch, reply to a Mastodon mention (threaded,
 * stored, not sent twice) and export the list as XLSX, read back with exceljs. Every step is
 * the real `murmur` entry (src/cli/main.ts), on both stores.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { run } from '../cli/main.ts';
import { describeEachStore } from '../store/testing.ts';
import { DONE_MEANS_MS, doneMeansWorld, knownToInstance, type WalkedItem as InboxItem } from './done-means-testing.ts';

const ANN = 'ann@example.com';
const world = doneMeansWorld('murmur-done-means-cli-');
beforeEach(() => {
  vi.stubEnv('MURMUR_TZ', 'UTC');
});
afterEach(() => {
  vi.unstubAllEnvs();
});

/** `murmur --db <store> …` in-process: its exit code and what it printed. */
async function murmur(db: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  try {
    process.exitCode = undefined;
    const code = await run(['node', 'murmur', '--db', db, ...args]);
    return { code, out, err };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    process.exitCode = undefined;
  }
}

/** Runs a command that must succeed with --json and returns what it printed, parsed. */
async function json<T>(db: string, ...args: string[]): Promise<T> {
  const result = await murmur(db, ...args, '--json');
  expect(result.code, `murmur ${args.join(' ')}: ${result.err}`).toBe(0);
  return JSON.parse(result.out) as T;
}

describeEachStore('issue #18 done means, through the CLI', (_open, freshLocation) => {
  it('triages, corrects, tags, replies and exports with the murmur command', { timeout: DONE_MEANS_MS }, async () => {
    const db = await freshLocation();
    await json(db, 'demo', '--scale', '0.02', '--out', world.path('reports'));
    expect((await murmur(db, 'users', 'add', ANN, '--role', 'editor', '--name', 'Ann')).code).toBe(0);

    // "Needs a reply", highest priority first, with the view's exact total.
    const needs = await json<{ total: number; items: InboxItem[] }>(db, 'inbox', 'list', '--view', 'needs-reply', '--limit', '50');
    expect(needs.total).toBeGreaterThan(needs.items.length);
    const priorities = needs.items.map((i) => i.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));

    // Assign three: they are Ann's, and no longer unassigned.
    const three = needs.items.slice(0, 3).map((i) => String(i.mention.id));
    const unassignedBefore = (await json<{ total: number }>(db, 'inbox', 'list', '--view', 'unassigned')).total;
    await json(db, 'inbox', 'set', ...three, '--assign', ANN, '--state', 'in_progress', '--as', ANN);
    const mine = await json<{ total: number; items: InboxItem[] }>(db, 'inbox', 'list', '--view', 'mine', '--as', ANN);
    expect(mine.total).toBe(3);
    expect(mine.items.map((i) => String(i.mention.id)).sort()).toEqual([...three].sort());
    expect((await json<{ total: number }>(db, 'inbox', 'list', '--view', 'unassigned')).total).toBe(unassignedBefore - 3);

    // Correct a negative mention of the brand to positive: that day's net sentiment rises.
    const topics = await json<{ id: number; role: string }[]>(db, 'topics', 'list');
    const brand = topics.find((t) => t.role === 'brand')!;
    const target = needs.items.slice(3).find((i) => i.mention.topicIds.includes(brand.id) && i.mention.sentiment?.label === 'negative')!.mention;
    const day = target.publishedAt.slice(0, 10);
    const netSentiment = async () =>
      (await json<{ kpis: { kpi: string; value: number }[] }>(db, 'baseline', '--topic', String(brand.id), '--date', day, '--tz', 'UTC')).kpis.find((k) => k.kpi === 'netSentiment')!.value;
    const before = await netSentiment();
    await json(db, 'inbox', 'correct', String(target.id), '--sentiment', 'positive', '--as', ANN);
    expect(await netSentiment()).toBeGreaterThan(before);
    const shown = await json<{ mention: { sentiment: { label: string } }; history: { field: string; to: string }[] }>(db, 'inbox', 'show', String(target.id));
    expect(shown.mention.sentiment.label).toBe('positive');
    expect(shown.history.map((h) => [h.field, h.to])).toContainEqual(['sentiment', 'positive']);

    // Tag a batch of four: the tag filters the inbox.
    const all = await json<{ items: InboxItem[] }>(db, 'inbox', 'list', '--limit', '4');
    const batch = all.items.map((i) => String(i.mention.id));
    await json(db, 'inbox', 'tag', ...batch, '--add', 'follow-up', '--as', ANN);
    const tagged = await json<{ total: number; items: InboxItem[] }>(db, 'inbox', 'list', '--tag', 'follow-up');
    expect(tagged.total).toBe(4);

    // Reply to a Mastodon mention of the demo with the workspace's account, on the replay instance.
    const [toot] = (await json<{ mentions: InboxItem['mention'][] }>(db, 'search', '--source', 'mastodon', '--limit', '1')).mentions;
    const mastodon = world.mastodon;
    knownToInstance(mastodon, toot!);
    expect((await murmur(db, 'sources', 'add', 'mastodon', '--instance', mastodon.url, '--tag', 'brewly', '--token', 'mastodon-token-1', '--disabled')).code).toBe(0);
    const postsBefore = mastodon.posted.length;
    const key = `done-means-${Math.random().toString(36).slice(2)}`;
    const sent = await json<{ duplicate: boolean; reply: { id: number; status: string; url: string } }>(db, 'mentions', 'reply', String(toot!.id), '--text', 'Thanks, DM us your order number.', '--key', key, '--as', ANN);
    expect(sent).toMatchObject({ duplicate: false, reply: { status: 'sent' } });
    const again = await json<{ duplicate: boolean; reply: { id: number } }>(db, 'mentions', 'reply', String(toot!.id), '--text', 'Thanks, DM us your order number.', '--key', key, '--as', ANN);
    expect(again).toMatchObject({ duplicate: true, reply: { id: sent.reply.id } });
    expect(mastodon.posted).toHaveLength(postsBefore + 1);
    expect(mastodon.posted.at(-1)).toMatchObject({ in_reply_to_id: '113000', url: sent.reply.url });
    const stored = await json<{ status: string; url: string }[]>(db, 'mentions', 'replies', String(toot!.id));
    expect(stored).toEqual([expect.objectContaining({ status: 'sent', url: sent.reply.url })]);

    // The tagged list as XLSX, read back: one row per tagged mention, in the search's order.
    const file = `${world.path('tagged')}.xlsx`;
    expect(await json(db, 'mentions', 'export', '--tag', 'follow-up', '--out', file)).toEqual({ file, format: 'xlsx', rows: 4 });
    const listed = (await json<{ mentions: { id: number; text: string }[] }>(db, 'search', '--tag', 'follow-up')).mentions;
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.getWorksheet('Mentions')!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const column = (name: string) => header.indexOf(name);
    expect(sheet.rowCount).toBe(5);
    const rows = [2, 3, 4, 5].map((r) => sheet.getRow(r));
    expect(rows.map((r) => Number(r.getCell(column('id')).value))).toEqual(listed.map((m) => m.id));
    expect(rows.map((r) => String(r.getCell(column('text')).value))).toEqual(listed.map((m) => m.text));
    expect(listed.map((m) => String(m.id)).sort()).toEqual([...batch].sort());
  });
});
