/**
 * `npm run bench:query`: what topic matching costs at ingestion, and what the SQL
 * pre-filter saves when a topic is backfilled.
 *
 * Times are CPU seconds of the process (the machine may be shared).
 *
 * 1. Matcher: 200,000 mentions built from the bundled multilingual sample posts with
 *    brand names, hashtags, handles and links woven in, matched against 20 realistic
 *    topics (OR lists, phrases, NEAR, wildcards, NOT, fields). Prints mentions/s and
 *    µs per mention for all topics together, with the text analysis shared across
 *    topics (as ingestion does) and, for comparison, re-analysed for every topic.
 * 2. Backfill: the same kind of stream, 100,000 mentions in a fresh SQLite file;
 *    times `backfillTopic` for a selective topic with and without the full-text
 *    pre-filter.
 *
 *   npm run bench:query
 *   npm run bench:query -- --mentions 50000 --store-mentions 20000
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { MentionInput } from '../src/core/mention.ts';
import { Random } from '../src/core/random.ts';
import { loadSampleTexts } from '../src/demo/sample-stream.ts';
import { backfillTopic } from '../src/listen/backfill.ts';
import { compileQuery } from '../src/listen/query/matcher.ts';
import { createTopic } from '../src/listen/topics.ts';
import { upsertMentions } from '../src/store/mention-writer.ts';
import { openStore } from '../src/store/store.ts';
import { workspaceId } from '../src/store/workspaces.ts';

const { values: args } = parseArgs({
  options: {
    mentions: { type: 'string', default: '200000' },
    'store-mentions': { type: 'string', default: '100000' },
  },
});

const TOPICS = [
  'brewly OR "brew ly" OR #brewly OR @brewly',
  'kaffio OR #kaffio',
  'beanstack OR "bean stack"',
  '(brewly OR kaffio OR beanstack) AND (deliv* OR shipping OR livraison OR доставк*)',
  'brewly NEAR/3 (late OR slow OR cold OR broken)',
  '(brewly OR kaffio) NEAR/5f (love OR great OR amazing)',
  '"cold brew"~3',
  '#coffee OR #cafe OR #kopi',
  'brewly NOT (author:brewly OR site:brewly.example)',
  'lang:fr (brewly OR kaffio)',
  'source:reddit brewly',
  'site:coffeenews.example',
  'refund* OR rembours* OR rimbors*',
  'colo?r OR flavo?r',
  'kaffio NEAR/2 (launch OR new OR nouveau)',
  '(espresso OR latte OR cappuccino) AND NOT decaf',
  'beanstack AND (price* OR prix OR prezzo OR harga)',
  '"customer service" OR "service client" OR "servizio clienti"',
  '@kaffio OR author:kaffio',
  'brewly AND kaffio',
];

const BRANDS = ['Brewly', 'Kaffio', 'Beanstack', 'brewly', '#Brewly', '@kaffio', 'cold brew', 'delivery', 'launch', '#coffee'];
const SOURCES = ['mastodon', 'bluesky', 'reddit', 'rss', 'hackernews'];
const SITES = ['coffeenews.example', 'brewly.example', 'blog.example.org', 'retailtoday.example'];

function stream(count: number, seed: number): MentionInput[] {
  const random = new Random(seed);
  const samples = loadSampleTexts();
  const t0 = Date.UTC(2026, 0, 1);
  return Array.from({ length: count }, (_, i) => {
    const sample = random.pick(samples);
    const words = sample.text.split(' ');
    words.splice(random.int(0, words.length + 1), 0, random.pick(BRANDS));
    if (random.next() < 0.3) words.push(random.pick(BRANDS));
    return {
      source: random.pick(SOURCES),
      externalId: `b${i}`,
      url: random.next() < 0.5 ? `https://${random.pick(SITES)}/p/${i}` : null,
      author: { handle: `user${random.int(0, 50_000)}`, displayName: null, followers: null },
      text: words.join(' '),
      publishedAt: new Date(t0 + i * 10_000),
      engagement: { likes: 0, shares: 0, replies: 0, views: null },
      lang: sample.lang,
    };
  });
}

// CPU time of this process, not wall time: the benchmark machine is shared, and
// waiting for a core is not the matcher's cost.
const now = () => {
  const { user, system } = process.cpuUsage();
  return BigInt(user + system) * 1000n;
};
const seconds = (start: bigint) => Number(now() - start) / 1e9;

function benchMatcher(count: number): void {
  const parseStart = now();
  const rounds = 200;
  for (let r = 0; r < rounds; r++) for (const q of TOPICS) compileQuery(q);
  const parseUs = (seconds(parseStart) / (rounds * TOPICS.length)) * 1e6;
  const topics = TOPICS.map((q) => compileQuery(q));

  // Like ingestion: batches of fresh mention objects that die after matching (the
  // analysis is memoised per object, so a long-lived array would skew memory and GC).
  const all = stream(count, 1);
  const BATCH = 2000;
  const run = (fresh: (m: MentionInput) => MentionInput) => {
    let links = 0;
    const start = now();
    for (let i = 0; i < all.length; i += BATCH) {
      const batch = all.slice(i, i + BATCH).map((m) => ({ ...m }));
      for (const m of batch) for (const t of topics) if (t.matches(fresh(m))) links++;
    }
    return { links, s: seconds(start) };
  };
  const baseline = (() => {
    const start = now();
    for (let i = 0; i < all.length; i += BATCH) all.slice(i, i + BATCH).map((m) => ({ ...m }));
    return seconds(start);
  })();
  const shared = run((m) => m);
  const unshared = run((m) => ({ ...m }));
  if (shared.links !== unshared.links) throw new Error(`shared and unshared analysis disagree: ${shared.links} vs ${unshared.links}`);
  const links = shared.links;
  const sharedS = shared.s - baseline;
  const unsharedS = unshared.s - baseline;

  const row = (label: string, s: number) =>
    `  ${label.padEnd(44)} ${Math.round(count / s).toLocaleString('en').padStart(9)} mentions/s   ${((s / count) * 1e6).toFixed(2).padStart(7)} µs/mention`;
  console.log(`matcher: ${count.toLocaleString('en')} mentions × ${topics.length} topics, ${links.toLocaleString('en')} links`);
  console.log(row('all topics, text analysed once (ingestion)', sharedS));
  console.log(row('all topics, text analysed per topic', unsharedS));
  console.log(`  parse + compile: ${parseUs.toFixed(1)} µs per query`);
}

async function benchBackfill(count: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'murmur-bench-query-'));
  try {
    const store = await openStore(join(dir, 'bench.db'));
    const ws = await workspaceId(store);
    const mentions = stream(count, 2);
    for (let i = 0; i < mentions.length; i += 5000) await upsertMentions(store, ws, mentions.slice(i, i + 5000));
    console.log(`backfill: ${count.toLocaleString('en')} mentions in SQLite`);
    for (const [label, query] of [
      ['selective, pre-filtered', 'beanstack AND (price* OR prix OR prezzo OR harga)'],
      ['same matches, no pre-filter', '(beanstack AND (price* OR prix OR prezzo OR harga)) OR (author:nobody NOT author:nobody)'],
      ['OR list, pre-filtered', 'kaffio OR #kaffio OR @kaffio OR "kaf fio"'],
      ['broad, pre-filtered', 'brewly'],
    ] as const) {
      const { topic } = await createTopic(store, ws, { name: label, query }, { backfill: false });
      const start = now();
      const result = await backfillTopic(store, ws, topic.id);
      const s = seconds(start);
      console.log(
        `  ${label.padEnd(30)} scanned ${result.scanned.toLocaleString('en').padStart(8)}  matched ${result.matched.toLocaleString('en').padStart(7)}  ${s.toFixed(2)} s  (${Math.round(count / s).toLocaleString('en')} mentions/s)`,
      );
    }
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

benchMatcher(Number(args.mentions));
await benchBackfill(Number(args['store-mentions']));
