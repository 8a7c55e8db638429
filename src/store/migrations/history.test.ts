/**
 * Migrations are a history every store replays: a store made by the first released
 * schema and upgraded through every later one must end with the schema of a store made
 * today (tables, columns and their types, indexes, triggers), with its rows kept.
 *
 * The first released set is replayed as it shipped: 0001-core and 3001-watch were edited
 * afterwards (what this test is for), so released-first/ keeps them as they were; the others
 * are unchanged since. later migrations run in the
 * order they appeared on main (git log of migrations/index.ts), which is not their name
 * order: that is how stores made before the one sequence (5002 on) were upgraded.
 */
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { openStore } from '../store.ts';
import { describeEachStore, describeSchema } from '../testing.ts';
import { migrations } from './index.ts';
import type { MurmurMigration } from './migration.ts';
import { coreMigration } from './released-first/0001-core.ts';
import { connectorsMigration } from './2001-connectors.ts';
import { watchMigration } from './released-first/3001-watch.ts';
import { planMigration } from './4001-plan.ts';
import { roiMigration } from './4002-roi.ts';
import { experimentsMigration } from './4003-experiments.ts';
import { accountsMigration } from './5001-accounts.ts';

/** The schema of d35dbe5, the first with every part (core, connectors, watch, plan, ROI, experiments, accounts). */
const FIRST_RELEASED: MurmurMigration[] = [coreMigration, connectorsMigration, watchMigration, planMigration, roiMigration, experimentsMigration, accountsMigration];

/** Migrations after the first released set, in the order main received them. */
const ARRIVALS = [
  '3002-watch-catch-up',
  '0002-core-drop-tsvector',
  '3003-watch-rankings',
  '3004-watch-author-months',
  '3005-watch-author-ranks',
  '3006-watch-rollup-sources',
  '0003-core-previous-published-at',
  '4004-roi-link-visits',
  '0004-core-source-lang',
  '3007-watch-seal-alert-channels',
  '4005-roi-seal-crm-secret',
  '0005-core-unfinished-loads',
];

it('runs every migration: the first released set, those that arrived after it (ARRIVALS), then one sequence from 5002, each above all before it', () => {
  const names = migrations.map((m) => m.name);
  const released = new Set(FIRST_RELEASED.map((m) => m.name));
  const early = names.filter((n) => n < '5002');
  expect(early.filter((n) => !released.has(n)).sort()).toEqual([...ARRIVALS].sort());
  const sequence = names.slice(early.length);
  expect(sequence.every((n) => n >= '5002')).toBe(true);
  expect(sequence).toEqual([...sequence].sort());
});

describeEachStore('migration history', (_open, location) => {
  it('a store made by the first released schema and upgraded step by step ends identical to a fresh one, its rows kept', async () => {
    const oldLocation = await location();
    const old = await openStore(oldLocation, FIRST_RELEASED);
    const at = Date.UTC(2025, 0, 2);
    await sql`insert into topics (workspace_id, name, query, role, created_at, updated_at) values (1, 'Acme', 'acme', 'brand', ${at}, ${at})`.execute(old.db);
    await sql`insert into mentions (workspace_id, source, external_id, author_handle, text, text_norm, published_at, hashtags, first_seen_at, updated_at, likes)
      values (1, 'rss', 'old-1', 'alice', 'Acme #launch', 'acme #launch', ${at}, '["launch"]', ${at}, ${at}, 3)`.execute(old.db);
    await sql`insert into mention_topics (mention_id, topic_id, published_at) select m.id, t.id, m.published_at from mentions m, topics t`.execute(old.db);
    await sql`insert into mention_hashtags (mention_id, workspace_id, tag, published_at) select id, 1, 'launch', published_at from mentions`.execute(old.db);
    await old.close();

    const applied = [...FIRST_RELEASED];
    for (const name of ARRIVALS) {
      applied.push(migrations.find((m) => m.name === name)!);
      const step = await openStore(oldLocation, applied);
      await step.close();
    }
    const upgraded = await openStore(oldLocation);
    const fresh = await openStore(await location());
    try {
      expect(await describeSchema(upgraded)).toEqual(await describeSchema(fresh));
      const kept = await upgraded.db.selectFrom('mentions').innerJoin('mention_topics', 'mention_topics.mention_id', 'mentions.id').select(['external_id', 'likes']).execute();
      expect(kept.map((r) => [r.external_id, Number(r.likes)])).toEqual([['old-1', 3]]);
    } finally {
      await upgraded.close();
      await fresh.close();
    }
  });
});
