import { describe, expect, it } from 'vitest';
import { generateSampleStream } from './sample-stream.ts';

const day = (d: Date) => d.toISOString().slice(0, 10);

describe('sample stream', () => {
  const stream = generateSampleStream({ scale: 0.25 });
  const { groundTruth } = stream;

  it('is deterministic for a seed and differs for another', () => {
    const again = generateSampleStream({ scale: 0.25 });
    expect(again.mentions.length).toBe(stream.mentions.length);
    expect(again.mentions[500]).toEqual(stream.mentions[500]);
    const other = generateSampleStream({ scale: 0.25, seed: 7 });
    expect(other.mentions[500]!.text).not.toBe(stream.mentions[500]!.text);
  });

  it('has unique external ids per source and sorted times within the 90 days', () => {
    const keys = new Set(stream.mentions.map((m) => `${m.source}:${m.externalId}`));
    expect(keys.size).toBe(stream.mentions.length);
    const first = stream.mentions[0]!.publishedAt;
    const last = stream.mentions.at(-1)!.publishedAt;
    expect(day(first)).toBe(groundTruth.start);
    expect(last.getTime() - first.getTime()).toBeLessThan(90 * 86_400_000);
  });

  it('covers the languages Murmur serves and several networks', () => {
    const langs = new Set(stream.mentions.map((m) => m.lang));
    for (const lang of ['en', 'fr', 'it', 'bg', 'id', 'de', 'es', 'pt', 'ar', 'hi']) expect(langs).toContain(lang);
    const sources = new Set(stream.mentions.map((m) => m.source));
    expect([...sources].sort()).toEqual(['bluesky', 'hackernews', 'mastodon', 'reddit', 'rss']);
  });

  it('puts the crisis on its day, mostly one author’s post and its reposts', () => {
    const crisisDay = stream.mentions.filter((m) => day(m.publishedAt) === groundTruth.crisis.date);
    const fromViral = crisisDay.filter(
      (m) => m.externalId === groundTruth.crisis.viralExternalId || m.parentExternalId === groundTruth.crisis.viralExternalId,
    );
    expect(fromViral.length / crisisDay.length).toBeGreaterThan(groundTruth.crisis.minShareOfSpike);
    const viral = stream.mentions.find((m) => m.externalId === groundTruth.crisis.viralExternalId)!;
    expect(viral.author.handle).toBe('dana_reviews');
    expect(viral.sentiment?.label).toBe('negative');
  });

  it('bursts the summer hashtag and lets it die, while the baristas programme grows', () => {
    const perDay = (tag: string) => {
      const counts = new Map<string, number>();
      for (const m of stream.mentions) {
        if (m.text.toLowerCase().includes(`#${tag}`)) counts.set(day(m.publishedAt), (counts.get(day(m.publishedAt)) ?? 0) + 1);
      }
      return counts;
    };
    const summer = perDay('brewlysummer');
    expect(Math.max(...summer.values())).toBe(summer.get(groundTruth.burstCampaign.startDate));
    expect(summer.size).toBeLessThan(25);
    const baristas = [...perDay('brewlybaristas').values()];
    expect(baristas.slice(-7).reduce((a, b) => a + b)).toBeGreaterThan(5 * baristas.slice(0, 7).reduce((a, b) => a + b));
  });
});
