import { describe, expect, it, vi } from 'vitest';
import { describeEachStore } from '../store/testing.ts';
import { workspaceId } from '../store/workspaces.ts';
import { TEST_KEY } from './connectors/connector-testing.ts';
import { openSecret, parseSecretKey, sealSecret, SecretKeyError } from './connectors/secret-box.ts';
import { addSource, getSourceRow, listSources, openSecrets, removeSource, SourceConfigError, sourceHealth, updateSource } from './sources.ts';

const mastodon = { network: 'mastodon', config: { instance: 'mastodon.social', tags: ['#Brewly'] }, secrets: { token: 'tok-SECRET-123' } };

describeEachStore('sources repository', (open) => {
  it('stores secrets sealed, lists them masked, and opens them with the key', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const added = await addSource(store, ws, mastodon, { key: TEST_KEY });
    expect(added).toMatchObject({
      network: 'mastodon',
      name: 'mastodon: #Brewly @ mastodon.social',
      config: { instance: 'https://mastodon.social', tags: ['Brewly'] },
      secrets: { token: '••••' },
      status: 'new',
      intervalMs: 300_000,
    });
    const row = await getSourceRow(store, added.id);
    expect(row.secrets).toMatch(/^v1\./);
    expect(`${row.secrets}${row.config}`).not.toContain('tok-SECRET-123');
    expect(JSON.stringify(await listSources(store, ws))).not.toContain('tok-SECRET-123');
    expect(openSecrets(row, TEST_KEY)).toEqual({ token: 'tok-SECRET-123' });
    expect(() => openSecrets(row, Buffer.alloc(32, 7))).toThrow(/MURMUR_SECRET_KEY is not the key it was stored with/);
  });

  it('refuses to store a secret without a key, and stores secret-free sources without one', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const saved = process.env.MURMUR_SECRET_KEY;
    delete process.env.MURMUR_SECRET_KEY;
    try {
      await expect(addSource(store, ws, mastodon)).rejects.toThrow(/no encryption key for secrets: set MURMUR_SECRET_KEY to 32 random bytes/);
      expect(await listSources(store, ws)).toHaveLength(0);
      await expect(addSource(store, ws, { network: 'hackernews', config: { queries: ['brewly'] } })).resolves.toMatchObject({ secrets: {} });
    } finally {
      if (saved !== undefined) process.env.MURMUR_SECRET_KEY = saved;
    }
  });

  it('explains what is wrong with a configuration', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    await expect(addSource(store, ws, { network: 'myspace', config: {} })).rejects.toThrow(/unknown network "myspace" \(one of: mastodon, bluesky, reddit, hackernews, rss, .*\blemmy, youtube, tumblr\b.*\)/);
    await expect(addSource(store, ws, { network: 'mastodon', config: { instance: 'mastodon.social' } })).rejects.toThrow(/give at least one --tag, --account, --query, --volume-tag or --own-account/);
    await expect(addSource(store, ws, { network: 'bluesky', config: { identifier: 'a.bsky.social', queries: ['x'] } }, { key: TEST_KEY })).rejects.toThrow(/secrets: appPassword/);
    await expect(addSource(store, ws, { network: 'reddit', config: { clientId: 'x', subreddits: ['no spaces allowed'] }, secrets: { clientSecret: 's' } }, { key: TEST_KEY })).rejects.toThrow(/subreddits\.0: not a subreddit name/);
    await expect(addSource(store, ws, { network: 'rss', config: { url: 'ftp://x.example/feed' } })).rejects.toBeInstanceOf(SourceConfigError);
    await expect(addSource(store, ws, { network: 'rss', config: { url: 'https://x.example/feed' }, intervalMs: 1000 })).rejects.toThrow(/interval must be at least 30s/);
  });

  it('refuses at once a source URL on a private, loopback or metadata address, however spelled', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    vi.stubEnv('MURMUR_ALLOW_PRIVATE_HOSTS', '');
    try {
      for (const url of ['http://127.0.0.1:18599/internal-admin', 'http://2130706433/', 'http://0177.0.0.1/feed', 'http://[::1]/feed', 'http://169.254.169.254/latest/meta-data/']) {
        await expect(addSource(store, ws, { network: 'rss', config: { url } })).rejects.toThrow(/rss source: url: .* is a private, loopback or link-local address/);
      }
      await expect(addSource(store, ws, { network: 'mastodon', config: { instance: 'http://10.1.2.3', tags: ['brewly'] } })).rejects.toThrow(/instance: 10\.1\.2\.3 is a private/);
      const feed = await addSource(store, ws, { network: 'rss', config: { url: 'https://x.example/feed' } });
      await expect(updateSource(store, ws, feed.id, { config: { url: 'http://192.168.0.1/feed' } })).rejects.toBeInstanceOf(SourceConfigError);
      vi.stubEnv('MURMUR_ALLOW_PRIVATE_HOSTS', '192.168.0.0/16');
      expect((await updateSource(store, ws, feed.id, { config: { url: 'http://192.168.0.1/feed' } })).config).toMatchObject({ url: 'http://192.168.0.1/feed' });
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('names duplicates apart, removes a source, and reports health', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const a = await addSource(store, ws, { network: 'rss', config: { url: 'https://x.example/feed' } });
    const b = await addSource(store, ws, { network: 'rss', config: { url: 'https://x.example/feed' } });
    expect([a.name, b.name]).toEqual(['rss: https://x.example/feed', 'rss: https://x.example/feed (2)']);
    await expect(addSource(store, ws, { network: 'rss', name: a.name, config: { url: 'https://y.example/feed' } })).rejects.toThrow(/already exists/);
    expect(await sourceHealth(store, ws)).toEqual([
      expect.objectContaining({ id: a.id, healthy: true, status: 'new', lastError: null }),
      expect.objectContaining({ id: b.id, healthy: true }),
    ]);
    expect(await removeSource(store, ws, a.id)).toBe(true);
    expect(await removeSource(store, ws, a.id)).toBe(false);
    expect((await listSources(store, ws)).map((s) => s.id)).toEqual([b.id]);
  });
});

describe('secret box', () => {
  it('accepts hex and base64 keys of 32 bytes only', () => {
    expect(parseSecretKey('ab'.repeat(32))).toHaveLength(32);
    expect(parseSecretKey(Buffer.alloc(32, 1).toString('base64'))).toHaveLength(32);
    expect(() => parseSecretKey('short')).toThrow(/decodes to 3 bytes/);
    expect(() => parseSecretKey(undefined)).toThrow(SecretKeyError);
  });

  it('detects tampering and a blob moved to another network', () => {
    const sealed = sealSecret('{"token":"x"}', TEST_KEY, 'murmur-source:mastodon');
    expect(sealed).not.toBe(sealSecret('{"token":"x"}', TEST_KEY, 'murmur-source:mastodon')); // fresh IV each time
    expect(openSecret(sealed, TEST_KEY, 'murmur-source:mastodon')).toBe('{"token":"x"}');
    expect(() => openSecret(sealed, TEST_KEY, 'murmur-source:bluesky')).toThrow(SecretKeyError);
    const parts = sealed.split('.');
    parts[3] = Buffer.from('{"token":"y"}').toString('base64');
    expect(() => openSecret(parts.join('.'), TEST_KEY, 'murmur-source:mastodon')).toThrow(SecretKeyError);
  });
});
