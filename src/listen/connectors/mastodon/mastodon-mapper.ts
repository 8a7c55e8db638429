/**
 * Mastodon Status → MentionInput. Field names from the Status and Account entities:
 * https://docs.joinmastodon.org/entities/Status/ and https://docs.joinmastodon.org/entities/Account/
 *
 * The external id is the status `uri` (its ActivityPub id): the same post seen
 * through two instances has two local ids but one uri, so it is stored once.
 */
import { z } from 'zod';
import type { MentionInput } from '../../../core/mention.ts';
import { htmlToText } from '../html-text.ts';

export const mastodonAccountSchema = z.object({
  id: z.string(),
  username: z.string(),
  acct: z.string(),
  display_name: z.string().nullish(),
  url: z.string().nullish(),
  followers_count: z.number().nullish(),
});

export type MastodonAccount = z.infer<typeof mastodonAccountSchema>;

const baseStatus = z.object({
  id: z.string(),
  uri: z.string(),
  url: z.string().nullish(),
  created_at: z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'not a date'),
  account: mastodonAccountSchema,
  content: z.string(),
  spoiler_text: z.string().nullish(),
  visibility: z.string().optional(),
  language: z.string().nullish(),
  in_reply_to_id: z.string().nullish(),
  replies_count: z.number().nullish(),
  reblogs_count: z.number().nullish(),
  favourites_count: z.number().nullish(),
});

export const mastodonStatusSchema = baseStatus.extend({ reblog: baseStatus.nullish() });
export type MastodonStatus = z.infer<typeof mastodonStatusSchema>;
type BaseStatus = z.infer<typeof baseStatus>;

export const mastodonTagSchema = z.object({
  name: z.string(),
  url: z.string().optional(),
  history: z
    .array(z.object({ day: z.string(), uses: z.string(), accounts: z.string() }))
    .optional(),
});
export type MastodonTag = z.infer<typeof mastodonTagSchema>;

/** `acct` is `user` for accounts of the instance itself and `user@domain` for others; we always keep the domain. */
export function mastodonHandle(acct: string, instanceHost: string): string {
  const bare = acct.replace(/^@/, '');
  return bare.includes('@') ? bare.toLowerCase() : `${bare}@${instanceHost}`.toLowerCase();
}

export function statusText(status: BaseStatus): string {
  const body = htmlToText(status.content);
  const warning = status.spoiler_text?.trim();
  return warning ? `${warning}\n\n${body}` : body;
}

function mapOne(status: BaseStatus, instanceHost: string, parentExternalId: string | null, text = statusText(status)): MentionInput {
  return {
    source: 'mastodon',
    externalId: status.uri,
    url: status.url ?? status.uri,
    author: {
      handle: mastodonHandle(status.account.acct, instanceHost),
      displayName: status.account.display_name || null,
      followers: status.account.followers_count ?? null,
    },
    text,
    publishedAt: new Date(status.created_at),
    engagement: {
      likes: status.favourites_count ?? 0,
      shares: status.reblogs_count ?? 0,
      replies: status.replies_count ?? 0,
      views: null,
    },
    langHint: status.language ?? null,
    parentExternalId,
  };
}

/**
 * One status gives one mention; a boost gives two: the boosted post itself and the
 * boost (by the booster, same text) linked to it as its parent.
 * `parentUri` resolves a reply's local `in_reply_to_id` to the parent's uri.
 */
export function mapMastodonStatus(status: MastodonStatus, instanceHost: string, parentUri: (localId: string) => string | null): MentionInput[] {
  if (status.reblog) {
    const original = mapOne(status.reblog, instanceHost, status.reblog.in_reply_to_id ? parentUri(status.reblog.in_reply_to_id) : null);
    const boost = mapOne(status, instanceHost, status.reblog.uri, original.text);
    return [original, boost];
  }
  return [mapOne(status, instanceHost, status.in_reply_to_id ? parentUri(status.in_reply_to_id) : null)];
}

/** Tag.history → daily rows. `day` is a UNIX timestamp in seconds (as a string) for the start of the day. */
export function tagHistoryRows(tag: MastodonTag, instanceHost: string) {
  return (tag.history ?? [])
    .map((h) => ({ instance: instanceHost, tag: tag.name.toLowerCase(), day: Number(h.day) * 1000, uses: Number(h.uses), accounts: Number(h.accounts) }))
    .filter((row) => Number.isFinite(row.day) && Number.isFinite(row.uses) && Number.isFinite(row.accounts));
}
