import { describe, expect, it } from 'vitest';
import { compareWeeks, extractLinks, linkActivation } from './activation.ts';
import { compareDay, type DayKpis } from './baseline.ts';
import { campaignTags, classifyCampaign, halfLife, isCrisisTag } from './campaign-shape.ts';
import { rankAdvocacy } from './advocates.ts';
import type { AuthorStat } from './read/model.ts';

describe('campaign shape', () => {
  it('classifies a burst that halves every 1.5 days, with that half-life', () => {
    const days = [0, 0, 0, ...Array.from({ length: 30 }, (_, d) => Math.round(1000 * 0.5 ** (d / 1.5)))];
    const shape = classifyCampaign(days);
    expect(shape.shape).toBe('burst-and-die');
    expect(shape.peakIndex).toBe(3);
    expect(shape.halfLifeDays).toBeCloseTo(1.5, 0);
  });

  it('classifies steady growth and a flat level', () => {
    expect(classifyCampaign(Array.from({ length: 60 }, (_, d) => 10 + d * 5)).shape).toBe('sustained-growth');
    expect(classifyCampaign(Array.from({ length: 60 }, (_, d) => 100 + ((d * 7) % 11))).shape).toBe('steady');
    expect(classifyCampaign(Array.from({ length: 60 }, (_, d) => 400 - d * 6)).shape).toBe('declining');
  });

  it('says so when there is no data or a single mention', () => {
    expect(classifyCampaign([]).shape).toBe('no-data');
    expect(classifyCampaign([0, 0, 0]).shape).toBe('no-data');
    expect(classifyCampaign([0, 1, 0]).total).toBe(1);
    expect(halfLife([5])).toBeNull();
  });
});

describe('KPI baseline', () => {
  const day = (date: string, weekday: number, mentions: number | null): DayKpis => ({ date, weekday, values: { mentions, netSentiment: 10 } });
  it('compares a day with the same weekday and the usual range', () => {
    const history = Array.from({ length: 28 }, (_, i) => day(`d${i}`, i % 7, i % 7 >= 5 ? 40 : 100));
    const [mentions, , , , net] = compareDay(day('x', 5, 45), history);
    expect(mentions).toMatchObject({ kpi: 'mentions', sameWeekday: 40, status: 'normal' });
    expect(mentions!.change).toBeCloseTo(0.125, 5);
    // Three times a normal Saturday is not normal, even though a Monday sees as much.
    expect(compareDay(day('x', 5, 120), history)[0]!.status).toBe('above');
    expect(compareDay(day('x', 5, 500), history)[0]!.status).toBe('above');
    expect(compareDay(day('x', 1, 5), history)[0]!.status).toBe('below');
    expect(net).toMatchObject({ kpi: 'netSentiment', change: 0 });
  });
  it('has no baseline without history', () => {
    expect(compareDay(day('x', 0, 10), [])[0]).toMatchObject({ status: 'unknown', change: null, median: null });
  });
});

describe('activation', () => {
  it('compares two weeks, new entries included', () => {
    const rows = compareWeeks(new Map([['a', 10], ['new', 3]]), new Map([['a', 5], ['gone', 4]]));
    expect(rows).toEqual([
      { key: 'a', current: 10, previous: 5, change: 5, growth: 1 },
      { key: 'new', current: 3, previous: 0, change: 3, growth: null },
      { key: 'gone', current: 0, previous: 4, change: -4, growth: -1 },
    ]);
  });
  it('extracts links and videos from texts', () => {
    expect(extractLinks('see https://www.youtube.com/watch?v=1, and http://example.com/a.mp4! http://')).toEqual([
      { url: 'https://www.youtube.com/watch?v=1', domain: 'youtube.com', video: true },
      { url: 'http://example.com/a.mp4', domain: 'example.com', video: true },
    ]);
    const a = linkActivation([{ publishedAt: 5, text: 'https://youtu.be/x' }, { publishedAt: 1, text: 'https://a.org' }], 3);
    expect(a.videos).toEqual({ current: 1, previous: 0, growth: null });
    expect(a.links).toEqual({ current: 1, previous: 1, growth: 0 });
  });
});

describe('advocacy', () => {
  const stat = (handle: string, source: string, positive: number, negative: number, reach: number): AuthorStat => ({
    handle, name: null, source, mentions: positive + negative, positive, negative, followers: reach, engagement: 0, reach: (positive + negative) * reach,
    positiveReach: positive * reach, negativeReach: negative * reach, originals: positive + negative,
  });
  it('ranks by persistent reach, merges networks and shows where an author is absent', () => {
    const r = rankAdvocacy(
      [stat('lucia', 'mastodon', 10, 0, 8000), stat('lucia', 'bluesky', 5, 0, 8000), stat('feed', 'rss', 900, 0, 0), stat('once', 'bluesky', 1, 0, 1e6), stat('joe', 'reddit', 0, 30, 200)],
      new Map(),
      ['bluesky', 'mastodon', 'reddit'],
    );
    expect(r.advocates.map((a) => a.handle)).toEqual(['lucia', 'feed']);
    expect(r.advocates[0]).toMatchObject({ channels: ['bluesky', 'mastodon'], absentFrom: ['reddit'], positive: 15 });
    expect(r.detractors.map((a) => a.handle)).toEqual(['joe']);
  });
  it('is empty for an empty topic', () => {
    expect(rankAdvocacy([], new Map(), [])).toEqual({ advocates: [], detractors: [] });
  });
});

describe('campaign hashtags', () => {
  it('leaves a crisis hashtag (#brewlyfail) out of the campaigns: mostly negative, far above the topic', () => {
    const tags = [
      { tag: 'brewlysummer', mentions: 400, negative: 40 },
      { tag: 'brewlyfail', mentions: 300, negative: 260 },
      { tag: 'brewly', mentions: 900, negative: 200 },
    ];
    expect(isCrisisTag(tags[1]!, 0.25)).toBe(true);
    expect(isCrisisTag(tags[0]!, 0.25)).toBe(false);
    expect(campaignTags(tags, new Set(['brewly']), 'Brewly', 0.25, 5)).toEqual(['brewlysummer']);
    // A topic that is mostly negative anyway: a tag as negative as the topic is not singled out.
    expect(isCrisisTag({ mentions: 100, negative: 60 }, 0.55)).toBe(false);
  });
});
