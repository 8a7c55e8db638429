/**
 * Google News search as a preset of the RSS connector: a query, an interface language
 * (`hl`), a country (`gl`) and an edition (`ceid`) become
 * `https://news.google.com/rss/search?q=…&hl=…&gl=…&ceid=…`, read with the feed
 * connector's conditional GET. Google does not document this feed; its items are plain
 * RSS 2.0 with the publisher in `<source url="…">` (RSS 2.0 §source).
 */
import { z } from 'zod';
import type { Connector, PollContext } from '../connector.ts';
import { baseUrl } from '../options.ts';
import { pollFeed } from '../rss/rss-connector.ts';
import { mapGoogleNewsItem } from './googlenews-mapper.ts';

export const googleNewsConfigSchema = z
  .object({
    /** Google News search syntax: words, "phrases", OR, -word, site:, when:7d. */
    query: z.string().trim().min(1, 'give a --query').describe('Google News search: words, "phrases", OR, -word, site:, when:7d'),
    /** Interface language, e.g. en-US, fr, pt-BR. */
    hl: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'a language tag such as en-US or fr').default('en-US').describe('interface language, e.g. en-US, fr'),
    /** Country whose edition to search, ISO 3166 alpha-2. */
    gl: z.string().regex(/^[A-Za-z]{2}$/, 'a two-letter country code such as US or FR').transform((c) => c.toUpperCase()).default('US').describe('country edition, e.g. US, FR'),
    /** Edition id `COUNTRY:lang`; by default from gl and hl (US:en, FR:fr). Some editions differ (TW:zh-Hant). */
    ceid: z.string().regex(/^[A-Z]{2}:[A-Za-z-]+$/, 'an edition id such as US:en').nullable().default(null).describe('edition id when not COUNTRY:lang, e.g. TW:zh-Hant'),
    /** Where the feed is served; only tests point it elsewhere. */
    apiBase: baseUrl.default('https://news.google.com').describe('API base (default: the real service)'),
  });
export type GoogleNewsConfig = z.infer<typeof googleNewsConfigSchema>;

/** The edition id Google News pairs with hl and gl: `US:en` for hl=en-US, gl=US. */
export const editionOf = (config: Pick<GoogleNewsConfig, 'hl' | 'gl' | 'ceid'>) => config.ceid ?? `${config.gl}:${config.hl.split('-')[0]}`;

export function googleNewsUrl(config: GoogleNewsConfig): string {
  const url = new URL('/rss/search', config.apiBase);
  url.search = new URLSearchParams({ q: config.query, hl: config.hl, gl: config.gl, ceid: editionOf(config) }).toString();
  return url.href;
}

export const googleNewsConnector: Connector<GoogleNewsConfig, Record<string, never>> = {
  network: 'googlenews',
  configSchema: googleNewsConfigSchema,
  secretsSchema: z.object({}) as z.ZodType<Record<string, never>>,
  describe: (config) => `"${config.query}" in Google News ${editionOf(config)}`,
  poll: (context: PollContext<GoogleNewsConfig, Record<string, never>>) => pollFeed(googleNewsUrl(context.config), context, (item, feed, now) => mapGoogleNewsItem(item, feed, now)),
};
