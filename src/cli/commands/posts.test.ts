import { describe, expect, it } from 'vitest';
import { cliHarness } from '../cli-testing.ts';
import { ReplayServer } from '../../listen/connectors/replay-server.ts';

const cli = cliHarness('posts');
const murmur = cli.murmur;

describe('murmur post', () => {
  it('previews a text as each network counts it and fails when one refuses it', async () => {
    const link = `https://example.com/${'a'.repeat(100)}`;
    expect(await murmur('post', 'preview', '--body', `${'x'.repeat(250)} ${link}`, '--json')).toBe(1);
    expect(JSON.parse(cli.out)).toEqual({
      networks: [
        { network: 'mastodon', length: 250 + 1 + 23, limit: 500, problems: [] },
        { network: 'bluesky', length: 251 + link.length, limit: 300, problems: [`${251 + link.length} characters as bluesky counts them; bluesky allows 300`] },
      ],
      card: link,
    });
    expect(await murmur('post', 'preview', '--channel', 'mastodon', '--body', 'short')).toBe(0);
    expect(cli.out).toContain('mastodon  5/500');
  });

  it('reads the link card from the page with --fetch-card, as the API and the Bluesky publisher do', async () => {
    const site = await ReplayServer.start();
    try {
      site.route('GET', '/autumn', () => ({ body: '<head><meta property="og:title" content="Autumn blend"><meta property="og:description" content="Roasted this week"></head>', headers: { 'content-type': 'text/html' } }));
      expect(await murmur('post', 'preview', '--channel', 'bluesky', '--body', `New ${site.url}/autumn`, '--fetch-card', '--json')).toBe(0);
      expect(JSON.parse(cli.out).cardPreview).toEqual({ uri: `${site.url}/autumn`, title: 'Autumn blend', description: 'Roasted this week', image: null });
      expect(await murmur('post', 'preview', '--channel', 'bluesky', '--body', `New ${site.url}/autumn`, '--fetch-card')).toBe(0);
      expect(cli.out).toContain(`card: ${site.url}/autumn · Autumn blend — Roasted this week`);
      expect(await murmur('post', 'preview', '--channel', 'bluesky', '--body', `New ${site.url}/gone`, '--fetch-card', '--json')).toBe(0);
      expect(JSON.parse(cli.out).cardPreview).toBeNull();
    } finally {
      await site.close();
    }
  });

  it('composes, submits, rejects, approves and shares a review link, all in the history', async () => {
    const ok = async (...args: string[]) => expect(await murmur(...args), `${args.join(' ')}: ${cli.err}`).toBe(0);
    await ok('plan', 'init', 'Bakery 2026', '--starts', '2026-01-01', '--as', 'ana');
    await ok('post', 'approval', 'on', '--json');
    expect(JSON.parse(cli.out)).toEqual({ requireApproval: true });
    expect(await murmur('post', 'compose', '--channel', 'bluesky', '--title', 'Bread', '--body', 'Fresh bread', '--owner', 'Ana', '--media', 'https://example.com/bread.jpg')).toBe(1);
    expect(cli.err).toMatch(/media\[0\]\.alt: alt text is required/);
    await ok('post', 'compose', '--channel', 'mastodon', '--channel', 'bluesky', '--title', 'Bread', '--body', 'Fresh bread', '--owner', 'Ana', '--at', '2027-01-10T09:00:00Z', '--media', 'https://example.com/bread.jpg', '--alt', 'A loaf on a board', '--submit', '--as', 'ana', '--json');
    const items = JSON.parse(cli.out);
    expect(items.map((i: { channel: string; approval: string }) => [i.channel, i.approval])).toEqual([
      ['mastodon', 'pending'],
      ['bluesky', 'pending'],
    ]);
    const id = String(items[0].id);
    expect(await murmur('post', 'reject', id)).toBe(1);
    expect(cli.err).toMatch(/comment/);
    await ok('post', 'reject', id, '--comment', 'Say which bread', '--as', 'olga');
    await ok('post', 'submit', id, '--as', 'ana');
    await ok('post', 'approve', id, '--as', 'olga', '--json');
    expect(JSON.parse(cli.out)).toMatchObject({ status: 'scheduled', approval: 'approved' });
    await ok('post', 'move', id, '--at', '2027-01-11T09:00:00Z', '--as', 'ana');
    await ok('post', 'review-link', 'create', id, '--days', '3', '--base-url', 'https://murmur.example', '--as', 'ana', '--json');
    const link = JSON.parse(cli.out);
    expect(link).toMatchObject({ url: `https://murmur.example/review/${link.token}`, publicUrlGuessed: false });
    await ok('post', 'review-link', 'revoke', String(link.id), '--as', 'ana', '--json');
    expect(JSON.parse(cli.out).revokedAt).toEqual(expect.any(Number));
    await ok('post', 'history', id, '--json');
    expect(JSON.parse(cli.out).map((e: { kind: string; author: string }) => `${e.kind} ${e.author}`)).toEqual([
      'created ana',
      'submitted ana',
      'rejected olga',
      'submitted ana',
      'approved olga',
      'rescheduled ana',
      'review-link ana',
      'review-link-revoked ana',
    ]);
    await ok('plan', 'history', '--json');
    expect(JSON.parse(cli.out).at(-1).change).toBe(`calendar #${id} "Bread" (mastodon): review-link-revoked #${link.id}`);
    // Without --base-url or MURMUR_PUBLIC_URL the address is serve's default, said to be a guess.
    await ok('post', 'review-link', 'create', id, '--as', 'ana', '--json');
    const guessed = JSON.parse(cli.out);
    expect(guessed).toMatchObject({ url: `http://127.0.0.1:8080/review/${guessed.token}`, publicUrlGuessed: true });
  });
});
