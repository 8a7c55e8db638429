/**
 * A deterministic 90-day stream of mentions for a fictional coffee brand (Brewly) and
 * two competitors (Kaffio, Beanstack), in ten languages and five networks, with the
 * events of ground-truth.ts built in. Same options → the same stream, on any machine.
 */
import { readFileSync } from 'node:fs';
import type { MentionInput, SentimentLabel, SourceName } from '../core/mention.ts';
import {
  SAMPLE_DAYS,
  SAMPLE_START,
  groundTruth as plan,
  sampleTopics,
  type SampleGroundTruth,
} from './ground-truth.ts';
import { Random } from '../core/random.ts';
import {
  advocatePosts,
  brandPosts,
  burstCampaignPosts,
  competitorLaunchPosts,
  crisisPost,
  crisisQuotes,
  detractorPosts,
  firstNames,
  steadyCampaignPosts,
  weavePatterns,
  type DemoLang,
} from './templates.ts';
import { sourceFile } from '../core/package-root.ts';

export interface SampleStreamOptions {
  seed?: number;
  /** First day (UTC, YYYY-MM-DD). */
  start?: string;
  days?: number;
  /** Multiplies every volume; 0.1 gives a tenth of the stream with the same events. */
  scale?: number;
  /** Mon…Sun multipliers; a second stream with other seasonality tests the detectors. */
  weeklySeasonality?: readonly number[];
  /**
   * Fill `lang` and `sentiment` from the labels the texts came with, so tests do not
   * depend on the NLP model. The demo turns this off and lets enrichment decide.
   */
  withLabels?: boolean;
}

export interface SampleStream {
  mentions: MentionInput[];
  topics: typeof sampleTopics;
  groundTruth: ResolvedGroundTruth;
}

/** The plan with its day offsets turned into dates, and the ids the generator chose. */
export interface ResolvedGroundTruth {
  plan: SampleGroundTruth;
  start: string;
  days: number;
  weeklySeasonality: readonly number[];
  quietWeek: { from: string; to: string };
  crisis: SampleGroundTruth['crisis'] & { date: string; viralExternalId: string; viralUrl: string };
  burstCampaign: SampleGroundTruth['burstCampaign'] & { startDate: string };
  steadyCampaign: SampleGroundTruth['steadyCampaign'] & { startDate: string };
  competitorLaunch: SampleGroundTruth['competitorLaunch'] & { from: string; to: string };
}

interface SampleText {
  text: string;
  lang: DemoLang;
  label: SentimentLabel;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

const LANG_WEIGHTS: Record<DemoLang, number> = {
  en: 34, fr: 14, it: 12, bg: 10, id: 12, de: 6, es: 5, pt: 4, ar: 2, hi: 1,
};
const SOURCE_WEIGHTS: Record<'mastodon' | 'bluesky' | 'reddit' | 'hackernews' | 'rss', number> = {
  mastodon: 30, bluesky: 32, reddit: 16, hackernews: 4, rss: 18,
};
/** Share of the day's posts in each UTC hour: quiet nights, busy afternoons. */
const DIURNAL = [1, 0.6, 0.4, 0.3, 0.3, 0.5, 1, 2, 3, 4, 4.5, 5, 5.5, 5, 5, 5.2, 5.5, 6, 6, 5.5, 5, 4, 3, 2];
const BASE_PER_DAY = { Brewly: 520, Kaffio: 360, Beanstack: 240, none: 120 } as const;
const MASTODON_INSTANCES = ['mastodon.social', 'piaille.fr', 'mastodon.uno', 'mastodon.bg', 'mastodon.online'];
const NEWS_SITES = ['coffeenews.example', 'retailtoday.example', 'lemagducafe.example', 'gustoitalia.example', 'kopiberita.example'];

let sampleTextsCache: SampleText[] | undefined;

/** The bundled labelled posts (see ATTRIBUTION.md). */
export function loadSampleTexts(): SampleText[] {
  sampleTextsCache ??= readFileSync(sourceFile('demo', 'data', 'sample-texts.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SampleText);
  return sampleTextsCache;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function generateSampleStream(options: SampleStreamOptions = {}): SampleStream {
  const random = new Random(options.seed ?? 20260803);
  const days = options.days ?? SAMPLE_DAYS;
  const scale = options.scale ?? 1;
  const seasonality = options.weeklySeasonality ?? plan.weeklySeasonality;
  const withLabels = options.withLabels ?? true;
  const startMs = Date.parse(`${options.start ?? SAMPLE_START}T00:00:00Z`);
  if (Number.isNaN(startMs)) throw new Error(`invalid start date: ${options.start}`);

  const texts = loadSampleTexts();
  const textsByLang = new Map<DemoLang, SampleText[]>();
  for (const t of texts) textsByLang.set(t.lang, [...(textsByLang.get(t.lang) ?? []), t]);

  const mentions: MentionInput[] = [];
  let sequence = 0;

  const authorFor = (source: SourceName, lang: DemoLang) => {
    // Zipf-like: a few authors post a lot, most post rarely.
    const index = Math.floor(400 * random.next() ** 2.2);
    const name = firstNames[lang][index % firstNames[lang].length]!;
    const followerRandom = new Random(index * 7919 + lang.charCodeAt(0) * 31 + source.length);
    const followers = Math.round(followerRandom.logNormal(220, 1.6));
    switch (source) {
      case 'mastodon':
        return { handle: `${name}${index}@${MASTODON_INSTANCES[index % MASTODON_INSTANCES.length]}`, displayName: cap(name), followers };
      case 'bluesky':
        return { handle: `${name}${index}.bsky.social`, displayName: cap(name), followers };
      case 'rss': {
        const site = NEWS_SITES[index % NEWS_SITES.length]!;
        return { handle: site, displayName: site, followers: null };
      }
      case 'hackernews':
        return { handle: `${name}${index}`, displayName: null, followers: null };
      default:
        return { handle: `${name}_${index}`, displayName: null, followers: null };
    }
  };

  const push = (args: {
    at: number;
    source: SourceName;
    lang: DemoLang;
    label: SentimentLabel;
    text: string;
    author?: MentionInput['author'];
    engagementBoost?: number;
    parentExternalId?: string;
  }): MentionInput => {
    const id = ++sequence;
    const author = args.author ?? authorFor(args.source, args.lang);
    const reach = author.followers ?? 150;
    const likes = random.poisson(Math.min(reach, 50_000) * 0.012 * (args.engagementBoost ?? 1) * random.logNormal(1, 0.8));
    const mention: MentionInput = {
      source: args.source,
      externalId: `${args.source}-${id}`,
      url: urlFor(args.source, author.handle, id),
      author,
      text: args.text,
      publishedAt: new Date(args.at),
      engagement: {
        likes,
        shares: random.poisson(likes * 0.22),
        replies: random.poisson(likes * 0.08),
        views: args.source === 'bluesky' || args.source === 'rss' ? null : random.poisson(likes * 30 + 20),
      },
      langHint: args.source === 'mastodon' ? args.lang : null,
      parentExternalId: args.parentExternalId ?? null,
    };
    if (withLabels) {
      mention.lang = args.lang;
      mention.langConfidence = 1;
      mention.sentiment = labelledSentiment(args.label);
    }
    mentions.push(mention);
    return mention;
  };

  const timeInDay = (dayStart: number) => {
    const hour = random.weighted(Object.fromEntries(DIURNAL.map((w, h) => [String(h), w])) as Record<string, number>);
    return dayStart + Number(hour) * HOUR + random.int(0, HOUR);
  };
  const pickSource = (lang: DemoLang) => {
    const source = random.weighted(SOURCE_WEIGHTS);
    return source === 'hackernews' && lang !== 'en' ? 'reddit' : source;
  };

  const brandMention = (brand: string, dayStart: number, mix: Record<SentimentLabel, number>) => {
    const lang = random.weighted(LANG_WEIGHTS);
    const source = pickSource(lang);
    if (random.next() < 0.5) {
      const label = random.weighted(mix);
      const text = random.pick(brandPosts[lang][label]).replaceAll('{b}', brand);
      return push({ at: timeInDay(dayStart), source, lang, label, text });
    }
    const generic = random.pick(textsByLang.get(lang)!);
    const text = random
      .pick(weavePatterns)
      .replace('{t}', tidy(generic.text, random))
      .replace('{b}', brand)
      .replace('{h}', brand.toLowerCase());
    return push({ at: timeInDay(dayStart), source, lang, label: generic.label, text });
  };

  const fromList = (list: Partial<Record<DemoLang, string[]>>, dayStart: number, label: SentimentLabel) => {
    const lang = random.pick(Object.keys(list) as DemoLang[]);
    return push({ at: timeInDay(dayStart), source: pickSource(lang), lang, label, text: random.pick(list[lang]!) });
  };

  let crisisViral: MentionInput | undefined;
  for (let day = 0; day < days; day++) {
    const dayStart = startMs + day * DAY;
    const weekday = (new Date(dayStart).getUTCDay() + 6) % 7;
    const season = seasonality[weekday] ?? 1;
    const trend = 1 + 0.002 * day;

    for (let i = random.poisson(BASE_PER_DAY.Brewly * scale * season * trend); i > 0; i--) {
      brandMention('Brewly', dayStart, { positive: 0.45, neutral: 0.35, negative: 0.2 });
    }
    const launch = plan.competitorLaunch;
    const inLaunch = day >= launch.fromDay && day <= launch.toDay;
    const kaffioCount = random.poisson(BASE_PER_DAY.Kaffio * scale * season * (inLaunch ? launch.volumeMultiplier : 1));
    for (let i = kaffioCount; i > 0; i--) {
      if (inLaunch && random.next() < 0.6) fromList(competitorLaunchPosts, dayStart, 'positive');
      else brandMention('Kaffio', dayStart, { positive: 0.4, neutral: 0.4, negative: 0.2 });
    }
    for (let i = random.poisson(BASE_PER_DAY.Beanstack * scale * season); i > 0; i--) {
      brandMention('Beanstack', dayStart, { positive: 0.35, neutral: 0.4, negative: 0.25 });
    }
    // Posts that match no topic: topic matching must leave them out.
    for (let i = random.poisson(BASE_PER_DAY.none * scale * season); i > 0; i--) {
      const lang = random.weighted(LANG_WEIGHTS);
      const generic = random.pick(textsByLang.get(lang)!);
      push({ at: timeInDay(dayStart), source: pickSource(lang), lang, label: generic.label, text: tidy(generic.text, random) });
    }

    const burst = plan.burstCampaign;
    if (day >= burst.startDay) {
      const expected = burst.peakPerDay * scale * 0.5 ** ((day - burst.startDay) / burst.halfLifeDays);
      for (let i = random.poisson(expected); i > 0; i--) fromList(burstCampaignPosts, dayStart, 'positive');
    }
    const steady = plan.steadyCampaign;
    if (day >= steady.startDay) {
      const progress = (day - steady.startDay) / Math.max(1, days - 1 - steady.startDay);
      const expected = (steady.startPerDay + (steady.endPerDay - steady.startPerDay) * progress) * scale * season;
      for (let i = random.poisson(expected); i > 0; i--) fromList(steadyCampaignPosts, dayStart, 'positive');
    }

    for (const advocate of plan.advocates) {
      for (let i = random.poisson(advocate.perWeek / 7); i > 0; i--) {
        const source = random.pick(advocate.sources);
        push({
          at: timeInDay(dayStart), source, lang: advocate.lang, label: 'positive',
          text: random.pick(advocatePosts[advocate.lang]!),
          author: { handle: advocate.handle, displayName: cap(advocate.handle), followers: 8_400 },
          engagementBoost: 3,
        });
      }
    }
    for (const detractor of plan.detractors) {
      for (let i = random.poisson(detractor.perWeek / 7); i > 0; i--) {
        push({
          at: timeInDay(dayStart), source: random.pick(detractor.sources), lang: detractor.lang, label: 'negative',
          text: random.pick(detractorPosts[detractor.lang]!),
          author: { handle: detractor.handle, displayName: null, followers: null },
          engagementBoost: 2,
        });
      }
    }

    const crisis = plan.crisis;
    if (day === crisis.day) {
      const viralAt = dayStart + crisis.startHourUtc * HOUR + 7 * 60_000;
      crisisViral = push({
        at: viralAt, source: crisis.source, lang: 'en', label: 'negative', text: crisisPost,
        author: { handle: crisis.author, displayName: 'Dana Reviews', followers: 182_000 },
      });
      crisisViral.engagement = { likes: 24_800, shares: 9_100, replies: 3_050, views: null };
      const reposts = Math.round(crisis.reposts * scale);
      for (let i = 0; i < reposts; i++) {
        // Most reposts come within hours; a tail runs into the next day.
        const delay = Math.min(40 * HOUR, -Math.log(1 - random.next()) * 5 * HOUR);
        const quote = random.next() < 0.3;
        const lang = quote ? random.pick(Object.keys(crisisQuotes) as DemoLang[]) : 'en';
        push({
          at: viralAt + 60_000 + delay,
          source: quote ? pickSource(lang) : crisis.source,
          lang,
          label: 'negative',
          text: quote ? random.pick(crisisQuotes[lang]!) : `RT @${crisis.author}: ${crisisPost}`,
          parentExternalId: crisisViral.externalId,
        });
      }
    }
  }

  mentions.sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
  const dateOf = (day: number) => isoDay(startMs + day * DAY);
  return {
    mentions,
    topics: sampleTopics,
    groundTruth: {
      plan,
      start: dateOf(0),
      days,
      weeklySeasonality: seasonality,
      quietWeek: { from: dateOf(plan.quietWeek.fromDay), to: dateOf(plan.quietWeek.toDay) },
      crisis: {
        ...plan.crisis,
        date: dateOf(plan.crisis.day),
        viralExternalId: crisisViral?.externalId ?? '',
        viralUrl: crisisViral?.url ?? '',
      },
      burstCampaign: { ...plan.burstCampaign, startDate: dateOf(plan.burstCampaign.startDay) },
      steadyCampaign: { ...plan.steadyCampaign, startDate: dateOf(plan.steadyCampaign.startDay) },
      competitorLaunch: {
        ...plan.competitorLaunch,
        from: dateOf(plan.competitorLaunch.fromDay),
        to: dateOf(plan.competitorLaunch.toDay),
      },
    },
  };
}

function labelledSentiment(label: SentimentLabel) {
  const probabilities = { negative: 0.05, neutral: 0.05, positive: 0.05, [label]: 0.9 };
  return { label, probabilities, score: probabilities.positive - probabilities.negative };
}

/** The source posts use `@user` and `http` placeholders: give them plausible values. */
function tidy(text: string, random: Random): string {
  return text
    .replace(/@user\b/g, () => `@${random.pick(firstNames.en)}${random.int(1, 99)}`)
    .replace(/\bhttps?\b(?!:)/g, () => `https://example.com/${random.int(1000, 9999)}`);
}

function urlFor(source: SourceName, handle: string, id: number): string {
  switch (source) {
    case 'mastodon': {
      const [user, instance] = handle.split('@');
      return `https://${instance}/@${user}/${110_000_000_000 + id}`;
    }
    case 'bluesky':
      return `https://bsky.app/profile/${handle}/post/3k${id.toString(36).padStart(11, '0')}`;
    case 'reddit':
      return `https://www.reddit.com/r/Coffee/comments/${id.toString(36)}/`;
    case 'hackernews':
      return `https://news.ycombinator.com/item?id=${40_000_000 + id}`;
    default:
      return `https://${handle}/articles/${id}`;
  }
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
