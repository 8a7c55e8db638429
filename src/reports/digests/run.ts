/**
 * Sending the digests that are due. A run is claimed by moving the digest's `next_run_at`
 * on with a compare-and-set (two runners cannot take the same run); it then owes one
 * delivery per recipient, logged in `report_digest_deliveries` under (digest, report day,
 * recipient), so a delivery is sent once whatever retries or restarts follow. A failed
 * delivery is tried again with back-off, up to `maxAttempts`.
 *
 * E-mail carries the report as its HTML body with the PDF attached; a webhook gets a short
 * Slack-compatible summary (headline figures and a link to the report in the dashboard).
 */
import { log } from '../../core/log.ts';
import { publicBase, publicUrl } from '../../core/public-url.ts';
import { escapeHtml, sendMail, type MailOptions } from '../../core/mail.ts';
import type { Store } from '../../store/store.ts';
import { deliver } from '../../watch/alerts/deliver.ts';
import { renderReport } from '../render.ts';
import { htmlToPdf } from '../pdf.ts';
import type { ReportDocument } from '../document.ts';
import { findDigest, recipientLabel, type Digest, type DigestRecipient } from './digests.ts';
import { latestDueRun, nextRunAfter, reportDateOf } from './schedule.ts';

export interface DigestRunOptions extends MailOptions {
  /** Default: the guarded fetch of alert webhooks. */
  fetch?: (input: string | URL, init?: RequestInit) => Promise<Response>;
  /** Attempts per delivery before it is given up (default 5). */
  maxAttempts?: number;
  /** Wait after the first failure, doubled after each (default 5 minutes). */
  retryDelayMs?: number;
  /** The server's own address, for the link in webhook summaries when $MURMUR_PUBLIC_URL is unset (core/public-url.ts). */
  dashboardUrl?: string;
  /** Attach the PDF to e-mails (default true; it needs Chromium). */
  pdf?: boolean;
  workspaceId?: number;
}

export interface DigestOutcome {
  digest: string;
  reportDate: string;
  recipient: string;
  status: 'sent' | 'failed';
  attempts: number;
  error: string | null;
}

/** A delivery left in 'sending' this long ago died with its process: it is tried again. */
const STALE_SENDING_MS = 15 * 60_000;

/** Claims every due run and records the deliveries it owes. */
async function claimDueRuns(store: Store, now: number, workspaceId: number | undefined): Promise<void> {
  let query = store.db.selectFrom('report_digests').selectAll().where('enabled', '=', 1).where('next_run_at', '<=', now);
  if (workspaceId !== undefined) query = query.where('workspace_id', '=', workspaceId);
  for (const row of await query.execute()) {
    const digest = await findDigest(store, Number(row.workspace_id), Number(row.id));
    const run = latestDueRun(digest.cron, digest.timeZone, digest.nextRunAt, now);
    const claimed = await store.db
      .updateTable('report_digests')
      .set({ next_run_at: nextRunAfter(digest.cron, digest.timeZone, now) })
      .where('id', '=', digest.id)
      .where('next_run_at', '=', digest.nextRunAt)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) continue;
    const reportDate = reportDateOf(run, digest.timeZone);
    for (const recipient of digest.recipients) {
      await store.db
        .insertInto('report_digest_deliveries')
        .values({ workspace_id: digest.workspaceId, digest_id: digest.id, report_date: reportDate, recipient: recipientLabel(recipient), status: 'pending', attempts: 0, error: null, retry_at: now, updated_at: now })
        .onConflict((oc) => oc.columns(['digest_id', 'report_date', 'recipient']).doNothing())
        .execute();
    }
  }
}

interface Rendered {
  document: ReportDocument;
  html: string;
  filename: string;
  pdf: Buffer | null;
  pdfError: string | null;
}

/** One report per digest, day and language, rendered once for all its recipients. */
function renderCache(store: Store, options: DigestRunOptions) {
  const cache = new Map<string, Promise<Rendered>>();
  return (digest: Digest, reportDate: string, lang: DigestRecipient['lang'], withPdf: boolean) => {
    const key = `${digest.id}|${reportDate}|${lang}|${withPdf}`;
    let rendered = cache.get(key);
    if (!rendered) {
      rendered = (async () => {
        const report = await renderReport(store, digest.workspaceId, { kind: digest.kind, date: reportDate, topic: digest.topicId ?? undefined, lang, timeZone: digest.timeZone, format: 'html' });
        const html = String(report.body);
        let pdf: Buffer | null = null;
        let pdfError: string | null = null;
        if (withPdf && options.pdf !== false) {
          // Without Chromium the e-mail still goes, with the report in its body.
          pdf = await htmlToPdf(html).catch((error: unknown) => ((pdfError = (error as Error).message), null));
        }
        return { document: report.document, html, filename: report.filename.replace(/\.html$/, ''), pdf, pdfError };
      })();
      cache.set(key, rendered);
    }
    return rendered;
  };
}

function reportLink(options: DigestRunOptions, digest: Digest, reportDate: string): string | null {
  // Sent from the CLI with no public URL set, nobody knows where the dashboard is: no link.
  if (!options.dashboardUrl && !process.env.MURMUR_PUBLIC_URL) return null;
  const url = new URL(publicUrl(publicBase(options.dashboardUrl), '/reports'));
  url.searchParams.set('kind', digest.kind);
  url.searchParams.set('date', reportDate);
  if (digest.topicId != null) url.searchParams.set('topic', String(digest.topicId));
  return url.toString();
}

async function send(store: Store, digest: Digest, recipient: DigestRecipient, report: Rendered, link: string | null, options: DigestRunOptions): Promise<void> {
  if (recipient.type === 'webhook') {
    // The link is a line too: Teams-compatible webhooks read `text` only.
    const lines = [...report.document.headline.items.map((m) => `${m.label}: ${m.value}${m.note ? ` (${m.note})` : ''}`), ...(link ? [link] : [])];
    await deliver({ type: 'webhook', url: recipient.url }, { title: `${report.document.title} · ${report.document.subtitle}`, lines, url: link, data: { digest: digest.name, kind: digest.kind } }, options);
    return;
  }
  let to = recipient.type === 'email' ? recipient.to : null;
  if (recipient.type === 'member') {
    const member = await store.db
      .selectFrom('workspace_members')
      .innerJoin('users', 'users.id', 'workspace_members.user_id')
      .select('users.email')
      .where('workspace_members.workspace_id', '=', digest.workspaceId)
      .where('users.id', '=', recipient.userId)
      .executeTakeFirst();
    if (!member) throw new Error(`user ${recipient.userId} is no longer a member of this workspace`);
    to = member.email;
  }
  const subject = `${report.document.title} · ${report.document.subtitle}`;
  const text = [subject, '', ...report.document.headline.items.map((m) => `${m.label}: ${m.value}`), ...(link ? ['', link] : [])].join('\n');
  const note = report.pdfError ? `<p><em>${escapeHtml(`PDF not attached: ${report.pdfError}`)}</em></p>` : '';
  await sendMail(
    {
      to: [to!],
      subject,
      text,
      html: note ? report.html.replace('<body>', `<body>${note}`) : report.html,
      attachments: report.pdf ? [{ filename: `${report.filename}.pdf`, content: report.pdf, contentType: 'application/pdf' }] : [],
    },
    options,
  );
}

/** Claims the due runs, then sends every delivery owed: new ones and failed ones whose retry time has come. */
export async function runDueDigests(store: Store, now: number, options: DigestRunOptions = {}): Promise<DigestOutcome[]> {
  const maxAttempts = options.maxAttempts ?? 5;
  const retryDelayMs = options.retryDelayMs ?? 5 * 60_000;
  await claimDueRuns(store, now, options.workspaceId);
  let owed = store.db
    .selectFrom('report_digest_deliveries')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('status', 'in', ['pending', 'failed']), eb('retry_at', '<=', now)]),
        eb.and([eb('status', '=', 'sending'), eb('updated_at', '<', now - STALE_SENDING_MS)]),
      ]),
    )
    .orderBy('id')
    .limit(200);
  if (options.workspaceId !== undefined) owed = owed.where('workspace_id', '=', options.workspaceId);
  const render = renderCache(store, options);
  const outcomes: DigestOutcome[] = [];
  for (const row of await owed.execute()) {
    // Claimed with a compare-and-set on the attempt count: one runner per attempt.
    const attempts = Number(row.attempts) + 1;
    const taken = await store.db
      .updateTable('report_digest_deliveries')
      .set({ status: 'sending', attempts, updated_at: now })
      .where('id', '=', row.id)
      .where('attempts', '=', row.attempts)
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) === 0) continue;
    let digest: Digest;
    try {
      digest = await findDigest(store, Number(row.workspace_id), Number(row.digest_id));
    } catch {
      continue; // removed meanwhile: the cascade removes its deliveries too
    }
    const recipient = digest.recipients.find((r) => recipientLabel(r) === row.recipient);
    let error: string | null = recipient ? null : 'this recipient was removed from the digest';
    if (recipient) {
      try {
        const report = await render(digest, row.report_date, recipient.lang, recipient.type !== 'webhook');
        await send(store, digest, recipient, report, reportLink(options, digest, row.report_date), options);
      } catch (e) {
        error = (e as Error).message;
      }
    }
    const givingUp = error !== null && (attempts >= maxAttempts || !recipient);
    await store.db
      .updateTable('report_digest_deliveries')
      .set({ status: error ? 'failed' : 'sent', error, retry_at: error && !givingUp ? now + retryDelayMs * 2 ** (attempts - 1) : null, updated_at: now })
      .where('id', '=', row.id)
      .execute();
    if (error) log.warn({ digest: digest.name, recipient: row.recipient, attempts, err: error }, givingUp ? 'digest delivery given up' : 'digest delivery failed; will retry');
    outcomes.push({ digest: digest.name, reportDate: row.report_date, recipient: row.recipient, status: error ? 'failed' : 'sent', attempts, error });
  }
  return outcomes;
}

/** The loop `murmur serve` runs: due digests every `everyMs` (default a minute). */
export function startDigestLoop(store: Store, options: DigestRunOptions & { everyMs?: number; now?: () => number } = {}): { stop(): Promise<void> } {
  const now = options.now ?? Date.now;
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => runDueDigests(store, now(), options)).catch((error: unknown) => log.error({ err: (error as Error).message }, 'digest run failed'));
  }, options.everyMs ?? 60_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
