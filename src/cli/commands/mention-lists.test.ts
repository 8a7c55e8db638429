import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { accounts, status } from '../../listen/connectors/mastodon/mastodon-fixtures.ts';
import { MastodonReplay } from '../../listen/connectors/mastodon/mastodon-replay.ts';
import { cliHarness } from '../cli-testing.ts';

const cli = cliHarness('mention-lists');
const murmur = cli.murmur;

/** A post, two reposts of it and one other post, imported as a user would. */
async function importReposts(): Promise<void> {
  const file = join(cli.dir, `reposts-${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(
    file,
    [
      { id: 'p', text: 'Brewly raised prices', author: 'alice', url: 'https://social.example/p', created_at: '2026-03-01T10:00:00Z' },
      { id: 'r1', text: 'Brewly raised prices', author: 'bob', parent_id: 'p', created_at: '2026-03-01T11:00:00Z' },
      { id: 'r2', text: 'Brewly raised prices', author: 'carol', parent_id: 'p', created_at: '2026-03-01T12:00:00Z' },
      { id: 'o', text: 'Brewly is fine', author: 'dan', created_at: '2026-03-01T09:00:00Z' },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n'),
  );
  expect(await murmur('import', file, '--no-enrich', '--no-progress', '--json')).toBe(0);
}

describe('murmur search --collapse / --group', () => {
  it('shows a post and its reposts as one row with the count, and lists the members', async () => {
    await importReposts();
    expect(await murmur('search', 'brewly', '--collapse', '--json')).toBe(0);
    const page = JSON.parse(cli.out);
    expect(page.total).toBe(2);
    expect(page.mentions.map((m: { externalId: string }) => m.externalId)).toEqual(['r2', 'o']);
    expect(page.groups[0]).toEqual({ key: 'u:https://social.example/p', members: 3 });
    expect(page.groups[1].members).toBe(1);
    expect(await murmur('search', 'brewly', '--collapse')).toBe(0);
    expect(cli.out).toContain("+2 reposts and quotes: --group 'u:https://social.example/p'");
    expect(await murmur('search', '--group', 'u:https://social.example/p', '--json')).toBe(0);
    expect(JSON.parse(cli.out).mentions.map((m: { externalId: string }) => m.externalId)).toEqual(['r2', 'r1', 'p']);
  });
});

describe('murmur search / mentions export --tag', () => {
  it('filters by a tag as the API does (one contract), and names a malformed one', async () => {
    await importReposts();
    expect(await murmur('search', 'brewly', '--json')).toBe(0);
    const ids = (JSON.parse(cli.out).mentions as { id: number; externalId: string }[]).filter((m) => m.externalId === 'p' || m.externalId === 'o').map((m) => String(m.id));
    expect(await murmur('inbox', 'tag', ...ids, '--add', 'pricing')).toBe(0);
    expect(await murmur('search', 'brewly', '--tag', 'Pricing', '--json')).toBe(0);
    const page = JSON.parse(cli.out);
    expect(page.total).toBe(2);
    expect(page.mentions.map((m: { externalId: string }) => m.externalId).sort()).toEqual(['o', 'p']);
    const out = join(cli.dir, 'tagged.csv');
    expect(await murmur('mentions', 'export', '--tag', 'pricing', '--out', out, '--json')).toBe(0);
    expect(JSON.parse(cli.out).rows).toBe(2);
    expect(readFileSync(out, 'utf8')).toContain('Brewly is fine');
    expect(await murmur('search', '--tag', 'two words')).toBe(1);
    expect(cli.err).toContain('--tag: use 1 to 50 letters');
    expect(await murmur('inbox', 'list', '--tag', 'two words')).toBe(1);
    expect(cli.err).toContain('--tag: use 1 to 50 letters');
  });
});

describe('murmur topics mute / unmute / mutes', () => {
  it('mutes an author in a topic and unmutes it, with who and why', async () => {
    await importReposts();
    expect(await murmur('topics', 'add', 'Brewly', '--query', 'brewly', '--no-progress')).toBe(0);
    expect(await murmur('topics', 'mute', 'Brewly', '--author', '@bob', '--reason', 'bot', '--as', 'ana', '--json')).toBe(0);
    const muted = JSON.parse(cli.out);
    expect(muted).toMatchObject({ mute: { kind: 'author', value: 'bob', reason: 'bot', createdBy: 'ana' }, rematch: { matched: 3 } });
    expect(await murmur('search', '--topic', 'Brewly', '--json')).toBe(0);
    expect(JSON.parse(cli.out).total).toBe(3);
    expect(await murmur('topics', 'mutes', 'Brewly')).toBe(0);
    expect(cli.out).toContain(`#${muted.mute.id} author bob (bot) — by ana`);
    expect(await murmur('topics', 'mute', 'Brewly', '--author', 'x', '--site', 'y.com')).toBe(1);
    expect(cli.err).toContain('give one of --author, --site or --term');
    expect(await murmur('topics', 'unmute', 'Brewly', String(muted.mute.id), '--as', 'ana')).toBe(0);
    expect(cli.out).toContain('the topic now holds 4 mentions');
    expect(await murmur('topics', 'mutes', 'Brewly', '--all', '--json')).toBe(0);
    expect(JSON.parse(cli.out)[0]).toMatchObject({ removedBy: 'ana' });
  });
});

describe('murmur mentions export', () => {
  it('writes every mention of a search as CSV or XLSX, formula-safe, and names bad input', async () => {
    await importReposts();
    const csv = join(cli.dir, 'out.csv');
    expect(await murmur('mentions', 'export', 'brewly', '--collapse', '--out', csv, '--json')).toBe(0);
    expect(JSON.parse(cli.out)).toEqual({ file: csv, format: 'csv', rows: 2 });
    const lines = readFileSync(csv, 'utf8').split('\r\n');
    expect(lines[0]).toMatch(/^\uFEFFid,published_at,.*,group_members,group$/);
    expect(lines[1]).toContain(',3,u:https://social.example/p');
    const xlsx = join(cli.dir, 'out.xlsx');
    expect(await murmur('mentions', 'export', '--out', xlsx, '--sort', 'engagement')).toBe(0);
    expect(cli.out).toContain(`exported 4 mentions to ${xlsx} (xlsx)`);
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
    expect(await murmur('mentions', 'export', 'brewly AND (', '--out', csv)).toBe(1);
    expect(cli.err).toContain('invalid query');
    expect(await murmur('mentions', 'export', '--out', join(cli.dir, 'nope', 'x.csv'))).toBe(1);
    expect(cli.err).toContain('no such directory');
    expect(await murmur('mentions', 'export', '--out', csv, '--format', 'pdf')).toBe(1);
    expect(cli.err).toContain('--format must be one of csv, xlsx, got "pdf"');
  });
});

describe('murmur mentions reply / replies / approve-reply', () => {
  let mastodon: MastodonReplay;
  beforeAll(async () => {
    mastodon = await MastodonReplay.start();
  });
  afterAll(async () => {
    await mastodon.close();
  });
  beforeEach(() => {
    vi.stubEnv('MURMUR_SECRET_KEY', 'ab'.repeat(32));
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('replies in the thread once per key, holds a reply for approval, and lists them', async () => {
    const complaint = status({ id: '113000', account: accounts.remote, content: '<p>Brewly raised prices</p>', createdAt: '2026-03-01T10:00:00.000Z' });
    mastodon.statuses = [complaint];
    const file = join(cli.dir, 'mastodon.jsonl');
    writeFileSync(file, JSON.stringify({ id: complaint.uri, text: 'Brewly raised prices', author: 'kasia@social.example.pl', created_at: '2026-03-01T10:00:00Z' }));
    expect(await murmur('import', file, '--source', 'mastodon', '--no-enrich', '--no-progress', '--json')).toBe(0);
    expect(await murmur('sources', 'add', 'mastodon', '--instance', mastodon.url, '--tag', 'brewly', '--token', 'mastodon-token-1', '--disabled')).toBe(0);
    expect(await murmur('search', '--json')).toBe(0);
    const id = String(JSON.parse(cli.out).mentions[0].id);

    expect(await murmur('mentions', 'reply', id, '--text', 'Sorry! DM us', '--key', 'cli-1', '--as', 'ana', '--json')).toBe(0);
    const sent = JSON.parse(cli.out);
    expect(sent).toMatchObject({ duplicate: false, reply: { status: 'sent', requestedBy: 'ana' } });
    expect(await murmur('mentions', 'reply', id, '--text', 'Sorry! DM us', '--key', 'cli-1')).toBe(0);
    expect(cli.out).toContain(`already submitted: reply #${sent.reply.id} to mention ${id}: sent`);
    expect(mastodon.server.requestsTo('/api/v1/statuses', 'POST')).toHaveLength(1);

    expect(await murmur('mentions', 'reply', id, '--text', 'Thanks', '--approval', '--as', 'ana', '--json')).toBe(0);
    const held = JSON.parse(cli.out).reply;
    expect(held.status).toBe('awaiting_approval');
    expect(await murmur('mentions', 'approve-reply', String(held.id), '--as', 'ana')).toBe(1);
    expect(cli.err).toContain('another member approves it');
    expect(await murmur('mentions', 'approve-reply', String(held.id), '--as', 'bo')).toBe(0);
    expect(cli.out).toContain(`reply #${held.id} to mention ${id}: sent`);
    expect(await murmur('mentions', 'replies', id, '--json')).toBe(0);
    expect(JSON.parse(cli.out).map((r: { status: string }) => r.status)).toEqual(['sent', 'sent']);
    expect(await murmur('mentions', 'reply', 'abc', '--text', 'x')).toBe(1);
    expect(cli.err).toContain('mention must be a number, got "abc"');
  });
});
