/**
 * `npm run bench:tag-rules`: what a tag rule costs when it is added, changed or removed —
 * the backfill over the stored mentions (src/inbox/tags.ts) — on 100,000 stored mentions.
 *
 * Mentions are built from the bundled multilingual sample posts with brand names and, in
 * about one in ten, a billing word in one of several languages woven in. Prints CPU seconds
 * of this process and wall seconds (the store's I/O included) for each step.
 *
 *   npm run bench:tag-rules
 *   npm run bench:tag-rules -- --mentions 20000
 *   npm run bench:tag-rules -- --db postgres://murmur:murmur@127.0.0.1:5433/bench   (an empty database)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { MentionInput } from '../src/core/mention.ts';
import { Random } from '../src/core/random.ts';
import { loadSampleTexts } from '../src/demo/sample-stream.ts';
import { addTagRule, removeTagRule, updateTagRule } from '../src/inbox/tags.ts';
import { upsertMentions } from '../src/store/mention-writer.ts';
import { backendName, openStore } from '../src/store/store.ts';
import { workspaceId } from '../src/store/workspaces.ts';

const { values: args } = parseArgs({ options: { mentions: { type: 'string', default: '100000' }, db: { type: 'string' } } });

const BRANDS = ['Brewly', 'Kaffio', 'Beanstack', '#Brewly', '@kaffio', 'cold brew', 'delivery'];
const BILLING = ['refund', 'refunded', 'remboursé', 'remboursement', 'возстановяване', 'возстановить', 'rimborso'];

function stream(count: number): MentionInput[] {
  const random = new Random(7);
  const samples = loadSampleTexts();
  const t0 = Date.UTC(2026, 0, 1);
  return Array.from({ length: count }, (_, i) => {
    const sample = random.pick(samples);
    const words = sample.text.split(' ');
    words.splice(random.int(0, words.length + 1), 0, random.pick(BRANDS));
    if (random.next() < 0.1) words.push(random.pick(BILLING));
    return {
      source: 'bench',
      externalId: `t${i}`,
      url: null,
      author: { handle: `user${random.int(0, 50_000)}`, displayName: null, followers: null },
      text: words.join(' '),
      publishedAt: new Date(t0 + i * 10_000),
      engagement: { likes: 0, shares: 0, replies: 0, views: null },
      lang: sample.lang,
    };
  });
}

const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

async function step<T extends object>(label: string, work: () => Promise<T>): Promise<T> {
  const [c0, w0] = [cpu(), performance.now()];
  const result = await work();
  const [c, w] = [cpu() - c0, (performance.now() - w0) / 1000];
  console.log(`  ${label.padEnd(44)} ${w.toFixed(2).padStart(6)} s wall  ${c.toFixed(2).padStart(6)} s CPU  ${JSON.stringify(result)}`);
  return result;
}

const count = Number(args.mentions);
const dir = mkdtempSync(join(tmpdir(), 'murmur-bench-tags-'));
try {
  const store = await openStore(args.db ?? join(dir, 'bench.db'));
  const ws = await workspaceId(store);
  const mentions = stream(count);
  for (let i = 0; i < mentions.length; i += 5000) await upsertMentions(store, ws, mentions.slice(i, i + 5000));
  console.log(`tag rule backfill: ${count.toLocaleString('en')} stored mentions, ${backendName(store)}`);
  const now = Date.UTC(2026, 5, 1);
  const billing = await step('add  billing ← refund* OR rembours* OR возстанов*', async () => {
    const r = await addTagRule(store, ws, { tag: 'billing', query: 'refund* OR rembours* OR возстанов*' }, now);
    return { id: r.rule.id, ...r.backfill };
  });
  await step('change it to refund* OR rembours* OR rimbors*', async () => (await updateTagRule(store, ws, billing.id, { query: 'refund* OR rembours* OR rimbors*' }, now + 1)).backfill);
  const broad = await step('add  brand ← brewly OR kaffio (broad)', async () => {
    const r = await addTagRule(store, ws, { tag: 'brand', query: 'brewly OR kaffio' }, now);
    return { id: r.rule.id, ...r.backfill };
  });
  await step('remove the broad rule', () => removeTagRule(store, ws, broad.id));
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
