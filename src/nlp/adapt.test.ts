import { expect, it } from 'vitest';
import type { SentimentLabel } from '../core/mention.ts';
import { correctSentiment } from '../inbox/corrections.ts';
import { inboxMention } from '../inbox/testing.ts';
import { loadPipeline } from '../listen/load-pipeline.ts';
import { ingestBatch } from '../listen/pipeline.ts';
import { getMentionsByIds } from '../store/mentions.ts';
import { describeEachStore } from '../store/testing.ts';
import { createWorkspace, workspaceId } from '../store/workspaces.ts';
import type { Store } from '../store/store.ts';
import { adapterStatus, adaptWorkspace, readerOf, staleAdapters, storedAdapter } from './adapt.ts';
import { AdaptScheduler } from './adapt-scheduler.ts';
import { models } from './models.ts';

const NOW = Date.UTC(2026, 2, 5, 12);
// A recurring wording (a price complaint without a negative word) and its variants.
const WORDING = ['Brewly ha alzato di nuovo i prezzi, non ne vale la pena', 'Anche oggi Brewly ha alzato di nuovo i prezzi, non ne vale la pena', 'ha alzato di nuovo i prezzi… non ne vale la pena, Brewly', 'Brewly ha alzato di nuovo i prezzi: non ne vale la pena!'];
const UNSEEN = 'Ecco, Brewly ha alzato di nuovo i prezzi. Non ne vale la pena.';
const OTHERS = ['Che bella giornata, grazie a tutti!', 'Il nuovo negozio di Brewly apre lunedì', 'servizio lentissimo, che delusione', 'Adoro il caffè di Brewly', 'Brewly pubblica il menù di primavera', 'ottimo servizio, complimenti'];

const baseLabel = (text: string): SentimentLabel => models().analyzer.analyze(text, 'it').label;

/**
 * What the base model reads in each variant of a wording, and a label it gives none of them:
 * what a person corrects the wording to. Derived from the shipped model, so the test holds
 * whatever a retrained model reads.
 */
function correctionFor(texts: readonly string[]): { bases: SentimentLabel[]; target: SentimentLabel } {
  const bases = texts.map(baseLabel);
  const target = (['negative', 'positive', 'neutral'] as const).find((label) => !bases.includes(label))!;
  return { bases, target };
}

async function ingest(store: Store, ws: number, items: [string, string][]): Promise<number[]> {
  const result = await ingestBatch(store, ws, items.map(([id, text]) => inboxMention(id, text)), await loadPipeline(store, ws));
  return result.ids;
}

async function labels(store: Store, ids: number[]): Promise<(SentimentLabel | undefined)[]> {
  return (await getMentionsByIds(store, ids)).map((m) => m.sentiment?.label);
}

async function twoWorkspaces(store: Store) {
  const a = await workspaceId(store);
  const b = await createWorkspace(store, 'other', 'Other');
  const texts: [string, string][] = [...WORDING.map((t, i) => [`w${i}`, t] as [string, string]), ...OTHERS.map((t, i) => [`o${i}`, t] as [string, string])];
  return { a, b, idsA: await ingest(store, a, texts), idsB: await ingest(store, b, texts) };
}

describeEachStore('sentiment adaptation', (open) => {
  it('reads a wording corrected a few times as corrected, in that workspace only', async () => {
    const store = await open();
    const { a, b, idsA, idsB } = await twoWorkspaces(store);
    // UNSEEN too: its reading must differ from the correction for the last check to mean anything.
    const { bases, target } = correctionFor([...WORDING, UNSEEN]);
    expect(await labels(store, idsA.slice(0, 4))).toEqual(bases.slice(0, 4));

    await correctSentiment(store, a, idsA.slice(0, 3), target, null, NOW);
    const result = await adaptWorkspace(store, a, models(), { now: () => NOW });
    expect(result).toMatchObject({ corrections: 3, scanned: 10 });
    expect(result.changed).toBeGreaterThanOrEqual(1);

    // Re-read through the writer: the uncorrected variant follows; B is untouched.
    expect(await labels(store, idsA.slice(0, 4))).toEqual([target, target, target, target]);
    expect(await labels(store, idsB.slice(0, 4))).toEqual(bases.slice(0, 4));
    // Corrections are kept as people set them (certain), not re-read.
    expect((await getMentionsByIds(store, [idsA[0]!]))[0]!.sentiment?.probabilities[target]).toBe(1);

    // New mentions: the adapter applies at enrichment in A only.
    const [newA] = await ingest(store, a, [['u', UNSEEN]]);
    const [newB] = await ingest(store, b, [['u', UNSEEN]]);
    expect(await labels(store, [newA!, newB!])).toEqual([target, baseLabel(UNSEEN)]);

    // Each correction, held out, is read right by an adapter trained on the other two: the wording recurs.
    expect(await adapterStatus(store, a, models())).toEqual({ corrections: 3, adaptedFrom: 3, trainedAt: new Date(NOW).toISOString(), stale: false, heldOut: { fixed: 3, broken: 0 }, applied: true });
    expect(await adapterStatus(store, b, models())).toEqual({ corrections: 0, adaptedFrom: null, trainedAt: null, stale: false, heldOut: null, applied: false });
  });

  it('flips a wording that most of the workspace repeats uncorrected (its copies are no anchors)', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const copies: [string, string][] = Array.from({ length: 24 }, (_, i) => [`c${i}`, `${WORDING[i % WORDING.length]!} #${i}`]);
    const ids = await ingest(store, ws, [...copies, ...OTHERS.map((t, i) => [`o${i}`, t] as [string, string])]);
    const { target } = correctionFor(WORDING);
    await correctSentiment(store, ws, ids.slice(0, 3), target, null, NOW);
    await adaptWorkspace(store, ws, models(), { now: () => NOW });
    expect(new Set(await labels(store, ids.slice(0, 24)))).toEqual(new Set([target]));
  });

  it('leaves an adapter trained for another base model aside until it is retrained', async () => {
    const store = await open();
    const { a, idsA } = await twoWorkspaces(store);
    const { target } = correctionFor([...WORDING, UNSEEN]);
    await correctSentiment(store, a, idsA.slice(0, 3), target, null, NOW);
    await adaptWorkspace(store, a, models(), { now: () => NOW, reenrich: false });
    await store.db.updateTable('sentiment_adapters').set({ base_version: 'replaced-model' }).where('workspace_id', '=', a).execute();

    // Set aside, it is not applied, whatever its held-out check said.
    expect(await adapterStatus(store, a, models())).toMatchObject({ stale: true, applied: false });
    expect(await staleAdapters(store, models())).toEqual([a]);
    expect(readerOf(models(), await storedAdapter(store, a)).analyze(UNSEEN, 'it').label).toBe(baseLabel(UNSEEN));
    expect(baseLabel(UNSEEN)).not.toBe(target);

    await adaptWorkspace(store, a, models(), { now: () => NOW, reenrich: false });
    expect(await adapterStatus(store, a, models())).toMatchObject({ stale: false, applied: true });
    expect(await staleAdapters(store, models())).toEqual([]);
    expect(readerOf(models(), await storedAdapter(store, a)).analyze(UNSEEN, 'it').label).toBe(target);
  });

  it('applies an adapter stored before the held-out check existed as it did (no counts: migration 5270)', async () => {
    const store = await open();
    const { a, idsA } = await twoWorkspaces(store);
    const { target } = correctionFor([...WORDING, UNSEEN]);
    await correctSentiment(store, a, idsA.slice(0, 3), target, null, NOW);
    await adaptWorkspace(store, a, models(), { now: () => NOW, reenrich: false });
    await store.db.updateTable('sentiment_adapters').set({ held_out_fixed: null, held_out_broken: null }).where('workspace_id', '=', a).execute();
    expect(await adapterStatus(store, a, models())).toMatchObject({ adaptedFrom: 3, heldOut: null, applied: true });
    expect(readerOf(models(), await storedAdapter(store, a)).analyze(UNSEEN, 'it').label).toBe(target);
  });

  it('retrains once for a burst of corrections (debounced), in the background', async () => {
    const store = await open();
    const { a, idsA } = await twoWorkspaces(store);
    const { target } = correctionFor(WORDING);
    const scheduler = new AdaptScheduler(store, models, 3_600_000);
    for (const id of idsA.slice(0, 3)) {
      await correctSentiment(store, a, [id], target, null, NOW);
      scheduler.request(a);
    }
    expect(scheduler.pending(a)).toBe(true);
    expect(await storedAdapter(store, a)).toBeNull();
    await scheduler.flush();
    expect(scheduler.pending(a)).toBe(false);
    expect((await storedAdapter(store, a))?.corrections).toBe(3);
    expect(await labels(store, [idsA[3]!])).toEqual([target]);
    await scheduler.close();
  });
});
