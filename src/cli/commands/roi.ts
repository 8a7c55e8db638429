/**
 * `murmur campaign …`, `murmur conversions …` and `murmur roi`: what was spent, what it
 * brought in, and the funnel in between.
 */
import { Option, type Command } from 'commander';
import pc from 'picocolors';
import { addCampaign, listCampaigns, updateCampaign, type Campaign } from '../../roi/campaigns.ts';
import { importConversionsCsv } from '../../roi/crm-csv.ts';
import { createLink, deleteLink, listLinks, updateLink, type UtmLink } from '../../roi/links.ts';
import type { LinkPatch } from '../../roi/roi-schema.ts';
import { roiReport, type RoiReport, type RoiRow } from '../../roi/report.ts';
import { crmWebhookSecretStatus, rotateCrmWebhookSecret } from '../../roi/webhook.ts';
import { publicBase, publicUrl } from '../../core/public-url.ts';
import { EXIT, isoDates, output, UsageError } from '../context.ts';
import { parseDateFlag, parseToFlag } from '../dates.ts';
import { progressReporter } from '../progress.ts';
import { number, withUserStore } from './plan.ts';
import { SUMMARY } from '../summaries.ts';

const money = (n: number | null, currency: string) => (n === null ? '—' : `${n.toLocaleString('en', { maximumFractionDigits: 2 })} ${currency}`);
const rate = (n: number | null) => (n === null ? '—' : `${(100 * n).toFixed(1)}%`);
const count = (n: number | null) => (n === null ? '—' : Number.isInteger(n) ? n.toLocaleString('en') : n.toFixed(2));

/** The public short link, when MURMUR_PUBLIC_URL says where the server is (a guess would be printed on every line). */
export function shortUrl(code: string): string | null {
  const base = publicBase();
  return base.guessed ? null : publicUrl(base, `/r/${code}`);
}

const campaignLine = (c: Campaign) =>
  `#${c.id} ${c.name} [${c.utmCampaign}] ${c.channel}: ${money(c.costMoney, c.currency)} + ${c.costHours} h, ${new Date(c.startAt).toISOString().slice(0, 10)} → ${c.endAt ? new Date(c.endAt).toISOString().slice(0, 10) : 'open'}`;
const linkLine = (l: UtmLink) => `${l.code}  ${l.clicks} clicks  ${shortUrl(l.code) ?? ''}\n    → ${l.destination}`;

function roiLine(r: RoiRow): string[] {
  const f = r.funnel;
  return [
    pc.bold(`${r.name}`) + pc.dim(` (${r.channel}${r.campaigns > 1 ? `, ${r.campaigns} campaigns` : ''})`),
    `  money: revenue ${money(r.revenue, r.currency)} on cost ${money(r.costMoney, r.currency)} + ${r.costHours} h${r.cost !== r.costMoney ? ` = ${money(r.cost, r.currency)}` : ''} → ROI ${r.roi === null ? '—' : `${(100 * r.roi).toFixed(0)}%`}; cost/lead ${money(r.costPerLead, r.currency)}, cost/sale ${money(r.costPerSale, r.currency)}`,
    `  funnel: reach ${count(f.reach)} → engagement ${count(f.engagement)} (${rate(r.rates.engagementPerReach)}) → clicks ${count(f.clicks)} (${rate(r.rates.clicksPerEngagement)}) → leads ${count(f.leads)} (${rate(r.rates.leadsPerClick)}) → sales ${count(f.sales)} (${rate(r.rates.salesPerLead)})` +
      pc.dim(r.vanitySource === 'none' ? '' : `  [reach/engagement ${r.vanitySource}]`),
  ];
}

export function renderRoi(report: RoiReport): string {
  return [
    pc.dim(`ROI by ${report.by}, ${report.attribution === 'last' ? 'last-touch' : 'linear'} attribution${report.hourlyRate ? `, hours at ${report.hourlyRate}/h` : ', hours not priced'}`),
    ...report.rows.flatMap(roiLine),
    ...roiLine(report.total),
    `unattributed: ${report.unattributed.leads} leads, ${report.unattributed.sales} sales, ${report.unattributed.revenue.toLocaleString('en')} revenue (no known UTM touch)`,
    ...report.warnings.map((w) => pc.yellow(`⚠ ${w}`)),
  ].join('\n');
}

/** What a campaign cost and what measures its reach, the same flags for `add` and `edit`. */
function campaignMeasureOptions(command: Command, clearing: string): Command {
  return command
    .option('--cost <money>', 'money spent', number('--cost'))
    .option('--hours <hours>', 'hours spent', number('--hours'))
    .option('--topic <name>', `measure reach/engagement from this topic's mentions${clearing}`)
    .option('--hashtag <tag>', `measure reach/engagement from this hashtag${clearing}`)
    .option('--reach <n>', 'platform-reported reach', number('--reach'))
    .option('--engagement <n>', 'platform-reported engagement', number('--engagement'));
}

export function registerRoi(program: Command): void {
  const campaign = program.command('campaign').description(SUMMARY.campaign);
  const add = campaign
    .command('add')
    .description('add a campaign with its channel, dates and cost (its UTM name is derived from the name unless --utm)')
    .argument('<name>')
    .requiredOption('--channel <name>', 'e.g. mastodon, newsletter')
    .requiredOption('--start <date>', 'YYYY-MM-DD')
    .option('--end <date>', 'YYYY-MM-DD')
    .option('--currency <code>', 'ISO 4217', 'EUR')
    .option('--utm <value>', 'utm_campaign (default: from the name)');
  campaignMeasureOptions(add, '')
    .option('--json', 'print JSON')
    .action((name: string, f: Record<string, string | number | undefined> & { json?: boolean }, command: Command) =>
      withUserStore(command, async (store, ws) => {
        const created = await addCampaign(store, ws, {
          name,
          channel: f.channel as string,
          start: f.start as string,
          end: (f.end as string | undefined) ?? null,
          costMoney: f.cost as number | undefined,
          costHours: f.hours as number | undefined,
          currency: f.currency as string,
          utmCampaign: f.utm as string | undefined,
          topic: f.topic as string | undefined,
          hashtag: f.hashtag as string | undefined,
          reachReported: (f.reach as number | undefined) ?? null,
          engagementReported: (f.engagement as number | undefined) ?? null,
        });
        output(f, created, campaignLine);
      }, { create: true }),
    );
  const edit = campaign
    .command('edit')
    .description('change a campaign: its name, channel, dates, cost or what measures it (not its utm_campaign, which its links carry)')
    .argument('<campaign>', 'id, name or utm_campaign')
    .option('--name <name>', 'new name')
    .option('--channel <name>', 'e.g. mastodon, newsletter')
    .option('--start <date>', 'YYYY-MM-DD')
    .option('--end <date>', "YYYY-MM-DD, or 'none' for an open campaign")
    .option('--currency <code>', 'ISO 4217');
  campaignMeasureOptions(edit, " ('none' to stop)")
    .option('--json', 'print JSON')
    .action((ref: string, f: Record<string, string | number | undefined> & { json?: boolean }, command: Command) =>
      withUserStore(command, async (store, ws) => {
        const cleared = (value: string | number | undefined) => (value === 'none' ? null : (value as string | undefined));
        const changed = await updateCampaign(store, ws, ref, {
          name: f.name as string | undefined,
          channel: f.channel as string | undefined,
          start: f.start as string | undefined,
          end: cleared(f.end),
          costMoney: f.cost as number | undefined,
          costHours: f.hours as number | undefined,
          currency: f.currency as string | undefined,
          topic: cleared(f.topic),
          hashtag: cleared(f.hashtag),
          reachReported: f.reach as number | undefined,
          engagementReported: f.engagement as number | undefined,
        });
        output(f, changed, campaignLine);
      }),
    );
  campaign.command('list').description('campaigns of the workspace').option('--json', 'print JSON').action((f: { json?: boolean }, command: Command) =>
    withUserStore(command, async (store, ws) => {
      const campaigns = await listCampaigns(store, ws);
      const links = await listLinks(store, ws);
      const data = campaigns.map((c) => ({ ...c, links: links.filter((l) => l.campaignId === c.id) }));
      output(f, data, (all) => all.map((c) => [campaignLine(c), ...c.links.map((l) => `  ${linkLine(l)}`)].join('\n')).join('\n') || 'no campaigns');
    }),
  );
  campaign
    .command('link')
    .description('build a UTM link with a short code that counts clicks')
    .argument('<campaign>', 'id, name or utm_campaign')
    .requiredOption('--url <url>', 'destination, e.g. https://shop.example/spring')
    .requiredOption('--source <source>', 'utm_source, e.g. mastodon')
    .requiredOption('--medium <medium>', 'utm_medium, e.g. social')
    .option('--content <content>', 'utm_content, e.g. video-1')
    .option('--term <term>', 'utm_term')
    .option('--json', 'print JSON')
    .action((ref: string, f: { url: string; source: string; medium: string; content?: string; term?: string; json?: boolean }, command: Command) =>
      withUserStore(command, async (store, ws) => {
        const link = await createLink(store, ws, { campaign: ref, url: f.url, source: f.source, medium: f.medium, content: f.content, term: f.term });
        output(f, { ...link, shortUrl: shortUrl(link.code) }, (l) => `${linkLine(l)}${l.shortUrl ? '' : pc.dim('\n    (set MURMUR_PUBLIC_URL to print the short URL; the server redirects /r/<code>)')}`);
      }),
    );

  campaign
    .command('link-edit')
    .description("change a link's destination page or UTM labels; its short code and campaign stay (the published link keeps working)")
    .argument('<link>', 'id or short code')
    .option('--url <url>', 'new destination page')
    .option('--source <source>', 'utm_source')
    .option('--medium <medium>', 'utm_medium')
    .option('--content <content>', 'utm_content ("" clears it)')
    .option('--term <term>', 'utm_term ("" clears it)')
    .option('--json', 'print JSON')
    .action((ref: string, f: LinkPatch & { json?: boolean }, command: Command) =>
      withUserStore(command, async (store, ws) => {
        const { json, ...patch } = f;
        const link = await updateLink(store, ws, ref, patch);
        output({ json }, { ...link, shortUrl: shortUrl(link.code) }, linkLine);
      }),
    );

  campaign
    .command('link-delete')
    .description('delete a link nobody has clicked yet; a clicked link is refused (its clicks count in the ROI)')
    .argument('<link>', 'id or short code')
    .option('--json', 'print JSON')
    .action((ref: string, f: { json?: boolean }, command: Command) =>
      withUserStore(command, async (store, ws) => {
        await deleteLink(store, ws, ref);
        output(f, { deleted: ref }, () => `deleted link ${ref}`);
      }),
    );

  const conversions = program.command('conversions').description(SUMMARY.conversions);
  conversions
    .command('import')
    .description('import a CRM export (CSV, gzip ok); idempotent by event id')
    .argument('<file>', "CSV file, or '-' for stdin")
    .option('--dry-run', 'preview: the column mapping, the counts and the rejected lines; store nothing')
    .option('--no-progress', 'no progress bar')
    .option('--json', 'print JSON')
    .action((file: string, f: { progress: boolean; dryRun?: boolean; json?: boolean }, command: Command) =>
      withUserStore(command, async (store, ws) => {
        const progress = f.progress ? progressReporter(f.dryRun ? 'checking conversions' : 'importing conversions', 'rows') : null;
        const result = await importConversionsCsv(store, ws, file, { dryRun: f.dryRun, onProgress: (rows) => progress?.update(rows) }).finally(() => progress?.stop());
        output(f, result, (r) =>
          [
            ...(r.dryRun ? [`preview, nothing stored; columns: ${r.mapping.map((m) => `${m.column} → ${m.field ?? '(not read)'}`).join(', ')}`] : []),
            `${r.rows} rows: ${r.inserted} new, ${r.duplicates} already imported, ${r.rejectedCount} rejected`,
            ...r.rejected.slice(0, 20).map((x) => pc.yellow(`  line ${x.line}: ${x.reason}`)),
            ...(r.rejectedCount > 20 ? [`  … ${r.rejectedCount - 20} more${r.rejectedCount > r.rejected.length ? ` (--json lists the first ${r.rejected.length})` : ' (use --json)'}`] : []),
          ].join('\n'),
        );
        if (result.rejectedCount > 0) process.exitCode = EXIT.partial;
      }, { create: true }),
    );
  conversions
    .command('webhook-secret')
    .description('whether the CRM webhook signing secret is set and since when; --rotate makes a new one and prints it, once')
    .option('--rotate', 'make a new secret (replacing any earlier one: the CRM must be updated) and print it; it is never shown again')
    .addOption(new Option('--status', 'what the command shows without --rotate (kept for older scripts)').hideHelp())
    .option('--json', 'print JSON')
    .action((f: { rotate?: boolean; status?: boolean; json?: boolean }, command: Command) =>
      withUserStore(command, async (store, ws) => {
        if (f.rotate) {
          if (f.status) throw new UsageError('--status and --rotate exclude each other');
          const secret = await rotateCrmWebhookSecret(store, ws);
          output(f, { secret, signature: 'X-Murmur-Signature: sha256=HMAC_SHA256(secret, "<X-Murmur-Timestamp>.<raw body>")' }, (d) => `${d.secret}\nshown once: give it to the CRM now. Sign each delivery with ${d.signature}`);
          return;
        }
        const status = await crmWebhookSecretStatus(store, ws);
        output(f, status, (s) => (s.set ? `a webhook secret is set (since ${new Date(s.setAt!).toISOString()}); --rotate replaces it` : 'no webhook secret yet: `murmur conversions webhook-secret --rotate` makes one'), isoDates);
      }),
    );

  program
    .command('roi')
    .description(SUMMARY.roi)
    .option('--by <campaign|channel>', 'group by', 'campaign')
    .option('--attribution <last|linear>', 'attribution model', 'last')
    .option('--from <date>', 'conversions and clicks from this day YYYY-MM-DD (UTC) or ISO time')
    .option('--to <date>', 'up to this day YYYY-MM-DD included (UTC, as every other --to), or before an ISO time')
    .option('--hourly-rate <money>', 'count each hour of effort as this much cost', number('--hourly-rate'))
    .option('--json', 'print JSON')
    .action((f: { by: string; attribution: string; from?: string; to?: string; hourlyRate?: number; json?: boolean }, command: Command) =>
      withUserStore(command, async (store, ws) => {
        if (!['campaign', 'channel'].includes(f.by)) throw new UsageError(`--by must be campaign or channel, got "${f.by}"`);
        if (!['last', 'linear'].includes(f.attribution)) throw new UsageError(`--attribution must be last or linear, got "${f.attribution}"`);
        const report = await roiReport(store, ws, {
          by: f.by as 'campaign',
          attribution: f.attribution as 'last',
          from: parseDateFlag('--from', f.from)?.getTime(),
          to: parseToFlag('--to', f.to)?.getTime(),
          hourlyRate: f.hourlyRate,
        });
        output(f, report, renderRoi);
      }),
    );
}
