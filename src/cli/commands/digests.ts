/**
 * `murmur digests`: reports delivered on a schedule (src/reports/digests/). `serve` sends
 * them when due; `digests run` does it once, for a server-less setup driven by cron.
 */
import type { Command } from 'commander';
import { listMembers } from '../../accounts/members.ts';
import { resolveTopic } from '../../listen/topics.ts';
import { REPORT_KINDS, type ReportKind } from '../../reports/document.ts';
import { addDigest, listDigestDeliveries, listDigests, removeDigest, setDigestEnabled, withMaskedWebhooks, type Digest, type DigestRecipient } from '../../reports/digests/digests.ts';
import { runDueDigests } from '../../reports/digests/run.ts';
import { parseRecipientSpec } from '../../reports/digests/recipient-spec.ts';
import { MurmurError } from '../../core/errors.ts';
import { isReportLang, REPORT_LANGS, type ReportLang } from '../../core/i18n.ts';
import type { Store } from '../../store/store.ts';
import { EXIT, output, UsageError, withStore } from '../context.ts';
import { SUMMARY } from '../summaries.ts';

/** The `--to` recipients, by the rule the dashboard's form reads them with (recipient-spec.ts). */
async function parseRecipients(store: Store, ws: number, specs: string[], fallback: ReportLang): Promise<DigestRecipient[]> {
  const members = await listMembers(store, ws);
  return specs.map((spec) => {
    try {
      return parseRecipientSpec(spec, members, fallback);
    } catch (error) {
      if (error instanceof MurmurError) throw new UsageError(`--to ${error.message} (add it with \`murmur users add\`)`);
      throw error;
    }
  });
}

const when = (ms: number, timeZone: string) => new Date(ms).toLocaleString('en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' });

function renderDigest(d: Digest): string {
  const to = d.recipients.map((r) => `${r.type === 'member' ? `member #${r.userId}` : r.type === 'email' ? r.to : `webhook ${new URL(r.url).host}`} (${r.lang})`).join(', ');
  return `#${d.id} ${d.name}  ${d.kind} report, "${d.cron}" in ${d.timeZone}${d.enabled ? `, next ${when(d.nextRunAt, d.timeZone)}` : ' (off)'}\n   to ${to}`;
}


export function registerDigests(program: Command) {
  const digests = program.command('digests').description(SUMMARY.digests);
  digests
    .command('add')
    .description('send a report on a schedule, e.g. --kind weekly --cron "0 8 * * 1" (Mondays 08:00)')
    .requiredOption('--name <name>', 'digest name')
    .requiredOption('--kind <kind>', REPORT_KINDS.join(' | '))
    .requiredOption('--cron <schedule>', 'five-field cron: minute hour day-of-month month day-of-week')
    .requiredOption('--to <recipient>', 'a member\'s e-mail or member:EMAIL, another e-mail address, or a webhook URL, optionally ending in #lang (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--tz <zone>', 'time zone of the schedule and the report', process.env.MURMUR_TZ ?? 'UTC')
    .option('-t, --topic <topic>', 'topic name or id (default: the first brand topic)')
    .option('--lang <lang>', `report language of recipients without #lang: ${REPORT_LANGS.join(', ')}`, 'en')
    .option('--json', 'print JSON')
    .action(async (flags: { name: string; kind: string; cron: string; to: string[]; tz: string; topic?: string; lang: string; json?: boolean }, command: Command) => {
      if (!(REPORT_KINDS as string[]).includes(flags.kind)) throw new UsageError(`--kind must be one of ${REPORT_KINDS.join(', ')}, got "${flags.kind}"`);
      if (!isReportLang(flags.lang)) throw new UsageError(`--lang must be one of ${REPORT_LANGS.join(', ')}, got "${flags.lang}"`);
      const lang = flags.lang;
      const digest = await withStore(command, async (store, ws) =>
        addDigest(store, ws, {
          name: flags.name,
          kind: flags.kind as ReportKind,
          cron: flags.cron,
          timeZone: flags.tz,
          topicId: flags.topic ? (await resolveTopic(store, ws, flags.topic)).id : null,
          recipients: await parseRecipients(store, ws, flags.to, lang),
        }),
      );
      output(flags, withMaskedWebhooks(digest), (d) => `Added digest\n${renderDigest(d)}`);
    });
  digests
    .command('list')
    .description('digests, their schedule, next run and recipients (webhook hosts only)')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }, command: Command) => {
      const list = (await withStore(command, (store, ws) => listDigests(store, ws))).map(withMaskedWebhooks);
      output(flags, list, (l) => (l.length ? l.map(renderDigest).join('\n') : 'No digests.'));
    });
  for (const [name, enabled] of [['on', true], ['off', false]] as const) {
    digests
      .command(`${name} <digest>`)
      .description(enabled ? 'switch a digest back on (its next run is counted from now: no backlog)' : 'switch a digest off')
      .option('--json', 'print JSON')
      .action(async (ref: string, flags: { json?: boolean }, command: Command) => {
        const digest = await withStore(command, (store, ws) => setDigestEnabled(store, ws, ref, enabled));
        output(flags, withMaskedWebhooks(digest), renderDigest);
      });
  }
  digests
    .command('remove <digest>')
    .description('delete a digest (id or name) and its delivery log')
    .option('--json', 'print JSON')
    .action(async (ref: string, flags: { json?: boolean }, command: Command) => {
      const digest = await withStore(command, (store, ws) => removeDigest(store, ws, ref));
      output(flags, { id: digest.id, name: digest.name }, (d) => `Removed digest #${d.id} "${d.name}"`);
    });
  digests
    .command('log')
    .description('deliveries, newest first: sent, failed (with the error and the next try), pending')
    .option('--limit <n>', 'at most this many', '50')
    .option('--json', 'print JSON')
    .action(async (flags: { limit: string; json?: boolean }, command: Command) => {
      const log = await withStore(command, (store, ws) => listDigestDeliveries(store, ws, Math.max(1, Math.min(1000, Number(flags.limit) || 50))));
      output(flags, log, (l) =>
        l.length
          ? l.map((d) => `${new Date(d.updatedAt).toISOString()}  digest #${d.digestId} ${d.reportDate} → ${d.recipient}: ${d.status}${d.attempts > 1 ? ` (attempt ${d.attempts})` : ''}${d.error ? ` — ${d.error}` : ''}${d.retryAt ? `, next try ${new Date(d.retryAt).toISOString()}` : ''}`).join('\n')
          : 'No deliveries yet.',
      );
    });
  digests
    .command('run')
    .description('send the digests that are due now (and retry failed deliveries whose time has come); `serve` does this every minute')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }, command: Command) => {
      const outcomes = await withStore(command, (store, ws) => runDueDigests(store, Date.now(), { workspaceId: ws }));
      output(flags, outcomes, (l) => (l.length ? l.map((o) => `${o.digest} ${o.reportDate} → ${o.recipient}: ${o.status}${o.error ? ` — ${o.error}` : ''}`).join('\n') : 'Nothing due.'));
      if (outcomes.some((o) => o.status === 'failed')) process.exitCode = EXIT.partial;
    });
}
