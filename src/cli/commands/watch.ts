/**
 * Watch and report from the command line: `murmur spikes | crisis | advocates |
 * influencers | top | activation | sov | campaign-shape | baseline`, `murmur alerts …`
 * and `murmur report daily|weekly|monthly|annual`. Every command takes --json.
 */
import { EXPORT_OPTION, exportToFile } from '../export-file.ts';
import { mkdir, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import pc from 'picocolors';
import { causeSentence } from '../../reports/context.ts';
import { REPORT_FORMATS, REPORT_KINDS, type ReportFormat, type ReportKind } from '../../reports/document.ts';
import { isReportLang, REPORT_LANGS, wordsFor, type ReportLang, type Words } from '../../core/i18n.ts';
import { evaluateAlerts, listSentAlerts } from '../../watch/alerts/evaluate.ts';
import { addAlertRule, ALERT_KINDS, listAlertRules, removeAlertRule, updateAlertRule, type AlertChannel, type AlertKind } from '../../watch/alerts/rules.ts';
import {
  loadActivation,
  loadAdvocacy,
  loadBaseline,
  loadCampaignShape,
  loadCrisis,
  loadInfluencers,
  loadShareOfVoice,
  loadSpikeReport,
  loadTopContent,
  type SpikeReport,
  type ExplainedSpike,
} from '../../watch/loaders.ts';
import { resolveTopic } from '../../listen/topics.ts';
import { dismissCrisisItem, restoreCrisisItem } from '../../watch/dismissals.ts';
import { causeFigures } from '../../watch/figures.ts';
import { notSureNote } from '../not-sure-note.ts';
import { describeHistory } from '../../watch/spikes.ts';
import { loadSeries } from '../../watch/read/index.ts';
import { checkHourlySpan, CLI_FLAGS, DateKey, Limit, MAX_LIMIT, periodOf as contractPeriodOf, TimeZone, type Period } from '../../watch/params.ts';
import { localDaysInterval } from '../../watch/time.ts';
import { notSureShare } from '../../watch/series.ts';
import { ValidationError } from '../../core/validation.ts';
import type { z } from 'zod';
import { output, UsageError, withStore } from '../context.ts';
import type { Store } from '../../store/store.ts';
import { readFresh } from '../../watch/rollup.ts';
import { SUMMARY } from '../summaries.ts';

/** `withStore` for a command that reads Watch's analytics: the rollup's freshness is checked once, not by each loader. */
function withWatchStore<T>(command: Command, fn: (store: Store, workspaceId: number) => Promise<T>): Promise<T> {
  return withStore(command, (store, ws) => readFresh(store, ws, () => fn(store, ws)));
}

interface PeriodFlags {
  topic?: string;
  from?: string;
  to?: string;
  date?: string;
  tz?: string;
  lang: string;
  json?: boolean;
}

/** A flag through the shared contract of src/watch/params.ts: the same rules as the API's parameter, the error names the flag. */
function parseFlag<S extends z.ZodType>(field: string, schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new UsageError(`${CLI_FLAGS[field] ?? `--${field}`}: ${result.error.issues[0]!.message}${value === undefined ? '' : `, got "${String(value)}"`}`);
}

const checkDate = (field: string, value: string) => parseFlag(field, DateKey, value);
/** --tz, or the workspace's zone ($MURMUR_TZ, else UTC) when it is not given: the API's rule. */
const checkTimeZone = (tz: string | undefined): string => parseFlag('tz', TimeZone, tz);

function checkLang(lang: string): ReportLang {
  if (!isReportLang(lang)) throw new UsageError(`--lang must be one of ${REPORT_LANGS.join(', ')}, got "${lang}"`);
  return lang;
}

/** --from/--to/--tz as the API's first/last/tz: by default the `days` days up to yesterday, at most MAX_PERIOD_DAYS. */
function periodOf(flags: PeriodFlags, days = 30): Period {
  const q = { first: flags.from === undefined ? undefined : checkDate('first', flags.from), last: flags.to === undefined ? undefined : checkDate('last', flags.to), tz: checkTimeZone(flags.tz) };
  return asUsage(() => contractPeriodOf(q, days));
}

/** A contract's ValidationError (`last: …`) as the CLI says it (`--to: …`). */
function asUsage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const issue = error.issues[0]!;
    const at = issue.indexOf(': ');
    throw new UsageError(at > 0 ? `${CLI_FLAGS[issue.slice(0, at)] ?? issue.slice(0, at)}: ${issue.slice(at + 2)}` : issue);
  }
}

function periodCommand(program: Command, name: string, description: string) {
  return program
    .command(name)
    .description(description)
    .option('-t, --topic <topic>', 'topic name or id (default: the first brand topic)')
    .option('--from <date>', 'first local day, YYYY-MM-DD (default: 30 days before --to)')
    .option('--to <date>', 'last local day, YYYY-MM-DD (default: yesterday)')
    .option('--tz <zone>', "IANA time zone for days and hours (default: the workspace's, $MURMUR_TZ or UTC)")
    .option('--lang <lang>', `language of sentences: ${REPORT_LANGS.join(', ')}`, 'en')
    .option('--json', 'print JSON');
}

type LimitFlags = PeriodFlags & { limit?: string };
/** Ranked lists take --limit as the API's `limit`: the same default and maximum. */
const limitCommand = (program: Command, name: string, description: string) => periodCommand(program, name, description).option('--limit <n>', `how many, 1 to ${MAX_LIMIT} (default 10)`);
const limitOf = (flags: LimitFlags): number => parseFlag('limit', Limit, flags.limit);

const n = (x: number, digits = 0) => x.toLocaleString('en', { maximumFractionDigits: digits });
const englishPlural = new Intl.PluralRules('en');
/** "1 post", "2 posts": the terminal output is English. */
export const counted = (x: number, noun: string) => `${n(x)} ${englishPlural.select(x) === 'one' ? noun : `${noun}s`}`;

function spikeLines(e: ExplainedSpike, words: Words): string[] {
  const s = e.spike;
  const color = s.direction === 'rise' ? pc.red : pc.yellow;
  const f = e.figures;
  const head = `${color(`${s.direction === 'rise' ? '▲' : '▼'} ${s.severity.toUpperCase()}`)} ${s.metric} ${s.startLabel}${s.endLabel !== s.startLabel ? ` → ${s.endLabel}` : ''} (${n(f.observed)} observed, ${n(f.expected)} expected, peak ${s.peakLabel}, z=${n(s.z, 1)})`;
  if (s.direction === 'drop') return f.cause ? [head, `  ${causeSentence(f.cause, words)}`] : [head];
  const lines = [head, `  ${causeSentence(f.cause, words)}`];
  for (const c of e.cause.causes.slice(1, 4).map((c) => causeFigures(c))) lines.push(pc.dim(`  · ${c.dimension} ${c.author ?? c.value}: ${c.explainsPercent} % of the extra volume (${n(c.extra)} more than usual)`));
  for (const p of e.topPosts.slice(0, 2)) lines.push(pc.dim(`  ↳ @${p.authorHandle} (${p.source}, ${n(p.engagement)} engagement): ${p.text.slice(0, 100).replace(/\s+/g, ' ')}`));
  return lines;
}

/** `murmur spikes`: the history state when still learning, then the spikes (or none). */
export const renderSpikeReport =
  (words: Words) =>
  ({ history, items }: Pick<SpikeReport, 'history' | 'items'>): string => {
    const lines = history.status === 'learning' ? [pc.yellow(describeHistory(history))] : [];
    if (items.length) lines.push(...items.flatMap((e) => spikeLines(e, words)));
    else if (history.status === 'ready') lines.push(words.t('spike.none'));
    return lines.join('\n');
  };

export function registerWatch(program: Command): void {
  periodCommand(program, 'series', SUMMARY.series)
    .option('--granularity <g>', 'hour or day', 'day')
    .option('--source <network>', 'only mentions from this network')
    .option('--language <code>', 'only mentions in this language')
    .action(async (flags: PeriodFlags & { granularity: string; source?: string; language?: string }, command: Command) => {
      if (!['hour', 'day'].includes(flags.granularity)) throw new UsageError(`--granularity must be hour or day, got "${flags.granularity}"`);
      const p = periodOf(flags);
      if (flags.granularity === 'hour') asUsage(() => checkHourlySpan(p));
      const items = await withStore(command, async (store, ws) =>
        loadSeries(store, ws, {
          topicId: (await resolveTopic(store, ws, flags.topic)).id,
          interval: localDaysInterval(p.first, p.last, p.timeZone),
          timeZone: p.timeZone,
          granularity: flags.granularity as 'hour' | 'day',
          ...(flags.source ? { source: flags.source } : {}),
          ...(flags.language ? { lang: flags.language } : {}),
        }),
      );
      output(flags, items, (list) => [pc.dim(`times in ${p.timeZone}`), ...list.map((b) => `${b.label}  ${counted(b.mentions, 'mention')}  +${n(b.positive)} −${n(b.negative)}${notSureNote(notSureShare(b))}`)].join('\n'));
    });

  periodCommand(program, 'spikes', SUMMARY.spikes)
    .option('--granularity <g>', 'hour or day', 'day')
    .option('--metric <m>', 'mentions or negative', 'mentions')
    .option(...EXPORT_OPTION)
    .action(async (flags: PeriodFlags & { granularity: string; metric: string; export?: string }, command: Command) => {
      if (!['hour', 'day'].includes(flags.granularity)) throw new UsageError(`--granularity must be hour or day, got "${flags.granularity}"`);
      if (!['mentions', 'negative'].includes(flags.metric)) throw new UsageError(`--metric must be mentions or negative, got "${flags.metric}"`);
      const words = await wordsFor(checkLang(flags.lang));
      const report = await withWatchStore(command, async (store, ws) => {
        const topic = await resolveTopic(store, ws, flags.topic);
        return loadSpikeReport(store, ws, { topicId: topic.id, ...periodOf(flags), granularity: flags.granularity as 'hour' | 'day', metric: flags.metric as 'mentions' | 'negative' });
      });
      if (flags.export) return void process.stdout.write(`${await exportToFile(flags.export, 'spikes', [['Spikes', report.items]])}\n`);
      output(flags, { history: report.history, items: report.items }, renderSpikeReport(words));
    });

  periodCommand(program, 'crisis', SUMMARY.crisis).action(async (flags: PeriodFlags, command: Command) => {
    const words = await wordsFor(checkLang(flags.lang));
    const items = await withWatchStore(command, async (store, ws) => loadCrisis(store, ws, { topicId: (await resolveTopic(store, ws, flags.topic)).id, ...periodOf(flags, 7) }));
    output(flags, items, (list) =>
      list.length
        ? list
            .map((item) =>
              (item.dismissed ? pc.dim(`[dismissed by ${item.dismissed.by}: ${item.dismissed.reason}] `) : '') +
              pc.dim(`${item.key} `) +
              (item.kind === 'negative-spike'
                ? spikeLines({ spike: item.spike, cause: item.cause, figures: item.figures, topPosts: item.evidence }, words).join('\n')
                : `${pc.red('● post')} @${item.post.authorHandle} on ${item.post.source}, reach ${n(item.reach)} (the topic's posts of the ${item.reason.days} days before reach up to ${n(item.reason.threshold)} at ${Math.round(item.reason.quantile * 100)} %): ${item.post.text.slice(0, 120).replace(/\s+/g, ' ')}${item.post.url ? pc.dim(` ${item.post.url}`) : ''}`),
            )
            .join('\n')
        : words.t('crisis.none'),
    );
  });

  program
    .command('crisis-dismiss <key>')
    .description(SUMMARY['crisis-dismiss'])
    .requiredOption('--reason <text>', 'why (kept and shown with the item)')
    .option('-t, --topic <topic>', 'topic name or id (default: the first brand topic)')
    .option('--json', 'print JSON')
    .action(async (key: string, flags: { reason: string; topic?: string; json?: boolean }, command: Command) => {
      const dismissal = await withStore(command, async (store, ws) => {
        const topic = await resolveTopic(store, ws, flags.topic);
        return dismissCrisisItem(store, ws, { topicId: topic.id, key, reason: flags.reason, by: `cli:${userInfo().username}` });
      });
      output(flags, dismissal, (d) => `dismissed ${d.key}: ${d.reason}`);
    });

  program
    .command('crisis-restore <key>')
    .description(SUMMARY['crisis-restore'])
    .option('-t, --topic <topic>', 'topic name or id (default: the first brand topic)')
    .option('--json', 'print JSON')
    .action(async (key: string, flags: { topic?: string; json?: boolean }, command: Command) => {
      const restored = await withStore(command, async (store, ws) => restoreCrisisItem(store, ws, (await resolveTopic(store, ws, flags.topic)).id, key));
      if (!restored) throw new UsageError(`${key} is not dismissed for this topic`);
      output(flags, { key, restored }, () => `restored ${key}`);
    });

  limitCommand(program, 'advocates', SUMMARY.advocates).option(...EXPORT_OPTION).action(async (flags: LimitFlags & { export?: string }, command: Command) => {
    const result = await withWatchStore(command, async (store, ws) => loadAdvocacy(store, ws, { topicId: (await resolveTopic(store, ws, flags.topic)).id, ...periodOf(flags), limit: limitOf(flags) }));
    if (flags.export) return void process.stdout.write(`${await exportToFile(flags.export, 'advocates', [['Advocates', result.advocates], ['Detractors', result.detractors]])}\n`);
    output(flags, result, (r) =>
      [
        pc.bold('Advocates'),
        ...r.advocates.map((a) => `  @${a.handle}  ${counted(a.positive, 'positive post')}, reach ${n(a.positiveReach)}  on ${a.channels.join(', ')}${a.absentFrom.length ? pc.dim(`  absent from ${a.absentFrom.join(', ')}`) : ''}`),
        pc.bold('Detractors'),
        ...r.detractors.map((a) => `  @${a.handle}  ${counted(a.negative, 'negative post')}, reach ${n(a.negativeReach)}  on ${a.channels.join(', ')}${a.absentFrom.length ? pc.dim(`  absent from ${a.absentFrom.join(', ')}`) : ''}`),
      ].join('\n'),
    );
  });

  limitCommand(program, 'influencers', SUMMARY.influencers).action(async (flags: LimitFlags, command: Command) => {
    const list = await withWatchStore(command, async (store, ws) => loadInfluencers(store, ws, { topicId: (await resolveTopic(store, ws, flags.topic)).id, ...periodOf(flags), limit: limitOf(flags) }));
    output(flags, list, (l) => l.map((i, k) => `${k + 1}. @${i.handle}  reach ${n(i.reach)}, ${counted(i.followers, 'follower')}, ${counted(i.mentions, 'post')}, ${n(i.engagement)} engagement  (${i.channels.join(', ')})`).join('\n'));
  });

  limitCommand(program, 'top', SUMMARY.top).action(async (flags: LimitFlags, command: Command) => {
    const posts = await withWatchStore(command, async (store, ws) => loadTopContent(store, ws, { topicId: (await resolveTopic(store, ws, flags.topic)).id, ...periodOf(flags), limit: limitOf(flags) }));
    output(flags, posts, (l) => l.map((p, k) => `${k + 1}. ${n(p.engagement)} engagement  @${p.authorHandle} (${p.source}): ${p.text.slice(0, 100).replace(/\s+/g, ' ')}`).join('\n'));
  });

  periodCommand(program, 'activation', SUMMARY.activation).action(async (flags: PeriodFlags, command: Command) => {
    const { last, timeZone } = periodOf(flags);
    const date = flags.date ? checkDate('date', flags.date) : last;
    const a = await withWatchStore(command, async (store, ws) => loadActivation(store, ws, { topicId: (await resolveTopic(store, ws, flags.topic)).id, date, timeZone }));
    const pct = (g: number | null) => (g == null ? 'new' : `${g >= 0 ? '+' : ''}${Math.round(g * 100)} %`);
    output(flags, a, (r) =>
      [
        `Week ${r.week.first} → ${r.week.last} vs ${r.previousWeek.first} → ${r.previousWeek.last}`,
        `  links ${r.links.links.current} (${pct(r.links.links.growth)}), videos ${r.links.videos.current} (${pct(r.links.videos.growth)})`,
        ...r.hashtags.map((h) => `  #${h.key.padEnd(22)} ${String(h.current).padStart(6)}  ${pct(h.growth)}`),
      ].join('\n'),
    );
  }).option('--date <date>', 'a day of the week to look at');

  periodCommand(program, 'sov', SUMMARY.sov)
    .option('--every <p>', 'day or week', 'week')
    .action(async (flags: PeriodFlags & { every: string }, command: Command) => {
      if (!['day', 'week'].includes(flags.every)) throw new UsageError(`--every must be day or week, got "${flags.every}"`);
      const sov = await withWatchStore(command, (store, ws) => loadShareOfVoice(store, ws, { ...periodOf(flags), every: flags.every as 'day' | 'week' }));
      output(flags, sov, (s) =>
        [
          ...s.total.map((t) => `${t.name.padEnd(16)} ${(t.share * 100).toFixed(1).padStart(5)} % of voice  ${(t.reachShare * 100).toFixed(1).padStart(5)} % of reach  (${counted(t.mentions, 'mention')})`),
          pc.bold('Peaks'),
          ...s.peaks.map((p) => `  ${p.name}: ${p.period} at ${(p.share * 100).toFixed(1)} %`),
          pc.bold('Over time'),
          ...s.overTime.map((o) => `  ${o.period}  ${o.shares.map((x) => `${x.name} ${(x.share * 100).toFixed(0)} %`).join('  ')}`),
        ].join('\n'),
      );
    });

  periodCommand(program, 'campaign-shape', SUMMARY['campaign-shape'])
    .option('--hashtag <tag>', 'a campaign hashtag (instead of a topic)')
    .action(async (flags: PeriodFlags & { hashtag?: string }, command: Command) => {
      const shape = await withWatchStore(command, async (store, ws) =>
        loadCampaignShape(store, ws, { ...periodOf(flags, 90), ...(flags.hashtag ? { hashtag: flags.hashtag } : { topicId: (await resolveTopic(store, ws, flags.topic)).id }) }),
      );
      output(flags, shape, (s) =>
        [
          `${pc.bold(s.shape)}: ${counted(s.total, 'mention')}, peak ${n(s.peak)} on ${s.peakDate ?? '–'}, started ${s.startDate ?? '–'}`,
          s.halfLifeDays != null ? `half-life ${n(s.halfLifeDays, 1)} days` : `weekly growth ${Math.round(s.weeklyGrowth * 100)} %`,
        ].join('\n'),
      );
    });

  periodCommand(program, 'baseline', SUMMARY.baseline)
    .option('--date <date>', 'the day to compare')
    .option('--days <n>', 'days of history', '28')
    .action(async (flags: PeriodFlags & { days: string }, command: Command) => {
      const { last, timeZone } = periodOf(flags);
      const date = flags.date ? checkDate('date', flags.date) : last;
      const days = Number(flags.days);
      if (!Number.isInteger(days) || days < 7 || days > 365) throw new UsageError(`--days must be an integer from 7 to 365, got "${flags.days}"`);
      const b = await withWatchStore(command, async (store, ws) => loadBaseline(store, ws, { topicId: (await resolveTopic(store, ws, flags.topic)).id, date, timeZone, days }));
      output(flags, b, (r) =>
        r.kpis
          .map((k) => `${k.kpi.padEnd(14)} ${k.value == null ? '–' : n(k.value, 2).padStart(10)}  normal ${k.sameWeekday == null && k.median == null ? '–' : n(k.sameWeekday ?? k.median!, 2)}  ${k.status === 'normal' ? k.status : pc.yellow(k.status)}${k.kpi === 'netSentiment' ? notSureNote(r.notSureShare) : ''}`)
          .join('\n'),
      );
    });

  registerAlerts(program);
  registerReport(program);
}

/** Writes a report, making the folders of `-o reports/2026/x.html` as needed; fails naming the path. */
async function writeReport(file: string, body: string | Uint8Array): Promise<void> {
  try {
    await mkdir(dirname(resolve(file)), { recursive: true });
    await writeFile(file, body);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const why = e.code === 'EACCES' || e.code === 'EPERM' ? 'permission denied' : e.code === 'EISDIR' ? 'it is a directory' : e.code === 'ENOTDIR' || e.code === 'EEXIST' ? 'a part of the path is a file, not a folder' : e.message;
    throw new UsageError(`cannot write the report to ${file}: ${why}`);
  }
}

function registerAlerts(program: Command) {
  const alerts = program.command('alerts').description(SUMMARY.alerts);
  alerts
    .command('add')
    .description('add a rule delivering to a webhook (Slack-compatible) and/or email; with neither, to the dashboard only')
    .requiredOption('--name <name>', 'rule name')
    .requiredOption('--kind <kind>', ALERT_KINDS.join(' | '))
    .option('-t, --topic <topic>', 'topic name or id (default: the first brand topic)')
    .option('--webhook <url>', 'webhook URL (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--email <address>', 'email address (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--granularity <g>', 'spikes: hour or day', 'hour')
    .option('--min-severity <s>', 'spikes: low | medium | high | critical', 'medium')
    .option('--min-reach <n>', 'posts: reach (the author\'s audience, docs/figures.md) at least', '10000')
    .option('--tz <zone>', "time zone of the buckets (default: the workspace's, $MURMUR_TZ or UTC)")
    .option('--lang <lang>', `language of the alert: ${REPORT_LANGS.join(', ')}`, 'en')
    .option('--json', 'print JSON')
    .action(async (flags: { name: string; kind: string; topic?: string; webhook: string[]; email: string[]; granularity: string; minSeverity: string; minReach: string; tz?: string; lang: string; json?: boolean }, command: Command) => {
      if (!(ALERT_KINDS as readonly string[]).includes(flags.kind)) throw new UsageError(`--kind must be one of ${ALERT_KINDS.join(', ')}, got "${flags.kind}"`);
      const channels: AlertChannel[] = [...flags.webhook.map((url) => ({ type: 'webhook' as const, url })), ...(flags.email.length ? [{ type: 'email' as const, to: flags.email }] : [])];
      if (channels.length === 0) channels.push({ type: 'dashboard' });
      const rule = await withStore(command, async (store, ws) =>
        addAlertRule(store, ws, {
          name: flags.name,
          kind: flags.kind as AlertKind,
          topicId: (await resolveTopic(store, ws, flags.topic)).id,
          params: {
            granularity: flags.granularity as 'hour' | 'day',
            minSeverity: flags.minSeverity as 'medium',
            minReach: Number(flags.minReach),
            timeZone: checkTimeZone(flags.tz),
            lang: checkLang(flags.lang),
          },
          channels,
        }),
      );
      output(flags, rule, (r) => `Added alert rule #${r.id} "${r.name}" (${r.kind})`);
    });
  alerts
    .command('list')
    .description('alert rules, where they deliver (webhook hosts only) and whether they are on')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }, command: Command) => {
      const rules = await withStore(command, (store, ws) => listAlertRules(store, ws));
      // Webhook URLs carry secrets in their path: show the host only.
      const safe = rules.map((r) => ({ ...r, channels: r.channels.map((c) => (c.type === 'webhook' ? { type: c.type, url: `${new URL(c.url).origin}/…` } : c)) }));
      output(flags, safe, (l) => (l.length ? l.map((r) => `#${r.id} ${r.name}  ${r.kind} on topic ${r.topicId}  → ${r.channels.map((c) => (c.type === 'webhook' ? c.url : c.type === 'email' ? c.to.join(', ') : 'dashboard only')).join('; ')}${r.enabled ? '' : ' (disabled)'}`).join('\n') : 'No alert rules.'));
    });
  alerts
    .command('update <rule>')
    .description('change a rule (id or name): only the options given change; --webhook/--email/--dashboard-only replace its channels')
    .option('--name <name>', 'new name')
    .option('--kind <kind>', ALERT_KINDS.join(' | '))
    .option('-t, --topic <topic>', 'topic name or id')
    .option('--webhook <url>', 'webhook URL (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--email <address>', 'email address (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--dashboard-only', 'deliver to the dashboard only')
    .option('--granularity <g>', 'spikes: hour or day')
    .option('--min-severity <s>', 'spikes: low | medium | high | critical')
    .option('--min-reach <n>', 'posts: reach at least')
    .option('--lang <lang>', `language of the alert: ${REPORT_LANGS.join(', ')}`)
    .option('--on', 'switch the rule on')
    .option('--off', 'switch the rule off (it is not evaluated)')
    .option('--json', 'print JSON')
    .action(async (ref: string, flags: { name?: string; kind?: string; topic?: string; webhook: string[]; email: string[]; dashboardOnly?: boolean; granularity?: string; minSeverity?: string; minReach?: string; lang?: string; on?: boolean; off?: boolean; json?: boolean }, command: Command) => {
      if (flags.on && flags.off) throw new UsageError('give --on or --off, not both');
      const rule = await withStore(command, async (store, ws) => {
        const current = (await listAlertRules(store, ws)).find((r) => r.id === Number(ref) || r.name === ref);
        if (!current) throw new UsageError(`no alert rule "${ref}"`);
        const channels: AlertChannel[] = [...flags.webhook.map((url) => ({ type: 'webhook' as const, url })), ...(flags.email.length ? [{ type: 'email' as const, to: flags.email }] : []), ...(flags.dashboardOnly ? [{ type: 'dashboard' as const }] : [])];
        const params = Object.fromEntries(
          Object.entries({ granularity: flags.granularity, minSeverity: flags.minSeverity, minReach: flags.minReach === undefined ? undefined : Number(flags.minReach), lang: flags.lang === undefined ? undefined : checkLang(flags.lang) }).filter(([, v]) => v !== undefined),
        );
        return updateAlertRule(store, ws, current.id, {
          name: flags.name ?? current.name,
          kind: (flags.kind ?? current.kind) as AlertKind,
          topicId: flags.topic === undefined ? current.topicId : (await resolveTopic(store, ws, flags.topic)).id,
          params: { ...current.params, ...params },
          channels: channels.length ? channels : current.channels,
          enabled: flags.on ? true : flags.off ? false : current.enabled,
        });
      });
      output(flags, rule, (r) => `Updated alert rule #${r!.id} "${r!.name}" (${r!.kind}${r!.enabled ? '' : ', off'})`);
    });
  alerts
    .command('remove <rule>')
    .description('delete an alert rule (id or name)')
    .option('--json', 'print JSON')
    .action(async (ref: string, flags: { json?: boolean }, command: Command) => {
      const rule = await withStore(command, (store, ws) => removeAlertRule(store, ws, ref));
      output(flags, { id: rule.id, name: rule.name }, (r) => `Removed alert rule #${r.id} "${r.name}"`);
    });
  alerts
    .command('run')
    .description('evaluate every rule now and deliver new alerts (SMTP from $MURMUR_SMTP_URL)')
    .option('--now <iso>', 'evaluate as of this instant (ISO 8601), e.g. to replay the demo')
    .option('--json', 'print JSON')
    .action(async (flags: { now?: string; json?: boolean }, command: Command) => {
      const now = flags.now ? new Date(flags.now) : new Date();
      if (Number.isNaN(now.getTime())) throw new UsageError(`--now expects an ISO 8601 instant, got "${flags.now}"`);
      const result = await withStore(command, (store, ws) => evaluateAlerts(store, ws, now));
      output(flags, result, (r) =>
        [`${r.rules} rule(s) evaluated, ${r.alerts.length} new alert(s)`, ...r.alerts.map((a) => `  ${a.title}: ${a.deliveries.map((d) => `${d.channel} ${d.status === 'sent' ? pc.green('sent') : d.status === 'failed' ? pc.red(`failed (${d.error})`) : 'already sent'}`).join(', ')}`)].join('\n'),
      );
      if (result.alerts.some((a) => a.deliveries.some((d) => d.status === 'failed'))) process.exitCode = 2;
    });
  alerts
    .command('sent')
    .description('the record of alerts sent and failed, newest first')
    .option('--limit <n>', 'how many', '50')
    .option('--json', 'print JSON')
    .action(async (flags: { limit: string; json?: boolean }, command: Command) => {
      const sent = await withStore(command, (store, ws) => listSentAlerts(store, ws, Number(flags.limit) || 50));
      output(flags, sent, (l) => (l.length ? l.map((s) => `${new Date(s.sentAt).toISOString()}  ${s.status.padEnd(6)} ${s.channel}  ${s.title}${s.error ? pc.red(`  ${s.error}`) : ''}`).join('\n') : 'No alert sent yet.'));
    });
}

function registerReport(program: Command) {
  program
    .command('report <kind>')
    .description(SUMMARY.report)
    .option('-t, --topic <topic>', 'topic name or id (default: the first brand topic)')
    .option('--date <date>', 'a day inside the period (default: yesterday)')
    .option('--format <f>', REPORT_FORMATS.join(' | '), 'html')
    .option('--lang <lang>', REPORT_LANGS.join(' | '), 'en')
    .option('--tz <zone>', "IANA time zone (default: the workspace's, $MURMUR_TZ or UTC)")
    .option('-o, --out <file>', 'write to this file (default: a name like murmur-daily-brewly-2026-10-03.html)')
    .option('--json', 'print where the report was written, as JSON')
    .action(async (kind: string, flags: { topic?: string; date?: string; format: string; lang: string; tz?: string; out?: string; json?: boolean }, command: Command) => {
      if (!(REPORT_KINDS as string[]).includes(kind)) throw new UsageError(`report kind must be one of ${REPORT_KINDS.join(', ')}, got "${kind}"`);
      if (!(REPORT_FORMATS as string[]).includes(flags.format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}, got "${flags.format}"`);
      // Loaded here, not at the top: rendering pulls in ECharts and Playwright, which every
      // other watch command would otherwise pay for at start-up.
      const { renderReport } = await import('../../reports/render.ts');
      const rendered = await withStore(command, (store, ws) =>
        renderReport(store, ws, {
          kind: kind as ReportKind,
          ...(flags.date ? { date: checkDate('date', flags.date) } : {}),
          ...(flags.topic ? { topic: flags.topic } : {}),
          lang: checkLang(flags.lang),
          timeZone: checkTimeZone(flags.tz),
          format: flags.format as ReportFormat,
        }),
      );
      const file = flags.out ?? rendered.filename;
      await writeReport(file, rendered.body);
      output(flags, { file, format: rendered.format, sections: rendered.document.sections.map((s) => ({ id: s.id, status: s.status })) }, (r) =>
        `Wrote ${r.file} (${rendered.document.title}: ${r.sections.map((s) => `${s.id} ${s.status === 'ok' ? pc.green('✓') : pc.yellow('!')}`).join(', ')})`,
      );
    });
}
