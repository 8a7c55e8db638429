/**
 * What a post may be on each network Murmur publishes to, counted the way the network
 * counts it. One definition for the composer's preview (the dashboard imports this file),
 * the API, the CLI and the publisher, so a post the preview accepts is not refused later.
 *
 * Mastodon: 500 characters (grapheme clusters), every http(s) link counts as 23, a mention
 * counts without its domain (`@ana@example.social` is `@ana`), as its StatusLengthValidator
 * does: https://docs.joinmastodon.org/user/posting/#text
 * Bluesky: 300 graphemes of the record's text, links counted in full:
 * https://docs.bsky.app/docs/advanced-guides/post-richtext (app.bsky.feed.post maxGraphemes 300)
 * Pictures: at most 4 on either network, each with its alt text (Mastodon's description
 * allows 1,500 characters): https://docs.joinmastodon.org/methods/media/#v2
 */
import { z } from 'zod';
import { storableTextProblem } from './storable-text.ts';

export const COMPOSER_NETWORKS = ['mastodon', 'bluesky'] as const;
export type ComposerNetwork = (typeof COMPOSER_NETWORKS)[number];

export const POST_LIMITS: Record<ComposerNetwork, number> = { mastodon: 500, bluesky: 300 };
/** Mastodon counts any link as this many characters. */
export const MASTODON_LINK_LENGTH = 23;
export const MAX_MEDIA = 4;
export const MAX_ALT_TEXT = 1500;

// A link as both networks find one: a scheme, then no space; trailing punctuation is not part of it.
const LINK = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]]/g;
const MASTODON_MENTION = /(^|[^\p{L}\p{N}_/])@([\p{L}\p{N}_]+(?:[.-][\p{L}\p{N}_]+)*)@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

export function isComposerNetwork(channel: string): channel is ComposerNetwork {
  return (COMPOSER_NETWORKS as readonly string[]).includes(channel);
}

export function countGraphemes(text: string): number {
  let count = 0;
  for (const _ of new Intl.Segmenter().segment(text)) count++;
  return count;
}

/** The length of `text` as `network` counts it against its limit. */
export function postLength(network: ComposerNetwork, text: string): number {
  if (network === 'bluesky') return countGraphemes(text);
  const countable = text.replace(LINK, 'x'.repeat(MASTODON_LINK_LENGTH)).replace(MASTODON_MENTION, (_, before: string, user: string) => `${before}@${user}`);
  return countGraphemes(countable);
}

/** The links in a post, in order; the first is the one both networks show as a card. */
export function linksOf(text: string): string[] {
  return [...text.matchAll(LINK)].map((m) => m[0]);
}

/** Text a store can keep (no U+0000, no unpaired surrogate): PostgreSQL would refuse the whole statement. */
export const storable = <T extends z.ZodString>(schema: T) =>
  schema.superRefine((value, ctx) => {
    const problem = storableTextProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** When a post goes out: a date, an ISO time with its offset, or epoch ms within what a Date can hold. */
export const PostTimeSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true }), z.number().int().min(0).max(8.64e15)]);

export const MediaSchema = z
  .object({
    url: z.url({ protocol: /^https?$/ }),
    alt: storable(z.string().trim().min(1, 'alt text is required: describe the picture for people who cannot see it').max(MAX_ALT_TEXT)),
  })
  .strict();
export type MediaAttachment = z.output<typeof MediaSchema>;

export interface PostProblem {
  path: (string | number)[];
  message: string;
}

/** The text is longer than `network` allows, as it counts; null when it fits. */
export function lengthProblem(network: ComposerNetwork, body: string): PostProblem | null {
  const length = postLength(network, body);
  return length > POST_LIMITS[network] ? { path: ['body'], message: `${length} characters as ${network} counts them; ${network} allows ${POST_LIMITS[network]}` } : null;
}

/** Why `body` cannot be posted to `network` as it is; empty when it can. */
export function postProblems(network: ComposerNetwork, body: string): PostProblem[] {
  const tooLong = lengthProblem(network, body);
  return [...(body.trim() === '' ? [{ path: ['body'], message: `a ${network} post needs text` }] : []), ...(tooLong ? [tooLong] : [])];
}

/** A post written once for several networks: the composer's form, the API's body, the CLI's flags. */
export const ComposeSchema = z
  .object({
    planId: z.number().int().positive(),
    channels: z.array(z.enum(COMPOSER_NETWORKS)).min(1, 'pick at least one network').max(COMPOSER_NETWORKS.length),
    title: storable(z.string().trim().min(1).max(300)),
    body: storable(z.string().max(20_000)),
    media: z.array(MediaSchema).max(MAX_MEDIA).default([]),
    owner: storable(z.string().trim().min(1).max(200)),
    scheduledAt: PostTimeSchema.nullable().default(null),
  })
  .strict()
  .superRefine((post, ctx) => {
    const channels = new Set(post.channels);
    if (channels.size !== post.channels.length) ctx.addIssue({ code: 'custom', path: ['channels'], message: 'a network is picked twice' });
    for (const network of channels) for (const problem of postProblems(network, post.body)) ctx.addIssue({ code: 'custom', ...problem });
  });
export type ComposeInput = z.input<typeof ComposeSchema>;
