import { expect, it } from 'vitest';
import type { MentionInput } from '../../core/mention.ts';
import { upsertMentions } from '../../store/mention-writer.ts';
import type { Store } from '../../store/store.ts';
import { describeEachStore } from '../../store/testing.ts';
import { workspaceId } from '../../store/workspaces.ts';
import { countMatches, searchMentions, type SearchOptions } from '../search.ts';

const T0 = Date.UTC(2026, 2, 1);

function post(externalId: string, minute: number, extra: Partial<MentionInput> = {}): MentionInput {
  return {
    source: 'mastodon',
    externalId,
    url: `https://social.example/@x/${externalId}`,
    author: { handle: `author-${externalId}`, displayName: null, followers: null },
    text: `Brewly raised prices again ${externalId}`,
    publishedAt: new Date(T0 + minute * 60_000),
    engagement: { likes: 0, shares: 0, replies: 0, views: null },
    ...extra,
  };
}

const viralUrl = 'https://social.example/@x/viral';
const STREAM: MentionInput[] = [
  post('viral', 10, { url: viralUrl }),
  ...Array.from({ length: 5 }, (_, i) => post(`boost${i}`, 20 + i, { parentExternalId: 'viral', text: i === 4 ? 'quote: coffee only' : 'Brewly raised prices again' })),
  // The same link from a feed: no parent, but the shared URL puts it in the group.
  post('feed-item', 5, { source: 'rss', url: viralUrl }),
  // Reposts of a post Murmur never stored: grouped by the parent id.
  ...Array.from({ length: 3 }, (_, i) => post(`orphan${i}`, 40 + i, { parentExternalId: 'unseen' })),
  post('alone', 30),
  post('no-link', 35, { url: null }),
];

async function rows(store: Store, ws: number, options: Omit<SearchOptions, 'cursor'>) {
  const out: [string, string, number][] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 50; guard++) {
    const page = await searchMentions(store, ws, { ...options, cursor });
    page.mentions.forEach((m, i) => out.push([m.externalId, page.groups![i]!.key, page.groups![i]!.members]));
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return out;
}

describeEachStore('repost collapse', (open) => {
  it('shows a post, its reposts and posts sharing its link as one row with the count, in every page size', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    await upsertMentions(store, ws, STREAM);
    const expected: [string, string, number][] = [
      ['orphan2', 'r:mastodon:unseen', 3],
      ['no-link', 'r:mastodon:no-link', 1],
      ['alone', 'u:https://social.example/@x/alone', 1],
      // Newest first: the group stands where its newest member is.
      ['boost4', `u:${viralUrl}`, 7],
    ];
    for (const limit of [1, 2, 10]) expect(await rows(store, ws, { collapse: true, limit })).toEqual(expected);
    expect(await countMatches(store, ws, { collapse: true })).toBe(4);
    expect(await countMatches(store, ws, {})).toBe(12);

    // Expanding a row lists its members, as any list (sorted, paged).
    const members = await searchMentions(store, ws, { group: `u:${viralUrl}`, limit: 50 });
    expect(members.mentions.map((m) => m.externalId).sort()).toEqual(['boost0', 'boost1', 'boost2', 'boost3', 'boost4', 'feed-item', 'viral']);
    expect((await searchMentions(store, ws, { group: 'r:mastodon:unseen', limit: 50 })).mentions).toHaveLength(3);
    await expect(searchMentions(store, ws, { group: 'nonsense', limit: 5 })).rejects.toThrow(/invalid group "nonsense"/);
  });

  it('counts only the members the search finds, and the group follows the sort', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    await upsertMentions(store, ws, STREAM);
    // The quote does not say "prices": the group has 6 matching members and a new first one.
    const found = await rows(store, ws, { collapse: true, query: 'prices', limit: 10 });
    expect(found.find(([, key]) => key === `u:${viralUrl}`)).toEqual(['boost3', `u:${viralUrl}`, 6]);
    expect(await countMatches(store, ws, { collapse: true, query: 'prices' })).toBe(4);
    expect(await countMatches(store, ws, { collapse: true, query: 'coffee' })).toBe(1);
  });
});
