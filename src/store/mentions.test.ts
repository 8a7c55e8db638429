import { describe, expect, it } from 'vitest';
import type { MentionInput } from '../core/mention.ts';
import { WrittenIds, countMentions, getMentionsByIds } from './mentions.ts';
import { upsertMentions } from './mention-writer.ts';
import { describeEachStore } from './testing.ts';
import { workspaceId } from './workspaces.ts';

function mention(overrides: Partial<MentionInput> = {}): MentionInput {
  return {
    source: 'import',
    externalId: 'm1',
    url: 'https://www.example.com/posts/1',
    author: { handle: 'alice', displayName: 'Alice', followers: 120 },
    text: 'Loving the new #Café menu at @Brewly! #coffee',
    publishedAt: new Date('2026-03-01T10:00:00Z'),
    engagement: { likes: 3, shares: 1, replies: 0, views: null },
    ...overrides,
  };
}

describeEachStore('mention store', (open) => {
  it('stores a mention and reads it back with extracted fields', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const result = await upsertMentions(store, ws, [mention()]);
    expect(result).toMatchObject({ inserted: 1, updated: 0 });
    const [stored] = await getMentionsByIds(store, result.ids);
    expect(stored).toMatchObject({
      externalId: 'm1',
      domain: 'example.com',
      hashtags: ['cafe', 'coffee'],
      mentioned: ['brewly'],
      author: { handle: 'alice', followers: 120 },
    });
    expect(stored!.publishedAt.toISOString()).toBe('2026-03-01T10:00:00.000Z');
  });

  it('updates instead of duplicating on (source, external id) and keeps enrichment', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    await upsertMentions(store, ws, [
      mention({ lang: 'en', langConfidence: 0.9, sentiment: { label: 'positive', score: 0.8, probabilities: { negative: 0.05, neutral: 0.1, positive: 0.85 } } }),
    ]);
    const again = await upsertMentions(store, ws, [
      mention({ engagement: { likes: 40, shares: 9, replies: 2, views: 1000 }, text: 'Loving the new #Café menu! #latte' }),
    ]);
    expect(again).toMatchObject({ inserted: 0, updated: 1 });
    expect(await countMentions(store, ws)).toBe(1);
    const [stored] = await getMentionsByIds(store, again.ids);
    expect(stored!.engagement).toEqual({ likes: 40, shares: 9, replies: 2, views: 1000 });
    expect(stored!.lang).toBe('en');
    expect(stored!.sentiment?.label).toBe('positive');
    const tags = await store.db.selectFrom('mention_hashtags').select('tag').orderBy('tag').execute();
    expect(tags.map((t) => t.tag)).toEqual(['cafe', 'latte']);
  });

  it('keeps the network\'s language tag in BCP 47 case, and keeps it when a later copy has none', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const first = await upsertMentions(store, ws, [mention({ langHint: 'pt_br' }), mention({ externalId: 'm2', langHint: 'English' }), mention({ externalId: 'm3', langHint: 'EN' })]);
    expect((await getMentionsByIds(store, first.ids)).map((m) => m.langHint)).toEqual(['pt-BR', null, 'en']);
    // A copy without a tag keeps the stored one; a copy with another tag replaces it.
    const again = await upsertMentions(store, ws, [mention({ langHint: null }), mention({ externalId: 'm3', langHint: 'fr' })]);
    expect((await getMentionsByIds(store, again.ids)).map((m) => m.langHint)).toEqual(['pt-BR', 'fr']);
  });

  it('treats the same external id from two sources as two mentions', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const result = await upsertMentions(store, ws, [mention(), mention({ source: 'rss' }), mention()]);
    expect(result).toMatchObject({ inserted: 2, updated: 0 });
    expect(await countMentions(store, ws)).toBe(2);
  });

  it('finds mentions by full text, ignoring case and diacritics, in Latin, Cyrillic and Arabic', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    await upsertMentions(store, ws, [
      mention({ externalId: 'fr', text: 'Le CAFÉ était délicieux' }),
      mention({ externalId: 'bg', text: 'Доставката закъсня с два дни' }),
      mention({ externalId: 'ar', text: 'القَهْوَة رائعة جدا' }),
      mention({ externalId: 'en', text: 'Nothing to see here' }),
    ]);
    const search = async (...words: [string, boolean][]) => {
      const rows = await store.db
        .selectFrom('mentions')
        .select('external_id')
        .where(store.driver.fullTextCondition(words.map(([word, prefix]) => ({ word, prefix }))))
        .execute();
      return rows.map((r) => r.external_id).sort();
    };
    expect(await search(['cafe', false])).toEqual(['fr']);
    expect(await search(['доставката', false])).toEqual(['bg']);
    expect(await search(['достав', true])).toEqual(['bg']);
    expect(await search(['القهوة', false])).toEqual(['ar']);
    expect(await search(['cafe', false], ['delicieux', false])).toEqual(['fr']);
    expect(await search(['cafe', false], ['nothing', false])).toEqual([]);
    // Quotes and operators in user input are data, not syntax.
    expect(await search(['"cafe" OR x', false])).toEqual([]);
  });

  it('rolls back a whole batch when one row violates a constraint', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    await expect(
      upsertMentions(store, ws, [mention({ externalId: 'ok' }), mention({ externalId: 'bad', author: { handle: null as unknown as string, displayName: null, followers: null } })]),
    ).rejects.toThrow();
    expect(await countMentions(store, ws)).toBe(0);
  });
});

describe('store location', () => {
  it('hides the PostgreSQL password', async () => {
    const { driverFor } = await import('./store.ts');
    expect(driverFor('postgres://murmur:s3cret@localhost/murmur').location).not.toContain('s3cret');
  });
});

describe('WrittenIds', () => {
  it('remembers exactly the ids added, on every bit of a page and far apart', () => {
    const ids = [0, 1, 31, 32, 63, 65_535, 65_536, 2 ** 31 - 1, 2 ** 31 + 5, 2 ** 32 + 31, 1e12];
    const written = new WrittenIds();
    for (const id of ids) written.add(id);
    for (const id of ids) expect(written.has(id), String(id)).toBe(true);
    for (const id of [2, 30, 33, 65_534, 65_537, 2 ** 31, 1e12 + 1]) expect(written.has(id), String(id)).toBe(false);
  });
});
