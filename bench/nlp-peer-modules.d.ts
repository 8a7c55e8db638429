// The few calls bench/nlp-peers.ts makes into peer packages that ship no types.
declare module 'sentiment' {
  export default class Sentiment {
    analyze(text: string): { score: number };
  }
}
declare module 'vader-sentiment' {
  const vader: { SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } } };
  export default vader;
}
declare module '@nlpjs/core' {
  export function containerBootstrap(): Promise<{ use(plugin: unknown): void }>;
}
declare module '@nlpjs/lang-all' {
  export const LangAll: unknown;
}
declare module '@nlpjs/sentiment' {
  export class SentimentAnalyzer {
    constructor(settings: { container: unknown });
    process(input: { locale: string; text: string }): Promise<{ sentiment: { score: number } }>;
  }
}
declare module 'multilang-sentiment' {
  export default function multilang(text: string, lang: string): { score: number };
}
