import { describe, expect, it } from 'vitest';
import { cliHarness } from '../cli-testing.ts';

describe('murmur conversions webhook-secret', () => {
  const cli = cliHarness('roi');

  it('shows whether a secret is set and since when, never the secret; only --rotate prints it, once', async () => {
    expect(await cli.murmur('--create', 'conversions', 'webhook-secret', '--json')).toBe(0);
    expect(JSON.parse(cli.out)).toEqual({ set: false, setAt: null });
    expect(await cli.murmur('conversions', 'webhook-secret')).toBe(0);
    expect(cli.out).toContain('no webhook secret yet: `murmur conversions webhook-secret --rotate` makes one');
    expect(await cli.murmur('conversions', 'webhook-secret', '--rotate', '--json')).toBe(0);
    const { secret } = JSON.parse(cli.out);
    expect(secret).toMatch(/^whsec_/);
    for (const args of [['--json'], [], ['--status', '--json'], ['--status']]) {
      expect(await cli.murmur('conversions', 'webhook-secret', ...args)).toBe(0);
      expect(cli.out).not.toContain(secret);
    }
    expect(await cli.murmur('conversions', 'webhook-secret', '--json')).toBe(0);
    expect(JSON.parse(cli.out)).toMatchObject({ set: true, setAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    expect(await cli.murmur('conversions', 'webhook-secret')).toBe(0);
    expect(cli.out).toMatch(/^a webhook secret is set \(since \d{4}-/);
    expect(await cli.murmur('conversions', 'webhook-secret', '--rotate')).toBe(0);
    expect(cli.out).toMatch(/^whsec_/);
    expect(cli.out).not.toContain(secret);
    expect(await cli.murmur('conversions', 'webhook-secret', '--status', '--rotate')).toBe(1);
  });
});

describe('murmur campaign link-edit and link-delete', () => {
  const cli = cliHarness('roi-links');

  it('changes a link by its short code keeping the code, and deletes an unclicked link', async () => {
    expect(await cli.murmur('campaign', 'add', 'Spring', '--channel', 'mastodon', '--start', '2026-03-01', '--json')).toBe(0);
    expect(await cli.murmur('campaign', 'link', 'Spring', '--url', 'https://shop.example/spring', '--source', 'mastodon', '--medium', 'social', '--content', 'video-1', '--json')).toBe(0);
    const { id, code } = JSON.parse(cli.out);
    expect(await cli.murmur('campaign', 'link-edit', code, '--url', 'https://shop.example/spring-sale', '--content', '', '--json')).toBe(0);
    expect(JSON.parse(cli.out)).toMatchObject({ id, code, destination: 'https://shop.example/spring-sale?utm_source=mastodon&utm_medium=social&utm_campaign=spring', utm: { content: null } });
    expect(await cli.murmur('campaign', 'link-edit', code)).toBe(1);
    expect(cli.err).toContain('give at least one of url, source, medium, content, term');
    expect(await cli.murmur('campaign', 'link-delete', 'nope')).toBe(1);
    expect(cli.err).toContain('no link "nope"');
    expect(await cli.murmur('campaign', 'link-delete', String(id), '--json')).toBe(0);
    expect(await cli.murmur('campaign', 'link-delete', String(id))).toBe(1);
    expect(cli.err).toContain(`no link "${id}"`);
  });
});
