/**
 * The sample stream's known events, written down before the data is generated:
 * the generator builds the stream from this plan, and Watch's tests assert that the
 * analytics find each event from the data alone.
 *
 * Days are offsets from the stream's first day (day 0), in UTC.
 */

export const SAMPLE_BRAND = 'Brewly';
export const SAMPLE_COMPETITORS = ['Kaffio', 'Beanstack'] as const;
export const SAMPLE_DAYS = 90;
/** Day 0 of the default stream: a Monday. */
export const SAMPLE_START = '2026-08-03';

export const sampleTopics = [
  {
    name: 'Brewly',
    role: 'brand',
    query: 'Brewly OR "Brewly Go" OR #Brewly OR @brewly OR #BrewlySummer OR #BrewlyBaristas OR #BrewlyFail',
  },
  { name: 'Kaffio', role: 'competitor', query: 'Kaffio OR "Kaffio One" OR #Kaffio OR @kaffio' },
  { name: 'Beanstack', role: 'competitor', query: 'Beanstack OR #Beanstack OR @beanstack' },
] as const;

export const groundTruth = {
  /** Mentions per weekday relative to the weekly mean (Mon…Sun): quieter weekends. */
  weeklySeasonality: [1.12, 1.08, 1.05, 1.06, 1.02, 0.82, 0.85],
  /** A week with no event at all: no spike may be raised here. */
  quietWeek: { fromDay: 7, toDay: 13 },
  /** One viral negative post by one author, reposted and quoted for two days. */
  crisis: {
    topic: 'Brewly',
    day: 61,
    startHourUtc: 14,
    author: 'dana_reviews',
    source: 'bluesky',
    hashtag: 'brewlyfail',
    /** Reposts and quotes of the viral post over the crisis. */
    reposts: 3200,
    /** Of the crisis-day volume, at least this share comes from the viral post and its reposts. */
    minShareOfSpike: 0.6,
  },
  /** A campaign hashtag that bursts on launch day and dies out. */
  burstCampaign: {
    topic: 'Brewly',
    hashtag: 'brewlysummer',
    startDay: 20,
    peakPerDay: 1400,
    halfLifeDays: 1.5,
    shape: 'burst-and-die' as const,
  },
  /** An advocacy programme that grows steadily to the end of the stream. */
  steadyCampaign: {
    topic: 'Brewly',
    hashtag: 'brewlybaristas',
    startDay: 30,
    startPerDay: 15,
    endPerDay: 320,
    shape: 'sustained-growth' as const,
  },
  /** A competitor's product launch that takes share of voice for a week. */
  competitorLaunch: { topic: 'Kaffio', fromDay: 45, toDay: 51, volumeMultiplier: 3.2 },
  /** Authors whose stance is constant: advocates post positive, detractors negative. */
  advocates: [
    { handle: 'lucia.brews', lang: 'it', sources: ['mastodon', 'bluesky'], perWeek: 9 },
    { handle: 'kopi_kenangan_rina', lang: 'id', sources: ['bluesky'], perWeek: 6 },
  ],
  detractors: [{ handle: 'grumpy_joe', lang: 'en', sources: ['reddit'], perWeek: 8 }],
} as const;

export type SampleGroundTruth = typeof groundTruth;
