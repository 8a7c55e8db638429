import { describe, expect, it } from 'vitest';
import type { MentionInput } from '../../core/mention.ts';
import { upsertMentions } from '../../store/mention-writer.ts';
import type { Store } from '../../store/store.ts';
import { describeEachStore } from '../../store/testing.ts';
import { workspaceId } from '../../store/workspaces.ts';
import { searchMentions } from '../search.ts';
import { matchableRow } from './context.ts';
import { compileQuery } from './matcher.ts';
import { parseQuery } from './parser.ts';
import { candidateCondition, describeRequirement, requirement } from './prefilter.ts';

const req = (query: string) => describeRequirement(requirement(parseQuery(query)));

describe('requirement', () => {
  it.each([
    ['brewly', 'brewly'],
    ['Brewly AND Café', 'all(brewly, cafe)'],
    ['brewly cafe', 'all(brewly, cafe)'],
    ['"cold brew"', 'all(cold, brew)'],
    ['"cold brew"~3', 'all(cold, brew)'],
    ['deliv*', 'deliv*'],
    ['colo?r', 'colo*'],
    ['#coffee', 'coffee'],
    ['@alice@mastodon.social', 'alice'],
    ['@brew_ly', 'brew_ly'],
    ['late NEAR/3 deliv*', 'all(late, deliv*)'],
    ['(a OR b) AND c', 'all(any(a, b), c)'],
    ['brewly OR "brew ly" OR #brewly', 'any(brewly, all(brew, ly))'],
    ['brewly NOT late', 'brewly'],
    ['brewly OR cafe', 'any(brewly, cafe)'],
    ['NOT brewly', 'none'],
    ['brewly OR NOT cafe', 'none'],
    ['author:alice', 'none'],
    ['brewly OR author:alice', 'none'],
    ['source:rss brewly', 'all(source=rss, brewly)'],
    ['lang:fr site:example.com', 'all(lang=fr, site=example.com)'],
    ['source:rss OR lang:fr', 'any(source=rss, lang=fr)'],
    ['author:alice url:example.com/a', 'none'],
    ['source:red*', 'none'],
    ['@ali*', 'none'],
  ])('%s → %s', (query, expected) => {
    expect(req(query)).toBe(expected);
  });

  it('drops OR branches when the formula grows too big, keeping what every match needs', () => {
    const big = `brewly AND (${Array.from({ length: 40 }, (_, i) => `w${i}`).join(' OR ')})`;
    expect(req(big)).toBe('brewly');
  });
});

// Texts chosen to trip tokenizer differences between the matcher and the stores'
// full-text indexes: hosts, URLs, decimals, underscores, apostrophes, ligatures,
// combining marks, scripts without case, emoji glued to words.
const TEXTS = [
  'Brewly delivery was late again',
  'visit brewly.com for deals',
  'https://shop.brewly.com/deals?x=1 is the link',
  'mail me at info@brewly.com',
  'rated 3.5 stars, v2.1 soon',
  'my handle is brewly_fr',
  "don't forget brewly's cold brew",
  'the ﬁne print at Brewly',
  'İstanbul CAFÉ naïve ΟΔΟΣ',
  'Доставката закъсня с два дни, brewly',
  'القَهْوَة رائعة جدا من brewly',
  'यह सिनेमा बहुत अच्छा है brewly',
  '☕️brewly😀 best coffee',
  '#Brewly #coldbrew love it',
  'thanks @Brewly and @alice@mastodon.social',
  'e-mail from coca-cola about colour',
  'nothing relevant here',
  'slow delivery, late and cold',
];
const QUERIES = [
  'brewly',
  'brewly AND deals',
  'com',
  'shop',
  'deals',
  'info',
  '3.5',
  '5',
  'v2',
  'brewly_fr',
  'fr',
  "don't",
  's',
  '"cold brew"',
  'fine',
  'istanbul',
  'cafe AND naive',
  'οδος',
  'доставк*',
  'доставката',
  'القهوة',
  'सिनेमा',
  'अच्छा',
  'coffee',
  '#brewly',
  '#coldbrew',
  '@brewly',
  '@alice',
  '@alice@mastodon.social',
  'e-mail',
  'mail',
  'coca-cola',
  'colo?r',
  'deliv* NEAR/2 late',
  'late NEAR/1f deliv*',
  '"late delivery"~3',
  'brewly NOT late',
  'NOT brewly',
  'brewly OR nothing',
  'author:alice',
  'site:brewly.com',
  'source:import brewly',
  'source:rss',
  'source:RSS OR source:import',
  'lang:fr',
  'lang:pt',
  'lang:fr brewly NOT source:rss',
  'site:brewly.com NOT brewly',
  'site:blog.brewly.com',
  'site:ewly.com',
  'url:blog.brewly.com/p',
  'brewly OR coffee',
  '(com OR mail) AND NOT info',
  '(deliv* OR colo?r) AND (late OR e-mail OR stars)',
  '#coldbrew OR @alice OR सिनेमा OR القهوة',
  'source:rss OR lang:fr',
  '(lang:fr OR site:brewly.com) brewly',
];

function mention(text: string, i: number): MentionInput {
  return {
    source: i % 3 === 0 ? 'rss' : 'import',
    externalId: `m${i}`,
    url: i % 2 === 0 ? 'https://blog.brewly.com/p' : i % 5 === 0 ? 'https://www.Brewly.com/' : null,
    lang: ['fr', 'en', 'pt-BR', null, 'FR'][i % 5],
    author: { handle: i % 4 === 0 ? 'alice@mastodon.social' : `user${i}`, displayName: null, followers: null },
    text,
    publishedAt: new Date(Date.UTC(2026, 2, 1, 0, i)),
    engagement: { likes: 0, shares: 0, replies: 0, views: null },
  };
}

async function scan(store: Store, ws: number, query: string, prefilter: boolean): Promise<string[]> {
  const compiled = compileQuery(query);
  const condition = prefilter ? candidateCondition(store, compiled.ast) : null;
  let select = store.db.selectFrom('mentions').selectAll().where('workspace_id', '=', ws);
  if (condition) select = select.where(condition);
  const rows = await select.execute();
  return rows.filter((row) => compiled.matches(matchableRow(row))).map((row) => row.external_id).sort();
}

describeEachStore('pre-filter equivalence', (open) => {
  it('returns exactly what a full scan with the matcher returns', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    await upsertMentions(store, ws, TEXTS.map(mention));
    let narrowed = 0;
    for (const query of QUERIES) {
      const full = await scan(store, ws, query, false);
      const filtered = await scan(store, ws, query, true);
      expect(filtered, query).toEqual(full);
      const page = await searchMentions(store, ws, { query, limit: 1000 });
      expect(page.mentions.map((m) => m.externalId).sort(), `search ${query}`).toEqual(full);
      if (candidateCondition(store, parseQuery(query))) narrowed++;
    }
    expect(narrowed).toBeGreaterThan(40);
    expect(await scan(store, ws, 'lang:fr', false)).toHaveLength(7);
    expect(await scan(store, ws, 'site:brewly.com', false)).toHaveLength(11);
    // The corpus must make the queries discriminate, or equality proves nothing.
    expect(await scan(store, ws, 'brewly', false)).toHaveLength(12);
    expect(await scan(store, ws, 'com', false)).toEqual(['m1', 'm2', 'm3']);
  });
});
