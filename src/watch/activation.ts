/**
 * Activation, week over week: how the topic's hashtags and the links and videos people
 * share with it grow or shrink.
 */
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

const URL_PATTERN = /https?:\/\/[^\s<>"')\]]+/gi;
const VIDEO_HOSTS = /(^|\.)(youtube\.com|youtu\.be|vimeo\.com|tiktok\.com|dailymotion\.com|twitch\.tv)$/;

export interface SharedLink {
  url: string;
  domain: string;
  video: boolean;
}

/** What looks like a link in a text, trailing punctuation left out (not parsed: it may not be a URL). */
export function linkCandidates(text: string): string[] {
  return [...text.matchAll(URL_PATTERN)].map((match) => match[0].replace(/[.,;:!?]+$/, ''));
}

/** Links in a text, with their host and whether they point at a video. */
export function extractLinks(text: string): SharedLink[] {
  const links: SharedLink[] = [];
  for (const raw of linkCandidates(text)) {
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

/** Links and videos shared in two consecutive weeks (`boundary` = start of the current week). */
export function linkActivation(texts: { publishedAt: number; text: string }[], boundary: number): LinkActivation {
  const domains = { current: new Map<string, number>(), previous: new Map<string, number>() };
  const totals = { current: { links: 0, videos: 0 }, previous: { links: 0, videos: 0 } };
  for (const t of texts) {
    const week = t.publishedAt >= boundary ? 'current' : 'previous';
    for (const link of extractLinks(t.text)) {
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
