/**
 * A workspace's sentiment adapter in the store: trained from its corrections
 * (`adaptWorkspace`: `murmur nlp adapt`, the API, and the server in the background after
 * corrections), read back for enrichment (`storedAdapter`, `sentimentReaderFor`), and its
 * state for the dashboard (`adapterStatus`). After training, the workspace's stored mentions
 * are re-read through the mention writer, which keeps people's corrections.
 */
import type { SentimentLabel } from '../core/mention.ts';
import { readSentimentCorrections } from '../store/sentiment-corrections.ts';
import type { Store } from '../store/store.ts';
import { adapterApplies, adaptedReader, baseModelVersion, decodeAdapterWeights, encodeAdapterWeights, trainCheckedAdapterInSlices, type AdaptExample, type BaseSentiment, type HeldOutCheck, type SentimentReader } from './adapter.ts';
import type { LanguageDetector } from './langid.ts';
import { reenrichMentions } from './reenrich.ts';

/** What the store keeps of an adapter; plain data, so it crosses to import workers as it is. */
export interface StoredAdapter {
  baseVersion: string;
  corrections: number;
  weights: string;
  trainedAt: number;
  /** Its held-out check; null for an adapter trained before the check existed. */
  heldOut: HeldOutCheck | null;
}

export interface AdaptModels {
  detector: LanguageDetector;
  analyzer: BaseSentiment & SentimentReader;
}

/** Uncorrected mentions the adapter must leave as the base model reads them: a few per correction, within bounds. */
export function anchorCount(corrections: number): number {
  return Math.min(1000, Math.max(100, 3 * corrections));
}

export async function storedAdapter(store: Store, workspaceId: number): Promise<StoredAdapter | null> {
  const row = await store.db.selectFrom('sentiment_adapters').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
  if (!row) return null;
  const heldOut = row.held_out_fixed == null || row.held_out_broken == null ? null : { fixed: Number(row.held_out_fixed), broken: Number(row.held_out_broken) };
  return { baseVersion: row.base_version, corrections: Number(row.corrections), weights: row.weights, trainedAt: Number(row.trained_at), heldOut };
}

/** The workspace's reader: the base model with its adapter on top when there is one for this base model, else the base model. */
export function readerOf(nlp: Pick<AdaptModels, 'analyzer'>, adapter: StoredAdapter | null): SentimentReader {
  if (!adapter || adapter.baseVersion !== baseModelVersion(nlp.analyzer)) return nlp.analyzer;
  return adaptedReader(nlp.analyzer, { baseVersion: adapter.baseVersion, corrections: adapter.corrections, weights: decodeAdapterWeights(adapter.weights) });
}

export async function sentimentReaderFor(store: Store, workspaceId: number, nlp: Pick<AdaptModels, 'analyzer'>): Promise<SentimentReader> {
  return readerOf(nlp, await storedAdapter(store, workspaceId));
}

async function trainingData(store: Store, workspaceId: number, nlp: AdaptModels): Promise<{ corrections: AdaptExample[]; anchors: { text: string; lang: string }[] }> {
  const corrections: AdaptExample[] = [];
  for await (const row of readSentimentCorrections(store.db, workspaceId)) {
    corrections.push({ text: row.text, lang: row.lang ?? nlp.detector.detect(row.text).lang, label: row.label as SentimentLabel });
  }
  const anchors = await store.db
    .selectFrom('mentions')
    .select(['text', 'lang'])
    .where('workspace_id', '=', workspaceId)
    .where('sentiment', 'is not', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('sentiment_corrections').select('sentiment_corrections.mention_id').whereRef('sentiment_corrections.mention_id', '=', 'mentions.id'))))
    // The newest: what the workspace talks about now.
    .orderBy('id', 'desc')
    .limit(anchorCount(corrections.length))
    .execute();
  return { corrections, anchors: anchors.map((a) => ({ text: a.text, lang: a.lang ?? nlp.detector.detect(a.text).lang })) };
}

export interface AdaptResult {
  /** Corrections the adapter learned from (0: no adapter, the base model reads the workspace). */
  corrections: number;
  /** Corrections fixed and broken by adapters that had not seen them (adapter.ts, `heldOutCheck`). */
  heldOut: HeldOutCheck;
  /** False when the check found it breaking more held-out corrections than it fixed: the base model keeps reading the workspace. */
  applied: boolean;
  baseVersion: string;
  trainedAt: string;
  /** Stored mentions re-read, and how many changed label (corrected ones never do). */
  scanned: number;
  changed: number;
}

export interface AdaptOptions {
  now?: () => number;
  /** Re-read the workspace's stored mentions through the new adapter (default true). */
  reenrich?: boolean;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Trains the workspace's adapter from all its corrections, stores it (replacing the previous
 * one) and re-reads its stored mentions' sentiment through it.
 */
export async function adaptWorkspace(store: Store, workspaceId: number, nlp: AdaptModels, options: AdaptOptions = {}): Promise<AdaptResult> {
  const now = options.now ?? Date.now;
  const { corrections, anchors } = await trainingData(store, workspaceId, nlp);
  const { adapter: trained, check, applied } = await trainCheckedAdapterInSlices(nlp.analyzer, corrections, anchors);
  const stored: StoredAdapter = { baseVersion: trained.baseVersion, corrections: corrections.length, weights: encodeAdapterWeights(trained), trainedAt: now(), heldOut: check };
  const values = {
    ...{ base_version: stored.baseVersion, corrections: stored.corrections, weights: stored.weights, trained_at: stored.trainedAt },
    ...{ held_out_fixed: check.fixed, held_out_broken: check.broken },
  };
  await store.db
    .insertInto('sentiment_adapters')
    .values({ workspace_id: workspaceId, ...values })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet(values))
    .execute();
  let reread = { scanned: 0, changed: 0 };
  if (options.reenrich ?? true) {
    reread = await reenrichMentions(store, workspaceId, { detector: nlp.detector, analyzer: readerOf(nlp, stored) }, { mode: 'all', sentimentOnly: true, now, onProgress: options.onProgress });
  }
  return { corrections: stored.corrections, heldOut: check, applied, baseVersion: stored.baseVersion, trainedAt: new Date(stored.trainedAt).toISOString(), ...reread };
}

export interface AdapterStatus {
  /** Corrections the workspace has now. */
  corrections: number;
  /** Corrections the current adapter learned from; null without one. */
  adaptedFrom: number | null;
  trainedAt: string | null;
  /** Trained for another base model (the model was retrained or replaced): adapt again. */
  stale: boolean;
  /** The current adapter's held-out check; null without one or for one trained before the check. */
  heldOut: HeldOutCheck | null;
  /** Whether the current adapter is applied: false without one, when stale, or when its check found it breaking more held-out corrections than it fixed. */
  applied: boolean;
}

export async function adapterStatus(store: Store, workspaceId: number, nlp: Pick<AdaptModels, 'analyzer'>): Promise<AdapterStatus> {
  const adapter = await storedAdapter(store, workspaceId);
  const { n } = await store.db
    .selectFrom('sentiment_corrections')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  const stale = adapter !== null && adapter.baseVersion !== baseModelVersion(nlp.analyzer);
  return {
    corrections: Number(n),
    adaptedFrom: adapter?.corrections ?? null,
    trainedAt: adapter ? new Date(adapter.trainedAt).toISOString() : null,
    stale,
    heldOut: adapter?.heldOut ?? null,
    // A stale adapter is set aside (readerOf): it changes nothing until it is retrained.
    applied: adapter !== null && !stale && (adapter.heldOut === null || adapterApplies(adapter.heldOut)),
  };
}

/** Workspaces whose adapter was trained for another base model than `nlp`'s. */
export async function staleAdapters(store: Store, nlp: Pick<AdaptModels, 'analyzer'>): Promise<number[]> {
  const rows = await store.db.selectFrom('sentiment_adapters').select(['workspace_id', 'base_version']).execute();
  const version = baseModelVersion(nlp.analyzer);
  return rows.filter((r) => r.base_version !== version).map((r) => Number(r.workspace_id));
}
