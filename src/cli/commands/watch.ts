/**
 * Watch and report from the command line: `murmur spikes | crisis | advocates |
 * influencers | top | activation | sov | campaign-shape | baseline`, `murmur alerts …`
 * and `murmur report daily|weekly|monthly|annual`. Every command takes --json.
 */
import { EXPORT_OPTION, exportToFile } from '../export-file.ts';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import pc from 'picocolors';
import { causeSentence } from '../../reports/context.ts';
import { REPORT_FORMATS, REPORT_KINDS, type ReportFormat, type ReportKind } from '../../reports/document.ts';
import { isReportLang, REPORT_LANGS, wordsFor, type ReportLang, type Words } from '../../reports/i18n.ts';
import { evaluateAlerts, listSentAlerts } from '../../watch/alerts/evaluate.ts';
import { addAlertRule, ALERT_KINDS, listAlertRules, removeAlertRule, type AlertChannel, type AlertKind } from '../../watch/alerts/rules.ts';
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
import { topicOrDefault } from '../../listen/topics.ts';
import { describeHistory } from '../../watch/spikes.ts';
import { addDays, assertTimeZone, localDateKey, parseDateKey, type DateKey } from '../../watch/time.ts';
import { output, UsageError, withStore } from '../context.ts';
import { SUMMARY } from '../summaries.ts';

interface PeriodFlags {
  topic?: string;
  from?: string;
  to?: string;
  date?: string;
  tz: string;
  lang: string;
  json?: boolean;
}

const defaultTimeZone = () => process.env.MURMUR_TZ || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

function checkDate(flag: string, value: string): DateKey {
  try {
    parseDateKey(value);
  } catch {
    throw new UsageError(`--${flag} expects a date as YYYY-MM-DD, got "${value}"`);
  }
  return value;
}

function checkTimeZone(tz: string): string {
  try {
    assertTimeZone(tz);
  } catch (error) {
    throw new UsageError(`--tz: ${(error as Error).message}`);
  }
  return tz;
}

function checkLang(lang: string): ReportLang {
  if (!isReportLang(lang)) throw new UsageError(`--lang must be one of ${REPORT_LANGS.join(', ')}, got "${lang}"`);
  return lang;
}

/** --from/--to, defaulting to the 30 days up to yesterday in the user's time zone. */
function periodOf(flags: PeriodFlags, days = 30): { first: DateKey; last: DateKey; timeZone: string } {
  const timeZone = checkTimeZone(flags.tz);
  const last = flags.to ? checkDate('to', flags.to) : localDateKey(Date.now() - 86_400_000, timeZone);
  const first = flags.from ? checkDate('from', flags.from) : addDays(last, -(days - 1));
  if (first > last) throw new UsageError(`--from (${first}) is after --to (${last})`);
  return { first, last, timeZone };
}

function periodCommand(program: Command, name: string, description: string) {
  return program
    .command(name)
    .description(description)
    .option('-t, --topic <topic>', 'topic name or id (default: the first brand topic)')
    .option('--from <date>', 'first local day, YYYY-MM-DD (default: 30 days before --to)')
    .option('--to <date>', 'last local day, YYYY-MM-DD (default: yesterday)')
    .option('--tz <zone>', 'IANA time zone for days and hours (default: $MURMUR_TZ or the system zone)', defaultTimeZone())
    .option('--lang <lang>', `language of sentences: ${REPORT_LANGS.join(', ')}`, 'en')
    .option('--json', 'print JSON');
}

const n = (x: number, digits = 0) => x.toLocaleString('en', { maximumFractionDigits: digits });
const englishPlural = new Intl.PluralRules('en');
/** "1 post", "2 posts": the terminal output is English. */
export const counted = (x: number, noun: string) => `${n(x)} ${englishPlural.select(x) === 'one' ? noun : `${noun}s`}`;

function spikeLines(e: ExplainedSpike, words: Words): string[] {
  const s = e.spike;
  const color = s.direction === 'rise' ? pc.red : pc.yellow;
  const head = `${color(`${s.direction === 'rise' ? '▲' : '▼'} ${s.severity.toUpperCase()}`)} ${s.metric} ${s.startLabel}${s.endLabel !== s.startLabel ? ` → ${s.endLabel}` : ''} (peak ${s.peakLabel}: ${n(s.peakValue)} vs ${n(s.expectedAtPeak)} normal, z=${n(s.z, 1)})`;
  if (s.direction === 'drop') return [head];
  const lines = [head, `  ${causeSentence(e.cause.main, words)}`];
  for (const c of e.cause.causes.slice(1, 4)) lines.push(pc.dim(`  · ${c.dimension} ${c.author ?? c.value}: ${Math.round(c.share * 100)} % of the spike, explains ${Math.round(c.explains * 100)} %`));
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
  periodCommand(program, 'spikes', SUMMARY.spikes)
    .option('--granularity <g>', 'hour or day', 'day')
    .option('--metric <m>', 'mentions or negative', 'mentions')
    .option(...EXPORT_OPTION)
    .action(async (flags: PeriodFlags & { granularity: string; metric: string; export?: string }, command: Command) => {
      if (!['hour', 'day'].includes(flags.granularity)) throw new UsageError(`--granularity must be hour or day, got "${flags.granularity}"`);
      if (!['mentions', 'negative'].includes(flags.metric)) throw new UsageError(`--metric must be mentions or negative, got "${flags.metric}"`);
      const words = await wordsFor(checkLang(flags.lang));
      const report = await withStore(command, async (store, ws) => {
        const topic = await topicOrDefault(store, ws, flags.topic);
        return loadSpikeReport(store, ws, { topicId: topic.id, ...periodOf(flags), granularity: flags.granularity as 'hour' | 'day', metric: flags.metric as 'mentions' | 'negative' });
      });
      if (flags.export) return void process.stdout.write(`${await exportToFile(flags.export, 'spikes', [['Spikes', report.items]])}\n`);
      output(flags, { history: report.history, items: report.items }, renderSpikeReport(words));
    });

  periodCommand(program, 'crisis', SUMMARY.crisis).action(async (flags: PeriodFlags, command: Command) => {
    const words = await wordsFor(checkLang(flags.lang));
    const items = await withStore(command, async (store, ws) => loadCrisis(store, ws, { topicId: (await topicOrDefault(store, ws, flags.topic)).id, ...periodOf(flags, 7) }));
    output(flags, items, (list) =>
      list.length
        ? list
            .map((item) =>
              item.kind === 'negative-spike'
                ? spikeLines({ spike: item.spike, cause: item.cause, topPosts: item.evidence }, words).join('\n')
                : `${pc.red('● post')} @${item.post.authorHandle} on ${item.post.source}, reach ${n(item.reach)}: ${item.post.text.slice(0, 120).replace(/\s+/g, ' ')}${item.post.url ? pc.dim(` ${item.post.url}`) : ''}`,
            )
            .join('\n')
        : words.t('crisis.none'),
    );
  });

  periodCommand(program, 'advocates', SUMMARY.advocates).option(...EXPORT_OPTION).action(async (flags: PeriodFlags & { export?: string }, command: Command) => {
    const result = await withStore(command, async (store, ws) => loadAdvocacy(store, ws, { topicId: (await topicOrDefault(store, ws, flags.topic)).id, ...periodOf(flags) }));
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

  periodCommand(program, 'influencers', SUMMARY.influencers).action(async (flags: PeriodFlags, command: Command) => {
    const list = await withStore(command, async (store, ws) => loadInfluencers(store, ws, { topicId: (await topicOrDefault(store, ws, flags.topic)).id, ...periodOf(flags) }));
    output(flags, list, (l) => l.map((i, k) => `${k + 1}. @${i.handle}  ${counted(i.followers, 'follower')}, ${counted(i.mentions, 'post')}, ${n(i.engagement)} engagement  (${i.channels.join(', ')})`).join('\n'));
  });

  periodCommand(program, 'top', SUMMARY.top).action(async (flags: PeriodFlags, command: Command) => {
    const posts = await withStore(command, async (store, ws) => loadTopContent(store, ws, { topicId: (await topicOrDefault(store, ws, flags.topic)).id, ...periodOf(flags) }));
    output(flags, posts, (l) => l.map((p, k) => `${k + 1}. ${n(p.engagement)} engagement  @${p.authorHandle} (${p.source}): ${p.text.slice(0, 100).replace(/\s+/g, ' ')}`).join('\n'));
  });

  periodCommand(program, 'activation', SUMMARY.activation).action(async (flags: PeriodFlags, command: Command) => {
    const { last, timeZone } = periodOf(flags);
    const date = flags.date ? checkDate('date', flags.date) : last;
    const a = await withStore(command, async (store, ws) => loadActivation(store, ws, { topicId: (await topicOrDefault(store, ws, flags.topic)).id, date, timeZone }));
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
      const sov = await withStore(command, (store, ws) => loadShareOfVoice(store, ws, { ...periodOf(flags), every: flags.every as 'day' | 'week' }));
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
      const shape = await withStore(command, async (store, ws) =>
        loadCampaignShape(store, ws, { ...periodOf(flags, 90), ...(flags.hashtag ? { hashtag: flags.hashtag } : { topicId: (await topicOrDefault(store, ws, flags.topic)).id }) }),
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
      const b = await withStore(command, async (store, ws) => loadBaseline(store, ws, { topicId: (await topicOrDefault(store, ws, flags.topic)).id, date, timeZone, days }));
      output(flags, b, (r) =>
        r.kpis
          .map((k) => `${k.kpi.padEnd(14)} ${k.value == null ? '–' : n(k.value, 2).padStart(10)}  normal ${k.sameWeekday == null && k.median == null ? '–' : n(k.sameWeekday ?? k.median!, 2)}  ${k.status === 'normal' ? k.status : pc.yellow(k.status)}`)
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
    .description('add a rule delivering to a webhook (Slack-compatible) and/or email')
    .requiredOption('--name <name>', 'rule name')
    .requiredOption('--kind <kind>', ALERT_KINDS.join(' | '))
    .option('-t, --topic <topic>', 'topic name or id (default: the first brand topic)')
    .option('--webhook <url>', 'webhook URL (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--email <address>', 'email address (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--granularity <g>', 'spikes: hour or day', 'hour')
    .option('--min-severity <s>', 'spikes: low | medium | high | critical', 'medium')
    .option('--min-reach <n>', 'posts: followers + engagement at least', '10000')
    .option('--tz <zone>', 'time zone of the buckets', defaultTimeZone())
    .option('--lang <lang>', `language of the alert: ${REPORT_LANGS.join(', ')}`, 'en')
    .option('--json', 'print JSON')
    .action(async (flags: { name: string; kind: string; topic?: string; webhook: string[]; email: string[]; granularity: string; minSeverity: string; minReach: string; tz: string; lang: string; json?: boolean }, command: Command) => {
      if (!(ALERT_KINDS as readonly string[]).includes(flags.kind)) throw new UsageError(`--kind must be one of ${ALERT_KINDS.join(', ')}, got "${flags.kind}"`);
      const channels: AlertChannel[] = [...flags.webhook.map((url) => ({ type: 'webhook' as const, url })), ...(flags.email.length ? [{ type: 'email' as const, to: flags.email }] : [])];
      const rule = await withStore(command, async (store, ws) =>
        addAlertRule(store, ws, {
          name: flags.name,
          kind: flags.kind as AlertKind,
          topicId: (await topicOrDefault(store, ws, flags.topic)).id,
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
      output(flags, safe, (l) => (l.length ? l.map((r) => `#${r.id} ${r.name}  ${r.kind} on topic ${r.topicId}  → ${r.channels.map((c) => (c.type === 'webhook' ? c.url : c.to.join(', '))).join('; ')}${r.enabled ? '' : ' (disabled)'}`).join('\n') : 'No alert rules.'));
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
    .option('--tz <zone>', 'IANA time zone', defaultTimeZone())
    .option('-o, --out <file>', 'write to this file (default: a name like murmur-daily-brewly-2026-10-03.html)')
    .option('--json', 'print where the report was written, as JSON')
    .action(async (kind: string, flags: { topic?: string; date?: string; format: string; lang: string; tz: string; out?: string; json?: boolean }, command: Command) => {
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
