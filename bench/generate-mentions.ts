/**
 * A large store for the benches (bench:export, bench:sort): `total` mentions over 2025 in
 * the store's one workspace, written with prepared statements (not the NLP pipeline,
 * which bench:ingest measures), with varied followers and engagement.
 */
import { existsSync } from 'node:fs';
import { derivedColumns } from '../src/store/mentions.ts';
import { pauseIndexes, resumeIndexes } from '../src/store/sqlite/bulk-load.ts';
import type { SqliteDriver } from '../src/store/sqlite/sqlite-driver.ts';
import { openStore } from '../src/store/store.ts';
import { workspaceId } from '../src/store/workspaces.ts';

export const YEAR_START = Date.UTC(2025, 0, 1);
export const YEAR_MS = 365 * 86_400_000;
const SOURCES = ['mastodon', 'bluesky', 'reddit', 'hackernews', 'rss'];
const SENTIMENTS = ['negative', 'neutral', 'positive'];
const WORDS = 'brewly coffee price delivery late great beans roast morning cup order refund support barista flavour'.split(' ');

export async function generateMentions(db: string, total: number): Promise<void> {
  const store = await openStore(db);
  const ws = await workspaceId(store);
  const sqlite = (store.driver as SqliteDriver).database;
  pauseIndexes(sqlite);
  const insert = sqlite.prepare(`insert into mentions (workspace_id, source, external_id, url, domain, author_handle, author_name, author_followers, text, text_norm,
    published_at, lang, sentiment, sentiment_score, likes, shares, replies, hashtags, mentioned, first_seen_at, updated_at)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  const batch = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const text = `${Array.from({ length: 8 + Math.floor(random() * 30) }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ')} #${i % 97}`;
      const url = `https://social.example/@user${i % 50_000}/${i}`;
      const derived = derivedColumns({ text, url } as never);
      const at = YEAR_START + Math.floor((i / total) * YEAR_MS);
      insert.run(ws, SOURCES[i % SOURCES.length], `m${i}`, url, derived.domain, `user${i % 50_000}@social.example`, `User ${i % 50_000}`, Math.floor(random() * 100_000),
        text, derived.text_norm, at, 'en', SENTIMENTS[i % 3], random() * 2 - 1, i % 50, i % 7, i % 5, derived.hashtags, derived.mentioned, at, at);
    }
  });
  for (let i = 0; i < total; i += 20_000) batch(i, Math.min(total, i + 20_000));
  resumeIndexes(sqlite);
  await store.close();
}

/** The bench store at `db`, generated first (with its time) when there is none yet. */
export async function ensureBenchStore(db: string, total: number): Promise<void> {
  if (existsSync(db)) return;
  const started = performance.now();
  process.stdout.write(`generating ${total.toLocaleString('en')} mentions… `);
  await generateMentions(db, total);
  process.stdout.write(`${((performance.now() - started) / 1000).toFixed(0)} s\n`);
}
