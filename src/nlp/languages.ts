/**
 * The languages the shipped sentiment model is trained on (scripts/nlp/train-sentiment.ts):
 * the ones a mention filter offers first. Language identification names more (docs/nlp.md).
 */
export const SENTIMENT_LANGUAGES = ['en', 'fr', 'it', 'bg', 'id', 'de', 'es', 'pt', 'ar', 'hi'] as const;
export type SentimentLanguage = (typeof SENTIMENT_LANGUAGES)[number];
