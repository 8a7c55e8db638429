/**
 * `murmur sources add|list|enable|disable|remove|run|publish`: the connectors that fill the store.
 * Secret flags take the value itself or `env:NAME` to read it from the environment
 * (keeps tokens out of shell history); they are stored encrypted and never printed.
 */
import type { Command } from 'commander';
import pc from 'picocolors';
import { NETWORKS, type Network } from '../../listen/connectors/connector.ts';
import { SecretKeyError } from '../../listen/connectors/secret-box.ts';
import { publishDueItems, type PublishOutcome } from '../../listen/scheduler/publish-due.ts';
import { runSourceOnce, type PollSummary } from '../../listen/scheduler/run-source.ts';
import { startScheduler } from '../../listen/scheduler/scheduler.ts';
import { addSource, isNetwork, listSources, removeSource, setSourceEnabled, SourceConfigError, type SourceView } from '../../listen/sources.ts';
import { NotFoundError } from '../../store/workspaces.ts';
import { EXIT, UsageError, output, withStore } from '../context.ts';
import { SUMMARY } from '../summaries.ts';

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

interface AddFlags {
  name?: string;
  interval?: string;
  disabled?: boolean;
  lookback?: string;
  maxPages?: string;
  instance?: string;
  tag?: string[];
  volumeTag?: string[];
  account?: string[];
  ownAccount?: string[];
  ownPosts?: boolean;
  query?: string[];
  local?: boolean;
  stream?: boolean;
  streamingUrl?: string;
  jetstreamUrl?: string;
  token?: string;
  service?: string;
  identifier?: string;
  lang?: string;
  appPassword?: string;
  clientId?: string;
  clientSecret?: string;
  subreddit?: string[];
  comments: boolean;
  userAgent?: string;
  authBase?: string;
  apiBase?: string;
  tags?: string;
  url?: string;
  community?: string;
  apiKey?: string;
  dailyQuota?: string;
  hl?: string;
  gl?: string;
  ceid?: string;
  channel?: string[];
  dailyQueries?: string;
  json?: boolean;
}

/** `90s`, `5m`, `1h`, `1d`, or plain seconds. */
export function parseDuration(value: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(value.trim());
  if (!match) throw new UsageError(`${flag} must be a duration like 90s, 5m or 1h, got "${value}"`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] ?? 's']!;
  return Math.round(Number(match[1]) * unit);
}

function positive(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} must be a positive number, got "${value}"`);
  return n;
}

/** A secret flag's value: literal, or `env:NAME`. */
export function secretValue(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  const name = /^env:([A-Za-z_][A-Za-z0-9_]*)$/.exec(value)?.[1];
  if (!name) return value;
  const fromEnv = process.env[name];
  if (!fromEnv) throw new UsageError(`${flag} env:${name}: the environment variable ${name} is not set`);
  return fromEnv;
}

/** Which flags each network takes; any other network-specific flag is a mistake worth saying. */
const FLAGS: Record<Network, (keyof AddFlags)[]> = {
  mastodon: ['instance', 'tag', 'volumeTag', 'account', 'ownAccount', 'query', 'local', 'stream', 'streamingUrl', 'token'],
  bluesky: ['service', 'identifier', 'query', 'lang', 'stream', 'jetstreamUrl', 'appPassword', 'ownPosts'],
  reddit: ['clientId', 'clientSecret', 'query', 'subreddit', 'comments', 'userAgent', 'authBase', 'apiBase'],
  hackernews: ['query', 'tags', 'apiBase'],
  rss: ['url'],
  lemmy: ['instance', 'query', 'community', 'local', 'comments'],
  youtube: ['query', 'apiKey', 'dailyQuota', 'comments', 'apiBase'],
  tumblr: ['tag', 'apiKey', 'apiBase'],
  googlenews: ['query', 'hl', 'gl', 'ceid', 'apiBase'],
  telegram: ['channel', 'apiBase'],
  threads: ['query', 'token', 'dailyQueries', 'apiBase'],
};
const flagName = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

function checkFlags(network: Network, flags: AddFlags) {
  const allowed = new Set<string>(FLAGS[network]);
  const given = (Object.keys(FLAGS) as Network[]).flatMap((n) => FLAGS[n]).filter((key) => {
    const value = flags[key];
    if (key === 'comments') return value === false;
    return Array.isArray(value) ? value.length > 0 : value !== undefined;
  });
  const wrong = [...new Set(given.filter((key) => !allowed.has(key)))];
  if (wrong.length > 0) throw new UsageError(`${wrong.map(flagName).join(', ')} ${wrong.length > 1 ? 'do' : 'does'} not apply to ${network} sources`);
}

function single(values: string[], flag: string, network: string): string | null {
  if (values.length > 1) throw new UsageError(`${network} takes one ${flag}, got ${values.length}`);
  return values[0] ?? null;
}

/** Flags → (config, secrets) in the connector's own option names. */
export function configFromFlags(network: Network, given: AddFlags): { config: Record<string, unknown>; secrets: Record<string, string | undefined> } {
  const flags = { ...given, tag: given.tag ?? [], volumeTag: given.volumeTag ?? [], account: given.account ?? [], ownAccount: given.ownAccount ?? [], query: given.query ?? [], subreddit: given.subreddit ?? [], channel: given.channel ?? [] };
  checkFlags(network, flags);
  const polling = { lookbackHours: positive(flags.lookback, '--lookback'), maxPages: positive(flags.maxPages, '--max-pages') };
  const clean = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  switch (network) {
    case 'mastodon':
      return {
        config: clean({ instance: flags.instance, tags: flags.tag, volumeTags: flags.volumeTag, accounts: flags.account, ownAccounts: flags.ownAccount, query: single(flags.query, '--query', network), localOnly: flags.local, stream: flags.stream, streamingUrl: flags.streamingUrl, ...polling }),
        secrets: { token: secretValue(flags.token, '--token') },
      };
    case 'bluesky':
      return {
        config: clean({ service: flags.service, identifier: flags.identifier, queries: flags.query, ownPosts: flags.ownPosts, lang: flags.lang ?? null, stream: flags.stream, jetstreamUrl: flags.jetstreamUrl, ...polling }),
        secrets: { appPassword: secretValue(flags.appPassword, '--app-password') },
      };
    case 'reddit':
      return {
        config: clean({ clientId: flags.clientId, query: single(flags.query, '--query', network), subreddits: flags.subreddit, comments: flags.comments, userAgent: flags.userAgent ?? null, authBase: flags.authBase, apiBase: flags.apiBase, ...polling }),
        secrets: { clientSecret: secretValue(flags.clientSecret, '--client-secret') },
      };
    case 'hackernews':
      return { config: clean({ queries: flags.query, tags: flags.tags, apiBase: flags.apiBase, ...polling }), secrets: {} };
    case 'rss':
      return { config: clean({ url: flags.url }), secrets: {} };
    case 'lemmy':
      return { config: clean({ instance: flags.instance, queries: flags.query, community: flags.community, listingType: flags.local ? 'Local' : undefined, comments: flags.comments, ...polling }), secrets: {} };
    case 'youtube':
      return {
        config: clean({ queries: flags.query, dailyQuota: positive(flags.dailyQuota, '--daily-quota'), comments: flags.comments, apiBase: flags.apiBase, ...polling }),
        secrets: { apiKey: secretValue(flags.apiKey, '--api-key') },
      };
    case 'tumblr':
      return { config: clean({ tags: flags.tag, apiBase: flags.apiBase, ...polling }), secrets: { apiKey: secretValue(flags.apiKey, '--api-key') } };
    case 'googlenews':
      return { config: clean({ query: single(flags.query, '--query', network) ?? undefined, hl: flags.hl, gl: flags.gl, ceid: flags.ceid, apiBase: flags.apiBase }), secrets: {} };
    case 'telegram':
      return { config: clean({ channels: flags.channel, apiBase: flags.apiBase, ...polling }), secrets: {} };
    case 'threads':
      return {
        config: clean({ queries: flags.query, dailyQueryBudget: positive(flags.dailyQueries, '--daily-queries'), apiBase: flags.apiBase, ...polling }),
        secrets: { accessToken: secretValue(flags.token, '--token') },
      };
  }
}

const ago = (date: Date | null) => (date ? date.toISOString().replace('T', ' ').slice(0, 19) : '—');
const every = (ms: number) => (ms % 3_600_000 === 0 ? `${ms / 3_600_000}h` : ms % 60_000 === 0 ? `${ms / 60_000}m` : `${ms / 1000}s`);

function statusText(source: SourceView): string {
  if (!source.enabled) return pc.dim('disabled');
  if (source.status === 'unhealthy') return pc.red(`unhealthy (${source.consecutiveFailures} failures)`);
  if (source.status === 'new') {
    // Polled but never successful yet: say so, rather than "not polled yet".
    if (source.consecutiveFailures > 0) return pc.yellow(`failing, ${source.consecutiveFailures} failure(s) and no success yet`);
    return pc.dim(source.lastPolledAt ? 'no successful poll yet' : 'not polled yet');
  }
  return source.consecutiveFailures > 0 ? pc.yellow(`ok, ${source.consecutiveFailures} recent failure(s)`) : pc.green('ok');
}

export function renderSources(sources: SourceView[]): string {
  if (sources.length === 0) return 'no sources yet: add one with  murmur sources add <network> …  (see murmur sources add --help)';
  return sources
    .map((s) => {
      const secrets = Object.keys(s.secrets).map((k) => `${k}=${s.secrets[k]}`).join(' ');
      const lines = [
        `${pc.bold(`#${s.id}`)} ${s.name}  ${statusText(s)}`,
        `    ${s.network}: ${s.description}${secrets ? `  ${pc.dim(secrets)}` : ''}`,
        `    every ${every(s.intervalMs)} · last poll ${ago(s.lastPolledAt)} · last success ${ago(s.lastSuccessAt)} · next ${ago(s.nextPollAt)}`,
      ];
      if (s.lastError) lines.push(`    ${pc.red('last error:')} ${s.lastError}`);
      const note = s.lastResult?.note;
      if (typeof note === 'string') lines.push(`    ${pc.yellow('note:')} ${note}`);
      return lines.join('\n');
    })
    .join('\n');
}

function renderPoll(s: PollSummary, names: Map<number, string>): string {
  const name = names.get(s.sourceId) ?? `source ${s.sourceId}`;
  if (s.outcome === 'busy') return `${name}: skipped, another poller is running it`;
  const counts = `${s.inserted} new, ${s.updated} updated, ${s.pages} page(s), ${s.requests} request(s)`;
  const note = s.note ? `; ${s.note}` : '';
  return s.outcome === 'ok' ? `${pc.green('✓')} ${name}: ${counts}${note}` : `${pc.red('✗')} ${name}: ${counts}; ${s.error}`;
}

function renderPublish(outcomes: PublishOutcome[]): string {
  if (outcomes.length === 0) return 'nothing due to publish';
  return outcomes.map((o) => `calendar item ${o.itemId} (${o.network ?? '?'}): ${o.status}${o.url ? ` ${o.url}` : ''}${o.error ? ` — ${o.error}` : ''}`).join('\n');
}

function parseIds(values: string[]): number[] {
  return values.map((v) => {
    const id = Number(v);
    if (!Number.isInteger(id) || id <= 0) throw new UsageError(`a source id is a whole number, got "${v}"`);
    return id;
  });
}

export function registerSources(program: Command): void {
  const sources = program.command('sources').description(SUMMARY.sources);

  sources
    .command('add')
    .description('add a source to poll')
    .argument('<network>', NETWORKS.join(' | '))
    .option('--name <name>', 'a name to recognise it by (default: from what it reads)')
    .option('--interval <duration>', 'poll every… e.g. 90s, 5m, 1h (default: 5m Mastodon/Bluesky, 10m Reddit/HN/Lemmy, 15m Tumblr/Telegram/Threads, 30m RSS/YouTube, 1h Google News)')
    .option('--disabled', 'store it without polling it yet')
    .option('--lookback <hours>', 'how far back the first poll reads (default 24)')
    .option('--max-pages <n>', 'pages per poll at most; a longer backlog continues next poll (default 10)')
    .option('--instance <url>', 'mastodon, lemmy: the instance, e.g. mastodon.social, lemmy.world')
    .option('--tag <hashtag>', 'mastodon: a hashtag timeline to read; tumblr: a tag (repeatable)', collect)
    .option('--volume-tag <hashtag>', 'mastodon: store only the daily volume of this hashtag (repeatable)', collect)
    .option('--account <acct>', 'mastodon: an account whose posts to read, user@domain (repeatable)', collect)
    .option('--own-account <acct>', "mastodon: the brand's own account: its posts' engagement and daily followers, for the plan's KPIs (repeatable)", collect)
    .option('--own-posts', "bluesky: also read the account's own posts (engagement) and daily followers, for the plan's KPIs")
    .option('--query <text>', 'full-text search (mastodon, reddit, googlenews: one; bluesky, hackernews, lemmy, youtube, threads: repeatable)', collect)
    .option('--local', 'mastodon, lemmy: only posts from the instance itself')
    .option('--stream', 'mastodon: also follow the tags live (streaming API); bluesky: also follow new posts on Jetstream — while the scheduler runs')
    .option('--streaming-url <url>', 'mastodon: the streaming server, when not the instance itself')
    .option('--token <token>', 'mastodon: access token (needed for search and publishing); threads: user access token with threads_keyword_search; or env:NAME')
    .option('--service <url>', 'bluesky: the PDS of the account (default https://bsky.social)')
    .option('--identifier <handle>', 'bluesky: the handle the app password belongs to')
    .option('--lang <code>', 'bluesky: only posts in this language')
    .option('--jetstream-url <url>', 'bluesky: the Jetstream instance (default wss://jetstream2.us-east.bsky.network)')
    .option('--app-password <password>', 'bluesky: an app password (Settings → App passwords), or env:NAME')
    .option('--client-id <id>', 'reddit: the app client id (reddit.com/prefs/apps, type "script")')
    .option('--client-secret <secret>', 'reddit: the app secret, or env:NAME')
    .option('--subreddit <name>', 'reddit: a subreddit to read or to restrict the search to (repeatable)', collect)
    .option('--no-comments', 'reddit, lemmy, youtube: skip comments (of matching threads, in the search, of new videos)')
    .option('--user-agent <ua>', 'reddit: your User-Agent, e.g. "server:murmur-acme:1.0 (by /u/you)"')
    .option('--auth-base <url>', 'reddit: token endpoint base (default https://www.reddit.com)')
    .option('--api-base <url>', 'reddit/hackernews/youtube/tumblr/googlenews/telegram/threads: API base (defaults to the real service)')
    .option('--tags <filter>', 'hackernews: Algolia tags filter (default "(story,comment)")')
    .option('--url <url>', 'rss: the feed URL')
    .option('--community <name>', 'lemmy: only this community, name or name@instance')
    .option('--api-key <key>', 'youtube: a Google Cloud API key; tumblr: an app\'s OAuth consumer key — or env:NAME')
    .option('--daily-quota <units>', 'youtube: the project\'s daily quota in units (default 10000)')
    .option('--hl <lang>', 'googlenews: interface language, e.g. en-US, fr (default en-US)')
    .option('--gl <country>', 'googlenews: country edition, e.g. US, FR (default US)')
    .option('--ceid <edition>', 'googlenews: edition id when not COUNTRY:lang, e.g. TW:zh-Hant')
    .option('--daily-queries <n>', 'threads: the share of the 2,200 keyword searches per 24 h this source may use (default 2200)')
    .option('--channel <name>', 'telegram: a public channel to read through t.me/s/<name> (repeatable)', collect)
    .option('--json', 'print the source as JSON')
    .action(async (network: string, flags: AddFlags, command: Command) => {
      if (!isNetwork(network)) throw new UsageError(`unknown network "${network}" (one of: ${NETWORKS.join(', ')})`);
      const { config, secrets } = configFromFlags(network, flags);
      const source = await withStore(command, async (store, ws) => {
        try {
          return await addSource(store, ws, { network, name: flags.name, config, secrets, intervalMs: flags.interval ? parseDuration(flags.interval, '--interval') : null, enabled: !flags.disabled });
        } catch (error) {
          if (error instanceof SourceConfigError || error instanceof SecretKeyError) throw new UsageError(error.message);
          throw error;
        }
      }, { create: true });
      output(flags, source, (s) => `added source #${s.id} ${s.name}\n${renderSources([s])}`);
    });

  sources
    .command('list')
    .description('sources with their health, last error and next poll (secrets shown as ••••)')
    .option('--json', 'print as JSON')
    .action(async (flags: { json?: boolean }, command: Command) => {
      const list = await withStore(command, (store, ws) => listSources(store, ws));
      output(flags, list, renderSources);
    });

  sources
    .command('remove')
    .description('remove a source (its mentions stay)')
    .argument('<id>', 'source id (see murmur sources list)')
    .option('--json', 'print the result as JSON')
    .action(async (id: string, flags: { json?: boolean }, command: Command) => {
      const [sourceId] = parseIds([id]);
      const removed = await withStore(command, (store, ws) => removeSource(store, ws, sourceId!));
      if (!removed) throw new UsageError(`no source #${sourceId} in this workspace`);
      output(flags, { removed: sourceId }, () => `removed source #${sourceId}`);
    });

  for (const [verb, enabled] of [['enable', true], ['disable', false]] as const) {
    sources
      .command(verb)
      .description(enabled ? 'poll a disabled source again (from where it stopped)' : 'stop polling a source, keeping it and its cursor')
      .argument('<id>', 'source id (see murmur sources list)')
      .option('--json', 'print the source as JSON')
      .action(async (id: string, flags: { json?: boolean }, command: Command) => {
        const [sourceId] = parseIds([id]);
        const source = await withStore(command, (store, ws) => setSourceEnabled(store, ws, sourceId!, enabled));
        output(flags, source, (s) => `${enabled ? 'enabled' : 'disabled'} source #${s.id} ${s.name}`);
      });
  }

  sources
    .command('run')
    .description('poll sources: once with --once, else keep polling each at its interval until Ctrl-C')
    .argument('[ids...]', 'only these sources (default: every enabled source)')
    .option('--once', 'poll each source once now and exit')
    .option('--no-publish', 'do not publish due calendar posts while running')
    .option('--json', 'print poll results as JSON (one object with --once, one line per poll otherwise)')
    .action(async (ids: string[], flags: { once?: boolean; publish: boolean; json?: boolean }, command: Command) => {
      const sourceIds = parseIds(ids);
      await withStore(command, async (store, ws) => {
        const all = await listSources(store, ws);
        const names = new Map(all.map((s) => [s.id, `#${s.id} ${s.name}`]));
        for (const id of sourceIds) if (!names.has(id)) throw new NotFoundError(`no source #${id} in this workspace`);
        if (flags.once) {
          const chosen = sourceIds.length > 0 ? sourceIds : all.filter((s) => s.enabled).map((s) => s.id);
          // Concurrent: a slow source does not hold up the others.
          const results = await Promise.all(
            chosen.map(async (id) => {
              const summary = await runSourceOnce(store, id, { logFailures: false });
              if (!flags.json) process.stdout.write(`${renderPoll(summary, names)}\n`);
              return summary;
            }),
          );
          const published = flags.publish ? await publishDueItems(store, Date.now(), { workspaceId: ws }) : [];
          if (flags.json) output(flags, { polls: results, published }, () => '');
          else if (published.length > 0) process.stdout.write(`${renderPublish(published)}\n`);
          if (results.some((r) => r.outcome === 'failed') || published.some((p) => p.status === 'failed')) process.exitCode = EXIT.partial;
          return;
        }
        const print = (text: string, data: unknown) => process.stdout.write(flags.json ? `${JSON.stringify(data)}\n` : `${text}\n`);
        const scheduler = startScheduler(store, {
          workspaceId: ws,
          sourceIds: sourceIds.length > 0 ? sourceIds : undefined,
          publish: flags.publish,
          // onPoll prints every failure; log lines on stdout would break --json lines.
          logFailures: false,
          onPoll: (s) => print(`${new Date().toISOString().slice(11, 19)} ${renderPoll(s, names)}`, s),
          onPublish: (o) => print(renderPublish(o), o),
        });
        if (!flags.json) process.stdout.write(`polling ${sourceIds.length || all.filter((s) => s.enabled).length} source(s); Ctrl-C stops (pages already stored are kept)\n`);
        await new Promise<void>((resolve) => {
          const stop = () => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            void scheduler.stop().then(resolve);
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
      });
    });

  sources
    .command('publish')
    .description('publish the calendar posts that are due now (Mastodon, Bluesky)')
    .option('--json', 'print the outcomes as JSON')
    .action(async (flags: { json?: boolean }, command: Command) => {
      const outcomes = await withStore(command, (store, ws) => publishDueItems(store, Date.now(), { workspaceId: ws }));
      output(flags, outcomes, renderPublish);
      if (outcomes.some((o) => o.status === 'failed')) process.exitCode = EXIT.partial;
    });
}
