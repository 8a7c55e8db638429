/**
 * The ingestion pipeline's enricher: language and sentiment for every mention
 * that lacks them, from the shipped models (loaded on the first mention that needs
 * them: an import whose worker threads enrich never loads them on its writer thread),
 * with the workspace's sentiment adapter on top when it has one (adapt.ts).
 */
import type { Enricher, MentionInput } from '../core/mention.ts';
import { readerOf, type StoredAdapter } from './adapt.ts';
import type { SentimentReader } from './adapter.ts';
import { models, type NlpModels } from './models.ts';

export function createEnricher(loaded?: NlpModels, adapter: StoredAdapter | null = null): Enricher {
  let reader: SentimentReader | null = null;
  return {
    enrich(batch: MentionInput[]): void {
      if (batch.length === 0) return;
      const nlp = (loaded ??= models());
      reader ??= readerOf(nlp, adapter);
      for (const mention of batch) {
        if (mention.lang == null) {
          // The network's tag is a prior for close calls; detection decides.
          const guess = nlp.detector.detect(mention.text, mention.langHint);
          mention.lang = guess.lang;
          mention.langConfidence = guess.confidence;
        }
        mention.sentiment ??= reader.analyze(mention.text, mention.lang);
      }
    },
  };
}
