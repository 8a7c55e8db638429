import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { rssConfigSchema, rssSecretsSchema } from '../../listen/connectors/rss/rss-connector.ts';
import { sourceKindOf, sourceKinds } from '../../listen/source-kinds.ts';
import { configFromFlags, sourceFlags } from './source-flags.ts';
import { registerSources } from './sources.ts';

/** `sources add` as the CLI registers it for these kinds, its action left out (no store). */
function addCommand(kinds = sourceKinds()) {
  const program = new Command().exitOverride();
  registerSources(program, kinds);
  const add = program.commands.find((c) => c.name() === 'sources')!.commands.find((c) => c.name() === 'add')!;
  add.action(() => {});
  let help = '';
  add.configureOutput({ writeOut: (text) => void (help += text), getOutHelpWidth: () => 1000 });
  const parse = async (...args: string[]) => {
    await program.parseAsync(['sources', 'add', ...args], { from: 'user' });
    return add;
  };
  return { add, parse, help: () => (add.outputHelp(), help) };
}

describe('sources add flags from the kinds’ schemas', () => {
  it('gives a new option of a kind’s schema a flag, with its help, without a line in sources.ts', async () => {
    const extended = rssConfigSchema.extend({ maxItems: z.number().int().min(1).max(500).default(50).describe('items read per poll at most') });
    const kinds = sourceKinds().map((k) => (k.network === 'rss' ? sourceKindOf('rss', extended, rssSecretsSchema) : k));
    const { parse, help } = addCommand(kinds);
    expect(help()).toContain('--max-items <n>');
    expect(help()).toMatch(/rss: items read per poll at most \(1–500, default 50\)/);
    expect(help()).toContain('  rss: --url (required), --max-items');
    const add = await parse('rss', '--url', 'https://news.example/feed.xml', '--max-items', '5');
    const { config } = configFromFlags(kinds, 'rss', add);
    expect(config).toEqual({ url: 'https://news.example/feed.xml', maxItems: 5 });
    expect(extended.parse(config).maxItems).toBe(5);
    // The kinds as shipped have no such option: the flag is the schema's, not the CLI's.
    expect(addCommand().help()).not.toContain('--max-items');
  });

  it('keeps the flag names the CLI always had, for every kind', () => {
    const before: Record<string, string[]> = {
      mastodon: ['instance', 'tag', 'volume-tag', 'account', 'own-account', 'query', 'local', 'stream', 'streaming-url', 'token', 'lookback', 'max-pages'],
      bluesky: ['service', 'identifier', 'query', 'lang', 'stream', 'jetstream-url', 'app-password', 'own-posts', 'lookback', 'max-pages'],
      reddit: ['client-id', 'client-secret', 'query', 'subreddit', 'comments', 'user-agent', 'auth-base', 'api-base', 'lookback', 'max-pages'],
      hackernews: ['query', 'tags', 'api-base', 'lookback', 'max-pages'],
      rss: ['url'],
      lemmy: ['instance', 'query', 'community', 'local', 'comments', 'lookback', 'max-pages'],
      youtube: ['query', 'api-key', 'daily-quota', 'comments', 'api-base', 'lookback', 'max-pages'],
      tumblr: ['tag', 'api-key', 'api-base', 'lookback', 'max-pages'],
      googlenews: ['query', 'hl', 'gl', 'ceid', 'api-base'],
      telegram: ['channel', 'api-base', 'lookback', 'max-pages'],
      threads: ['query', 'token', 'daily-queries', 'api-base', 'lookback', 'max-pages'],
    };
    const flags = sourceFlags(sourceKinds());
    for (const [network, names] of Object.entries(before)) {
      const derived = flags.filter((f) => f.uses.some((u) => u.network === network)).map((f) => f.name);
      expect(derived, network).toEqual(expect.arrayContaining(names));
    }
  });

  it('fills lists, switches, one-value options and secrets in the connector’s own names', async () => {
    const kinds = sourceKinds();
    const { parse } = addCommand(kinds);
    process.env.SOURCE_FLAGS_TEST_TOKEN = 't0ken';
    try {
      const mastodon = await parse('mastodon', '--instance', 'm.example', '--tag', 'a', '--tag', 'b', '--local', '--query', 'brewly', '--token', 'env:SOURCE_FLAGS_TEST_TOKEN', '--lookback', '48');
      expect(configFromFlags(kinds, 'mastodon', mastodon)).toEqual({ config: { instance: 'm.example', tags: ['a', 'b'], localOnly: true, query: 'brewly', lookbackHours: 48 }, secrets: { token: 't0ken' } });
    } finally {
      delete process.env.SOURCE_FLAGS_TEST_TOKEN;
    }
    const lemmy = await addCommand(kinds).parse('lemmy', '--instance', 'l.example', '--query', 'x', '--local', '--no-comments');
    expect(configFromFlags(kinds, 'lemmy', lemmy).config).toEqual({ instance: 'l.example', queries: ['x'], listingType: 'Local', comments: false });
    const twice = await addCommand(kinds).parse('reddit', '--client-id', 'c', '--query', 'a', '--query', 'b');
    expect(() => configFromFlags(kinds, 'reddit', twice)).toThrow('reddit takes one --query, got 2');
    const notNumber = await addCommand(kinds).parse('telegram', '--channel', 'c', '--max-pages', 'lots');
    expect(() => configFromFlags(kinds, 'telegram', notNumber)).toThrow('--max-pages must be a number, got "lots"');
    const wrong = await addCommand(kinds).parse('rss', '--url', 'https://x.example/f', '--no-comments', '--lookback', '5');
    expect(() => configFromFlags(kinds, 'rss', wrong)).toThrow('--lookback, --no-comments do not apply to rss sources');
  });
});
