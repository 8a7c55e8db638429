/**
 * The peer libraries `npm run bench:nlp` compares Murmur with, behind one
 * interface each for language ID and for sentiment. A peer that fails to load
 * reports why instead of stopping the benchmark.
 */
import type { SentimentLabel } from '../src/core/mention.ts';

export interface LangidPeer {
  name: string;
  /** ISO 639-1 codes of our evaluation languages the peer claims to support. */
  supports: ReadonlySet<string>;
  detect(text: string): Promise<string> | string;
}

export interface SentimentPeer {
  name: string;
  supports: ReadonlySet<string>;
  /** For a peer too slow to score every val text: score every k-th text, at most this many per set. */
  maxPerSet?: number;
  label(text: string, lang: string): Promise<SentimentLabel> | SentimentLabel;
}

export type Loaded<T> = { peer: T } | { name: string; failure: string };

const EVAL_LANGS = ['ar', 'bg', 'bs', 'de', 'en', 'es', 'fr', 'hi', 'hr', 'hu', 'id', 'it', 'pl', 'pt', 'ru', 'sk', 'sl', 'sq', 'sr', 'sv'];
const except = (...missing: string[]) => new Set(EVAL_LANGS.filter((l) => !missing.includes(l)));
const bySign = (score: number, threshold = 0): SentimentLabel => (score > threshold ? 'positive' : score < -threshold ? 'negative' : 'neutral');

// ISO 639-3 → 639-1 for the codes franc and tinyld answer with on our languages.
const ISO3: Record<string, string> = {
  arb: 'ar', ara: 'ar', bul: 'bg', bos: 'bs', deu: 'de', eng: 'en', spa: 'es', fra: 'fr', hin: 'hi', hrv: 'hr',
  hun: 'hu', ind: 'id', ita: 'it', pol: 'pol', por: 'pt', rus: 'ru', slk: 'sk', slv: 'sl', als: 'sq', sqi: 'sq',
  srp: 'sr', swe: 'sv', zlm: 'ms', mkd: 'mk', nld: 'nl', ces: 'cs', ron: 'ro', ukr: 'uk', tur: 'tr',
};
ISO3.pol = 'pl';

async function attempt<T>(name: string, load: () => Promise<T>): Promise<Loaded<T>> {
  try {
    return { peer: await load() };
  } catch (error) {
    return { name, failure: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
  }
}

export async function loadLangidPeers(): Promise<Loaded<LangidPeer>[]> {
  return Promise.all([
    attempt('eld (large)', async () => {
      const { eld } = await import('eld/large');
      // eld has no Bosnian and answers Malay for Indonesian.
      return { name: 'eld (large)', supports: except('bs', 'id'), detect: (t: string) => eld.detect(t).language || 'und' };
    }),
    attempt('fastText lid.176', async () => {
      const { getLIDModel } = await import('fasttext.wasm.js');
      const model = await getLIDModel();
      await model.load();
      return {
        name: 'fastText lid.176',
        supports: except(),
        detect: async (t: string) => (t ? (await model.identify(t)).alpha2 ?? 'und' : 'und'),
      };
    }),
    attempt('cld3-asm', async () => {
      const { loadModule } = await import('cld3-asm');
      // create(0, …): cld3's default minimum of 140 bytes answers `und` on most posts.
      // A long init timeout: its 3 s default is not enough for the wasm compile on a busy machine.
      const identifier = (await loadModule({ timeout: 120_000 })).create(0, 1000);
      return {
        name: 'cld3-asm',
        supports: except(),
        detect: (t: string) => {
          const code = identifier.findLanguage(t).language;
          return code === 'hi-Latn' ? 'hi' : code.split('-')[0]!;
        },
      };
    }),
    attempt('tinyld (heavy)', async () => {
      const tinyld = await import('tinyld/heavy');
      return { name: 'tinyld (heavy)', supports: except('hr', 'bs', 'sl', 'sq'), detect: (t: string) => tinyld.detect(t) || 'und' };
    }),
    attempt('franc', async () => {
      const { franc } = await import('franc');
      return { name: 'franc', supports: except(), detect: (t: string) => ISO3[franc(t, { minLength: 1 })] ?? 'und' };
    }),
  ]);
}

export async function loadSentimentPeers(): Promise<Loaded<SentimentPeer>[]> {
  return Promise.all([
    attempt('sentiment (AFINN)', async () => {
      const { default: Sentiment } = await import('sentiment');
      const analyzer = new Sentiment();
      return { name: 'sentiment (AFINN)', supports: new Set(['en']), label: (t: string) => bySign(analyzer.analyze(t).score) };
    }),
    attempt('vader-sentiment', async () => {
      const { default: vader } = await import('vader-sentiment');
      return {
        name: 'vader-sentiment',
        supports: new Set(['en']),
        // VADER's documented thresholds on the compound score.
        label: (t: string) => bySign(vader.SentimentIntensityAnalyzer.polarity_scores(t).compound, 0.05),
      };
    }),
    attempt('@nlpjs/sentiment', async () => {
      const { containerBootstrap } = await import('@nlpjs/core');
      const { LangAll } = await import('@nlpjs/lang-all');
      const { SentimentAnalyzer } = await import('@nlpjs/sentiment');
      const container = await containerBootstrap();
      container.use(LangAll);
      const analyzer = new SentimentAnalyzer({ container });
      return {
        name: '@nlpjs/sentiment',
        supports: new Set(['en', 'fr', 'de', 'it', 'pt', 'es', 'ar', 'hi', 'id']),
        label: async (t: string, lang: string) => bySign((await analyzer.process({ locale: lang, text: t })).sentiment.score),
      };
    }),
    attempt('multilang-sentiment', async () => {
      const { default: multilang } = await import('multilang-sentiment');
      return {
        name: 'multilang-sentiment',
        // ~150 ms a text here: it fuzzy-matches every token against its lexicon (Fuse.js).
        maxPerSet: 160,
        supports: new Set(['en', 'fr', 'de', 'it', 'pt', 'es', 'ar', 'hi', 'id', 'bg']),
        label: (t: string, lang: string) => bySign(multilang(t, lang).score),
      };
    }),
  ]);
}
