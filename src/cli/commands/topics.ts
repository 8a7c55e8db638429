/**
 * `murmur topics …` (define, change, test boolean topic queries) and `murmur search`.
 */
import { parseTagFlag, TAG_FLAG_HELP } from './tag-flag.ts';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import pc from 'picocolors';
import { TOPIC_ROLES, type Mention, type SentimentLabel, type Topic, type TopicRole } from '../../core/mention.ts';
import { getMentionsByIds } from '../../store/mentions.ts';
import type { Store } from '../../store/store.ts';
import { NotFoundError } from '../../store/workspaces.ts';
import { backfillTopic, type BackfillProgress, type BackfillResult } from '../../listen/backfill.ts';
import { compileQuery, type CompiledQuery } from '../../listen/query/matcher.ts';
import { explainMatch, type Explanation, type ExplainNode } from '../../listen/query/explain.ts';
import type { Matchable } from '../../listen/query/context.ts';
import { QuerySyntaxError } from '../../listen/query/errors.ts';
import { countMatches, SearchError, searchMentions, MAX_SEARCH_LIMIT, type CollapsedGroup, type SearchFilters } from '../../listen/search.ts';
import { MENTION_SORTS, type MentionSort } from '../../listen/lists/sort.ts';
import { countTopicMentions, createTopic, resolveTopic, listTopics, removeTopic, TopicError, updateTopic } from '../../listen/topics.ts';
import { EXIT, UsageError, output, withStore } from '../context.ts';
import { parseDateFlag, parseToFlag } from '../dates.ts';
import { progressReporter } from '../progress.ts';
import { SUMMARY } from '../summaries.ts';
import { registerTopicMutes } from './topic-mutes.ts';

/** Errors the user can fix become UsageErrors; a bad query shows the caret display. */
export async function userErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof QuerySyntaxError) throw new UsageError(`invalid query: ${error.message}\n${error.caret}`);
    if (error instanceof TopicError || error instanceof NotFoundError || error instanceof SearchError) throw new UsageError(error.message);
    throw error;
  }
}

function parseRole(flags: { role?: string; competitor?: boolean }): TopicRole | undefined {
  if (flags.competitor && flags.role && flags.role !== 'competitor') throw new UsageError('--competitor contradicts --role');
  const role = flags.competitor ? 'competitor' : flags.role;
  if (role !== undefined && !(TOPIC_ROLES as readonly string[]).includes(role)) {
    throw new UsageError(`--role must be one of ${TOPIC_ROLES.join(', ')}, got "${role}"`);
  }
  return role as TopicRole | undefined;
}

function backfillProgress(enabled: boolean) {
  const reporter = enabled ? progressReporter('re-matching', 'mentions') : null;
  return {
    // Nothing stored yet: no progress noise.
    onProgress: reporter ? (p: BackfillProgress) => p.total > 0 && reporter.update(p.scanned, p.total) : undefined,
    stop: () => reporter?.stop(),
  };
}

const topicLine = (t: Topic) => `${t.name} (${t.role}): ${t.query}`;
const backfillLine = (b: BackfillResult | null) =>
  b ? `\n  matched ${b.matched.toLocaleString('en')} of ${b.scanned.toLocaleString('en')} stored mentions scanned${b.prefiltered ? ' (full-text pre-filtered)' : ''}` : '';

interface ChangeFlags {
  query?: string;
  name?: string;
  role?: string;
  competitor?: boolean;
  backfill: boolean;
  progress: boolean;
  json?: boolean;
}

export function registerTopics(program: Command): void {
  const topics = program.command('topics').description(SUMMARY.topics);
  registerTopicMutes(topics);

  topics
    .command('add')
    .description('add a topic and match it over the stored mentions')
    .argument('<name>', 'topic name')
    .requiredOption('-q, --query <query>', 'boolean query, e.g. \'brewly OR "brew ly" NOT author:brewly\'')
    .option('--competitor', 'the topic is a competitor (share of voice)')
    .option('--role <role>', `role: ${TOPIC_ROLES.join(', ')} (default brand)`)
    .option('--no-backfill', 'do not re-match stored mentions now')
    .option('--no-progress', 'no progress bar')
    .option('--json', 'print JSON')
    .action(async (name: string, flags: ChangeFlags, command: Command) => {
      const role = parseRole(flags);
      const progress = backfillProgress(flags.progress);
      const change = await userErrors(() =>
        withStore(command, (store, ws) =>
          createTopic(store, ws, { name, query: flags.query!, role }, { backfill: flags.backfill, onProgress: progress.onProgress }).finally(progress.stop),
        { create: true }),
      );
      output(flags, change, (c) => `added ${topicLine(c.topic)}${backfillLine(c.backfill)}`);
    });

  topics
    .command('list')
    .description('list the topics with how many stored mentions each matched')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }, command: Command) => {
      const rows = await withStore(command, async (store, ws) => {
        const counts = await countTopicMentions(store, ws);
        return (await listTopics(store, ws)).map((topic) => ({ ...topic, mentions: counts.get(topic.id) ?? 0 }));
      });
      output(flags, rows, (list) =>
        list.length === 0
          ? 'no topics yet: murmur topics add NAME --query "…"'
          : list.map((t) => `${pc.bold(t.name)}  ${t.role}  ${t.mentions.toLocaleString('en')} mentions\n  ${t.query}`).join('\n'),
      );
    });

  topics
    .command('update')
    .description("change a topic's query, name or role (a new query re-matches stored mentions)")
    .argument('<name>', 'topic name')
    .option('-q, --query <query>', 'new boolean query')
    .option('--name <name>', 'new name')
    .option('--competitor', 'make it a competitor topic')
    .option('--role <role>', `new role: ${TOPIC_ROLES.join(', ')}`)
    .option('--no-backfill', 'do not re-match stored mentions now')
    .option('--no-progress', 'no progress bar')
    .option('--json', 'print JSON')
    .action(async (name: string, flags: ChangeFlags, command: Command) => {
      const role = parseRole(flags);
      if (flags.query === undefined && flags.name === undefined && role === undefined) throw new UsageError('nothing to change: give --query, --name or --role');
      const progress = backfillProgress(flags.progress);
      const change = await userErrors(() =>
        withStore(command, (store, ws) =>
          updateTopic(store, ws, name, { query: flags.query, name: flags.name, role }, { backfill: flags.backfill, onProgress: progress.onProgress }).finally(progress.stop),
        ),
      );
      output(flags, change, (c) => `updated ${topicLine(c.topic)}${backfillLine(c.backfill)}`);
    });

  topics
    .command('remove')
    .description('remove a topic and its links to mentions')
    .argument('<name>', 'topic name')
    .option('--json', 'print JSON')
    .action(async (name: string, flags: { json?: boolean }, command: Command) => {
      const topic = await userErrors(() => withStore(command, (store, ws) => removeTopic(store, ws, name)));
      output(flags, topic, (t) => `removed ${topicLine(t)}`);
    });

  topics
    .command('backfill')
    .description('re-match stored mentions against one topic, or all (e.g. to finish an interrupted run)')
    .argument('[name]', 'topic name (default: every topic)')
    .option('--no-progress', 'no progress bar')
    .option('--json', 'print JSON')
    .action(async (name: string | undefined, flags: { progress: boolean; json?: boolean }, command: Command) => {
      const results = await userErrors(() =>
        withStore(command, async (store, ws) => {
          const chosen = name === undefined ? await listTopics(store, ws) : [await resolveTopic(store, ws, name)];
          const done: { topic: string; backfill: BackfillResult }[] = [];
          for (const topic of chosen) {
            const progress = backfillProgress(flags.progress);
            const backfill = await backfillTopic(store, ws, topic.id, progress.onProgress).finally(progress.stop);
            done.push({ topic: topic.name, backfill });
          }
          return done;
        }),
      );
      output(flags, results, (list) => (list.length === 0 ? 'no topics yet' : list.map((r) => `${r.topic}${backfillLine(r.backfill)}`).join('\n')));
    });

  topics
    .command('test')
    .description('show how a query (or a topic\'s query) matches a sample text, a stored mention, or each line of a JSON-lines file')
    .argument('[query]', 'boolean query (or use --topic)')
    .option('--topic <name>', "test this topic's query")
    .option('--text <text>', 'sample text')
    .option('--author <handle>', 'author handle of the sample (for author:)')
    .option('--lang <code>', 'language of the sample (for lang:)')
    .option('--source <name>', 'source of the sample (for source:)')
    .option('--url <url>', 'link of the sample (for site: and url:)')
    .option('--mention <id>', 'a stored mention, by id (why is it, or is it not, in the topic?)')
    .option('--file <path>', 'JSON lines with text and optional author, lang, source, url ("-" for stdin); prints one JSON line per input with "match"')
    .option('--json', 'print JSON')
    .action(async (query: string | undefined, flags: TestFlags, command: Command) => {
      if ((query === undefined) === (flags.topic === undefined)) throw new UsageError('give either a query or --topic NAME');
      const inputs = [flags.text, flags.file, flags.mention].filter((x) => x !== undefined);
      if (inputs.length !== 1) throw new UsageError('give one of --text, --mention or --file');
      const needsStore = flags.topic !== undefined || flags.mention !== undefined;
      const { compiled, subject } = await userErrors(async () => {
        if (!needsStore) return { compiled: compileQuery(query!), subject: null };
        return withStore(command, async (store, ws) => ({
          compiled: compileQuery(query ?? (await resolveTopic(store, ws, flags.topic!)).query),
          subject: flags.mention === undefined ? null : await storedMention(store, ws, flags.mention),
        }));
      });
      if (flags.file !== undefined) {
        process.exitCode = await testFile(compiled, flags.file);
        return;
      }
      const sample: Matchable = subject ?? { text: flags.text!, author: flags.author ? { handle: flags.author } : null, lang: flags.lang, source: flags.source, url: flags.url };
      output(flags, explainMatch(compiled, sample), (e) => renderExplanation(e, sample.text));
    });

  withSearchOptions(program.command('search').description(SUMMARY.search).argument('[query]', 'boolean query (optional)'))
    .option('--limit <n>', `mentions per page (1-${MAX_SEARCH_LIMIT})`, '20')
    .option('--cursor <cursor>', 'continue after a previous page (its nextCursor)')
    .option('--json', 'print JSON')
    .action(async (query: string | undefined, flags: SearchFlags, command: Command) => {
      const sort = parseSort(flags.sort);
      const page = await userErrors(() =>
        withStore(command, async (store, ws) => {
          const filters = await searchFilters(store, ws, query, flags);
          const collapse = flags.collapse === true;
          const found = await searchMentions(store, ws, { ...filters, collapse, sort, limit: parseLimit(flags.limit), cursor: flags.cursor });
          // As the API: the exact total comes with the first page.
          return { ...found, total: flags.cursor ? undefined : await countMatches(store, ws, { ...filters, collapse }) };
        }),
      );
      output(flags, page, (p) => renderMentions(p.mentions, p.nextCursor, p.total, p.groups));
    });
}

/** The options of a search (filters, sort, collapse), shared by `murmur search` and `murmur mentions export`. */
export function withSearchOptions(command: Command): Command {
  return command
    .option('--topic <name>', 'only mentions of this topic')
    .option('--lang <code>', 'only this language')
    .option('--sentiment <label>', 'negative, neutral or positive')
    .option('--source <name>', 'only this source')
    .option('--tag <tag>', TAG_FLAG_HELP)
    .option('--from <date>', 'published on or after: a day YYYY-MM-DD (UTC) or an ISO time')
    .option('--to <date>', 'published on or before this day YYYY-MM-DD (UTC, the whole day counts), or before an ISO time')
    .option('--sort <order>', `${MENTION_SORTS.join(', ')}`, 'newest')
    .option('--collapse', 'one row per post and its reposts/quotes (or posts sharing its link), with the count')
    .option('--group <key>', 'only the members of this repost group (the group key of a collapsed row)');
}

/** The filters of `murmur search` and `murmur mentions export`, read from their flags. */
export async function searchFilters(store: Store, ws: number, query: string | undefined, flags: Omit<SearchFlags, 'limit'>): Promise<SearchFilters> {
  return {
    query,
    topicId: flags.topic ? (await resolveTopic(store, ws, flags.topic)).id : undefined,
    lang: flags.lang,
    sentiment: parseSentiment(flags.sentiment),
    source: flags.source,
    tag: await parseTagFlag(flags.tag),
    from: parseDateFlag('--from', flags.from),
    to: parseToFlag('--to', flags.to),
    group: flags.group,
  };
}

export function parseSort(value: string | undefined): MentionSort {
  if (value === undefined) return 'newest';
  if ((MENTION_SORTS as readonly string[]).includes(value)) return value as MentionSort;
  throw new UsageError(`--sort must be one of ${MENTION_SORTS.join(', ')}, got "${value}"`);
}

interface TestFlags {
  topic?: string;
  mention?: string;
  text?: string;
  author?: string;
  lang?: string;
  source?: string;
  url?: string;
  file?: string;
  json?: boolean;
}

export interface SearchFlags {
  topic?: string;
  lang?: string;
  sentiment?: string;
  source?: string;
  tag?: string;
  from?: string;
  to?: string;
  sort?: string;
  collapse?: boolean;
  group?: string;
  limit: string;
  cursor?: string;
  json?: boolean;
}

async function storedMention(store: Store, workspaceId: number, id: string): Promise<Mention> {
  const [mention] = /^\d+$/.test(id) ? await getMentionsByIds(store, [Number(id)]) : [];
  if (!mention || mention.workspaceId !== workspaceId) throw new UsageError(`no stored mention with id ${id}`);
  return mention;
}

function parseSentiment(value: string | undefined): SentimentLabel | undefined {
  if (value === undefined || value === 'negative' || value === 'neutral' || value === 'positive') return value;
  throw new UsageError(`--sentiment must be negative, neutral or positive, got "${value}"`);
}

function parseLimit(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > MAX_SEARCH_LIMIT) {
    throw new UsageError(`--limit must be a whole number from 1 to ${MAX_SEARCH_LIMIT}, got "${value}"`);
  }
  return n;
}

/** One JSON line out per line in: the input with `"match"`, or `"error"` for a line that is not a mention. */
async function testFile(query: CompiledQuery, path: string): Promise<number> {
  const input = path === '-' ? process.stdin : createReadStream(path, 'utf8');
  const opened = new Promise<void>((resolve, reject) => {
    if (path === '-') resolve();
    else input.once('open', () => resolve()).once('error', reject);
  });
  await opened.catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${path}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  let line = 0;
  let bad = 0;
  for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
    line++;
    if (raw.trim() === '') continue;
    const subject = parseSubject(raw);
    if (typeof subject === 'string') {
      bad++;
      process.stdout.write(`${JSON.stringify({ line, match: null, error: subject })}\n`);
    } else {
      process.stdout.write(`${JSON.stringify({ ...subject.record, match: query.matches(subject.matchable) })}\n`);
    }
  }
  return bad > 0 ? EXIT.partial : EXIT.ok;
}

function parseSubject(raw: string): { record: Record<string, unknown>; matchable: Matchable } | string {
  let record: unknown;
  try {
    record = JSON.parse(raw);
  } catch (error) {
    return `not JSON: ${(error as Error).message}`;
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return 'expected a JSON object';
  const r = record as Record<string, unknown>;
  if (typeof r.text !== 'string') return 'missing "text" (a string)';
  const text = (key: string) => (typeof r[key] === 'string' ? (r[key] as string) : null);
  const author = typeof r.author === 'object' && r.author !== null ? (r.author as Record<string, unknown>).handle : r.author;
  return {
    record: r,
    matchable: { text: r.text, author: typeof author === 'string' ? { handle: author } : null, lang: text('lang'), source: text('source'), url: text('url') },
  };
}

function highlight(text: string, spans: Explanation['highlights']): string {
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.start) + (pc.isColorSupported ? pc.bold(pc.yellow(span.text)) : `[${span.text}]`);
    at = span.end;
  }
  return out + text.slice(at);
}

function renderExplanation(explanation: Explanation, text: string): string {
  const lines = [`${explanation.match ? pc.green('match') : pc.red('no match')}`, `text: ${highlight(text, explanation.highlights)}`, ''];
  const walk = (node: ExplainNode, depth: number) => {
    const mark = node.matched ? pc.green('✓') : pc.red('✗');
    const words = node.words.length > 0 ? `   ${pc.dim('→')} ${node.words.map((w) => `"${w.text}"`).join(', ')}` : '';
    lines.push(`${'  '.repeat(depth)}${mark} ${node.query}${words}`);
    for (const child of node.children) walk(child, depth + 1);
  };
  walk(explanation.tree, 0);
  return lines.join('\n');
}

function renderMentions(mentions: Mention[], nextCursor: string | null, total?: number, groups?: CollapsedGroup[]): string {
  if (mentions.length === 0) return 'no mentions found';
  const lines = mentions.map((m, i) => {
    const meta = [m.publishedAt.toISOString().slice(0, 16).replace('T', ' '), m.source, `@${m.author.handle}`, m.lang ?? '?', m.sentiment?.label ?? ''].filter(Boolean).join('  ');
    const group = groups?.[i];
    const more = group && group.members > 1 ? `\n  ${pc.dim(`+${group.members - 1} reposts and quotes: --group '${group.key}'`)}` : '';
    return `${pc.dim(meta)}\n  ${m.text.replace(/\s+/g, ' ').slice(0, 280)}${more}`;
  });
  if (total !== undefined) lines.unshift(pc.bold(`${total.toLocaleString('en')} mentions found`));
  if (nextCursor) lines.push(pc.dim(`more: --cursor ${nextCursor}`));
  return lines.join('\n');
}
