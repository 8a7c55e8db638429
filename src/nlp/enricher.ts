/**
 * The ingestion pipeline's enricher: language and sentiment for every mention
 * that lacks them, from the shipped models (loaded on the first mention that needs
 * them: an import whose worker threads enrich never loads them on its writer thread).
 */
import type { Enricher, MentionInput } from '../core/mention.ts';
import { models, type NlpModels } from './models.ts';

export function createEnricher(loaded?: NlpModels): Enricher {
  return {
    enrich(batch: MentionInput[]): void {
      if (batch.length === 0) return;
      const { detector, analyzer } = (loaded ??= models());
      for (const mention of batch) {
        if (mention.lang == null) {
          // The network's tag is a prior for close calls; detection decides.
          const guess = detector.detect(mention.text, mention.langHint);
          mention.lang = guess.lang;
          mention.langConfidence = guess.confidence;
        }
        mention.sentiment ??= analyzer.analyze(mention.text, mention.lang);
      }
    },
  };
}
