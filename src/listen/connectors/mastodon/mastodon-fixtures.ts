/**
 * Mastodon responses shaped as documented:
 * - Status:  https://docs.joinmastodon.org/entities/Status/  (fields and the example status)
 * - Account: https://docs.joinmastodon.org/entities/Account/
 * - Tag (with `history`: day as a UNIX-seconds string, uses and accounts as strings):
 *   https://docs.joinmastodon.org/entities/Tag/
 * - Paging: https://docs.joinmastodon.org/api/guidelines/#pagination (Link header,
 *   `rel="next"` → max_id, `rel="prev"` → min_id)
 * - Rate limits: https://docs.joinmastodon.org/api/rate-limits/ (X-RateLimit-Limit,
 *   -Remaining, -Reset as an ISO 8601 timestamp; 300 requests / 5 minutes)
 * - Errors: https://docs.joinmastodon.org/entities/Error/ (`{"error": "…"}`)
 */
export const INSTANCE_HOST = '127.0.0.1';

export interface AccountFixture {
  id: string;
  username: string;
  acct: string;
  display_name: string;
  followers_count: number;
}

export const accounts = {
  trwnh: { id: '14715', username: 'trwnh', acct: 'trwnh', display_name: 'infinite love ⴳ', followers_count: 821 },
  remote: { id: '109302', username: 'kasia', acct: 'kasia@social.example.pl', display_name: 'Kasia 🌸', followers_count: 12004 },
  tokyo: { id: '110001', username: 'hanako', acct: 'hanako@mstdn.jp', display_name: '花子', followers_count: 3310 },
  brand: { id: '200', username: 'brewly', acct: 'brewly', display_name: 'Brewly ☕', followers_count: 5400 },
} satisfies Record<string, AccountFixture>;

export type StatusFixture = Record<string, unknown> & { id: string; uri: string; content: string };

/** A full Status entity as the docs' example shows it, with the parts a test varies as parameters. */
export function status(options: {
  id: string;
  account: AccountFixture;
  content: string;
  createdAt: string;
  language?: string | null;
  inReplyToId?: string | null;
  spoiler?: string;
  reblog?: Record<string, unknown> | null;
  counts?: [favourites: number, reblogs: number, replies: number];
  host?: string;
}): StatusFixture {
  const host = options.host ?? INSTANCE_HOST;
  const [favourites, reblogs, replies] = options.counts ?? [0, 0, 0];
  const remote = options.account.acct.includes('@');
  const accountHost = remote ? options.account.acct.split('@')[1]! : host;
  const uri = `https://${accountHost}/users/${options.account.username}/statuses/${options.id}`;
  return {
    id: options.id,
    created_at: options.createdAt,
    in_reply_to_id: options.inReplyToId ?? null,
    in_reply_to_account_id: options.inReplyToId ? '14715' : null,
    sensitive: Boolean(options.spoiler),
    spoiler_text: options.spoiler ?? '',
    visibility: 'public',
    language: options.language === undefined ? 'en' : options.language,
    uri,
    url: `https://${accountHost}/@${options.account.username}/${options.id}`,
    replies_count: replies,
    reblogs_count: reblogs,
    favourites_count: favourites,
    edited_at: null,
    favourited: false,
    reblogged: false,
    muted: false,
    bookmarked: false,
    content: options.content,
    filtered: [],
    reblog: options.reblog ?? null,
    application: remote ? null : { name: 'Web', website: null },
    account: {
      id: options.account.id,
      username: options.account.username,
      acct: options.account.acct,
      display_name: options.account.display_name,
      locked: false,
      bot: false,
      discoverable: true,
      group: false,
      created_at: '2016-11-24T00:00:00.000Z',
      note: '<p>Coffee, code and the fediverse.</p>',
      url: `https://${accountHost}/@${options.account.username}`,
      avatar: `https://${accountHost}/avatars/original/missing.png`,
      avatar_static: `https://${accountHost}/avatars/original/missing.png`,
      header: `https://${accountHost}/headers/original/missing.png`,
      header_static: `https://${accountHost}/headers/original/missing.png`,
      followers_count: options.account.followers_count,
      following_count: 200,
      statuses_count: 4012,
      last_status_at: options.createdAt.slice(0, 10),
      emojis: [],
      fields: [],
    },
    media_attachments: [],
    mentions: [],
    tags: [{ name: 'brewly', url: `https://${host}/tags/brewly` }],
    emojis: [],
    card: null,
    poll: null,
  };
}

/** Tag entity with its history, newest day first, as /api/v2/search?type=hashtags returns it. */
export function tag(name: string, days: [day: string, uses: string, accounts: string][]): Record<string, unknown> {
  return {
    name,
    url: `https://${INSTANCE_HOST}/tags/${name}`,
    history: days.map(([day, uses, accountsCount]) => ({ day, uses, accounts: accountsCount })),
    following: false,
  };
}

const BASE = Date.parse('2026-11-22T08:00:00Z');

/** Twelve statuses in #brewly, ids rising with time; non-Latin text, emoji, a reply, a boost, a content warning. */
export function brewlyTimeline(): StatusFixture[] {
  const at = (minutes: number) => new Date(BASE + minutes * 60_000).toISOString();
  const texts: [AccountFixture, string, string | null][] = [
    [accounts.trwnh, '<p>Trying the new <a href="https://127.0.0.1/tags/brewly" class="mention hashtag" rel="tag">#<span>brewly</span></a> cold brew ☕️ — pretty good!</p>', 'en'],
    [accounts.remote, '<p>Kawa z <a href="https://127.0.0.1/tags/brewly">#brewly</a> jest świetna 😍</p>', 'pl'],
    [accounts.tokyo, '<p>新しい<a href="https://127.0.0.1/tags/brewly">#brewly</a>のコーヒー、最高です！🎉</p>', 'ja'],
    [accounts.trwnh, '<p>Is it just me or did <a href="https://127.0.0.1/tags/brewly">#brewly</a> raise prices? 😤<br />Not cool &amp; not fair.</p>', 'en'],
    [accounts.remote, '<p>Доставката от <a href="https://127.0.0.1/tags/brewly">#brewly</a> закъсня с два дни 😞</p>', 'bg'],
    [accounts.tokyo, '<p>القهوة من <a href="https://127.0.0.1/tags/brewly">#brewly</a> رائعة جدا 👍</p>', 'ar'],
    [accounts.trwnh, '<p>Morning ritual: <a href="https://127.0.0.1/tags/brewly">#brewly</a> + 🥐</p>', null],
    [accounts.remote, '<p><a href="https://127.0.0.1/tags/brewly">#brewly</a> collab with a local roaster 👀</p>', 'en'],
    [accounts.tokyo, '<p>Le café <a href="https://127.0.0.1/tags/brewly">#brewly</a> était délicieux</p>', 'fr'],
    [accounts.trwnh, '<p><a href="https://127.0.0.1/tags/brewly">#brewly</a> app keeps crashing on checkout 🙃</p>', 'en'],
    [accounts.remote, '<p>Kopi <a href="https://127.0.0.1/tags/brewly">#brewly</a> enak sekali 🇮🇩</p>', 'id'],
    [accounts.tokyo, '<p>Last one today: <a href="https://127.0.0.1/tags/brewly">#brewly</a> 🌙</p>', 'en'],
  ];
  return texts.map(([account, content, language], i) =>
    status({ id: String(109_000_000_000_000_000n + BigInt(i + 1) * 1000n), account, content, createdAt: at(i * 10), language, counts: [i, i % 3, i % 2] }),
  );
}
