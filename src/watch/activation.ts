/**
 * Activation, week over week: how the topic's hashtags and the links and videos people
 * share with it grow or shrink.
 */
import { linkCandidates } from '../core/links.ts';

export interface Growth {
  key: string;
  current: number;
  previous: number;
  change: number;
  /** current / previous − 1; null when there was nothing the week before (a new entry). */
  growth: number | null;
}

/** Rows for every key seen in either week, biggest current volume first. */
export function compareWeeks(current: Map<string, number>, previous: Map<string, number>, limit = 15): Growth[] {
  const keys = new Set([...current.keys(), ...previous.keys()]);
  return [...keys]
    .map((key) => {
      const c = current.get(key) ?? 0;
      const p = previous.get(key) ?? 0;
      return { key, current: c, previous: p, change: c - p, growth: p > 0 ? c / p - 1 : null };
    })
    .sort((a, b) => b.current - a.current || b.previous - a.previous || a.key.localeCompare(b.key))
    .slice(0, limit);
}

const VIDEO_HOSTS = /(^|\.)(youtube\.com|youtu\.be|vimeo\.com|tiktok\.com|dailymotion\.com|twitch\.tv)$/;

export interface SharedLink {
  url: string;
  domain: string;
  video: boolean;
}

/** Links in a text, with their host and whether they point at a video. */
export function extractLinks(text: string): SharedLink[] {
  return sharedLinks(linkCandidates(text));
}

/** Link candidates (core/links.ts) that parse as URLs, with their host and whether they point at a video. */
export function sharedLinks(candidates: string[]): SharedLink[] {
  const links: SharedLink[] = [];
  for (const raw of candidates) {
    try {
      const url = new URL(raw);
      const domain = url.hostname.toLowerCase().replace(/^www\./, '');
      links.push({ url: raw, domain, video: VIDEO_HOSTS.test(domain) || /\.(mp4|mov|webm)$/i.test(url.pathname) });
    } catch {
      // Not a URL after all ("http://" alone): ignore.
    }
  }
  return links;
}

export interface LinkActivation {
  links: { current: number; previous: number; growth: number | null };
  videos: { current: number; previous: number; growth: number | null };
  domains: Growth[];
}

/** Links and videos shared in two consecutive weeks (`boundary` = start of the current week), from the mentions' texts. */
export function linkActivation(texts: { publishedAt: number; text: string }[], boundary: number): LinkActivation {
  return linkActivationOf(texts.map((t) => ({ publishedAt: t.publishedAt, links: linkCandidates(t.text) })), boundary);
}

/** linkActivation from each mention's link candidates (core/links.ts), as the rollup keeps them. */
export function linkActivationOf(mentions: { publishedAt: number; links: string[] }[], boundary: number): LinkActivation {
  const domains = { current: new Map<string, number>(), previous: new Map<string, number>() };
  const totals = { current: { links: 0, videos: 0 }, previous: { links: 0, videos: 0 } };
  for (const m of mentions) {
    const week = m.publishedAt >= boundary ? 'current' : 'previous';
    for (const link of sharedLinks(m.links)) {
      totals[week].links++;
      if (link.video) totals[week].videos++;
      domains[week].set(link.domain, (domains[week].get(link.domain) ?? 0) + 1);
    }
  }
  const growth = (c: number, p: number) => (p > 0 ? c / p - 1 : null);
  return {
    links: { current: totals.current.links, previous: totals.previous.links, growth: growth(totals.current.links, totals.previous.links) },
    videos: { current: totals.current.videos, previous: totals.previous.videos, growth: growth(totals.current.videos, totals.previous.videos) },
    domains: compareWeeks(domains.current, domains.previous, 10),
  };
}
