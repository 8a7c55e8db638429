import { expect, it } from 'vitest';
import type { MentionInput } from '../core/mention.ts';
import { getMentionsByIds } from '../store/mentions.ts';
import { upsertMentions } from '../store/mention-writer.ts';
import { describeEachStore } from '../store/testing.ts';
import { workspaceId } from '../store/workspaces.ts';
import { models } from './models.ts';
import { createTopic } from '../listen/topics.ts';
import { refreshRollup } from '../watch/rollup.ts';
import { reenrichMentions } from './reenrich.ts';

const TEXTS = ['I hate waiting an hour for support', 'Che bella giornata, grazie a tutti!', 'tidak bagus sama sekali', '👍'];

function mention(i: number, extra: Partial<MentionInput> = {}): MentionInput {
  return {
    source: 'import',
    externalId: `m${i}`,
    url: null,
    author: { handle: 'a', displayName: null, followers: null },
    text: TEXTS[i % TEXTS.length]!,
    publishedAt: new Date(1_700_000_000_000 + i),
    engagement: { likes: 0, shares: 0, replies: 0, views: null },
    ...extra,
  };
}

describeEachStore('reenrichMentions', (open) => {
  it('fills missing language and sentiment page by page, then rewrites all with --all', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const stale = { lang: 'xx', langConfidence: 0.1, sentiment: { label: 'neutral' as const, score: 0, probabilities: { negative: 0, neutral: 1, positive: 0 } } };
    const { ids } = await upsertMentions(store, ws, [...Array.from({ length: 7 }, (_, i) => mention(i)), mention(7, stale)]);

    const progress: [number, number][] = [];
    const missing = await reenrichMentions(store, ws, models(), { mode: 'missing', pageSize: 3, onProgress: (d, t) => progress.push([d, t]) });
    expect(missing.scanned).toBe(7);
    expect(progress.at(-1)).toEqual([7, 7]);
    let stored = await getMentionsByIds(store, ids);
    expect(stored.map((m) => m.lang)).toEqual(['en', 'it', 'id', 'und', 'en', 'it', 'id', 'xx']);
    expect(stored[0]!.sentiment?.label).toBe('negative');
    expect(stored[1]!.sentiment?.label).toBe('positive');

    const all = await reenrichMentions(store, ws, models(), { mode: 'all', pageSize: 3 });
    expect(all).toEqual({ scanned: 8, changed: 1 });
    stored = await getMentionsByIds(store, ids);
    expect(stored[7]!.lang).toBe('und');
    expect(stored[7]!.langConfidence).toBe(0);
  });

  it('weighs the stored network tag as ingestion did', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const { ids } = await upsertMentions(store, ws, [mention(0, { externalId: 'short', text: 'Menu', langHint: 'pt-BR' }), mention(1, { externalId: 'clear', langHint: 'de' })]);
    await reenrichMentions(store, ws, models(), { mode: 'all' });
    expect((await getMentionsByIds(store, ids)).map((m) => m.lang)).toEqual(['pt', 'it']);
  });

  it('is seen by Watch: a mention whose sentiment changed is counted anew at the next rollup refresh', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const wrong = { lang: 'en', langConfidence: 1, sentiment: { label: 'positive' as const, score: 1, probabilities: { negative: 0, neutral: 0, positive: 1 } } };
    // Two complaints stored with a wrong positive label, as an older model would have left them.
    await upsertMentions(store, ws, [mention(0, wrong), mention(4, { ...wrong, externalId: 'm4' })]);
    await createTopic(store, ws, { name: 'Support', query: 'support', role: 'brand' });
    const totals = async () => {
      await refreshRollup(store, ws);
      const row = await store.db
        .selectFrom('watch_rollup_total')
        .select((eb) => [eb.fn.sum<number>('negative').as('negative'), eb.fn.sum<number>('positive').as('positive')])
        .where('workspace_id', '=', ws)
        .executeTakeFirstOrThrow();
      return { negative: Number(row.negative), positive: Number(row.positive) };
    };
    expect(await totals()).toEqual({ negative: 0, positive: 2 });
    await reenrichMentions(store, ws, models(), { mode: 'all' });
    expect(await totals()).toEqual({ negative: 2, positive: 0 });
  });
});
