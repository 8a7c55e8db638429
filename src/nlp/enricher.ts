/**
 * The ingestion pipeline's enricher: language and sentiment for every mention
 * that lacks them, from the shipped models (loaded once, on creation).
 */
import type { MentionInput } from '../core/mention.ts';
import type { Enricher } from '../listen/pipeline.ts';
import { models, type NlpModels } from './models.ts';

export function createEnricher(loaded: NlpModels = models()): Enricher {
  const { detector, analyzer } = loaded;
  return {
    enrich(batch: MentionInput[]): void {
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
