import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setMember } from '../../accounts/members.ts';
import { startMailSink, subjectOf, type MailSink } from '../../core/mail-testing.ts';
import { createUser } from '../../accounts/users.ts';
import type { MentionInput } from '../../core/mention.ts';
import { ingestBatch } from '../../listen/pipeline.ts';
import { createTopic } from '../../listen/topics.ts';
import type { Store } from '../../store/store.ts';
import { describeEachStore } from '../../store/testing.ts';
import { workspaceId } from '../../store/workspaces.ts';
import { addDigest, DigestError, listDigestDeliveries, listDigests, setDigestEnabled } from './digests.ts';
import { runDueDigests } from './run.ts';

// Tuesday 10 March 2026: the digest is set up; its first run is Monday 16 March, 08:00 in Paris (07:00 UTC).
const SET_UP = Date.parse('2026-03-10T09:00:00Z');
const FIRST_RUN = Date.parse('2026-03-16T07:00:00Z');
const MINUTE = 60_000;

function mentions(): MentionInput[] {
  const out: MentionInput[] = [];
  for (let day = 0; day < 14; day++) {
    for (let i = 0; i < 5; i++) {
      out.push({
        source: 'mastodon',
        externalId: `d${day}-${i}`,
        url: `https://social.example/@fan${i}/${day}${i}`,
        author: { handle: `fan${i}`, displayName: null, followers: 100 + i },
        text: i === 0 ? 'Acme was slow today' : 'Acme coffee is lovely',
        publishedAt: new Date(Date.parse('2026-03-02T10:00:00Z') + day * 86_400_000 + i * 3_600_000),
        engagement: { likes: i, shares: 0, replies: 0, views: null },
        lang: 'en',
        sentiment: { label: i === 0 ? 'negative' : 'positive', score: i === 0 ? -0.8 : 0.8, probabilities: { negative: 0.1, neutral: 0.1, positive: 0.8 } },
      });
    }
  }
  return out;
}

describeEachStore('report digests', (open) => {
  let store: Store;
  let ws: number;
  let member: number;
  let sink: MailSink;
  let mails: string[];
  let smtpUrl: string;
  let webhook: Server;
  let webhookUrl: string;
  const posted: { text: string }[] = [];
  let webhookFails = true;

  beforeAll(async () => {
    store = await open();
    ws = await workspaceId(store);
    await ingestBatch(store, ws, mentions(), { enricher: null, topics: [] });
    await createTopic(store, ws, { name: 'Acme', query: 'acme', role: 'brand' });
    member = (await createUser(store, { email: 'camille@example.com', name: 'Camille' })).id;
    await setMember(store, ws, member, 'viewer');
    sink = await startMailSink();
    ({ mails, url: smtpUrl } = sink);
    webhook = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (webhookFails) return void res.writeHead(503).end('busy');
        posted.push(JSON.parse(body) as { text: string });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => webhook.listen(0, '127.0.0.1', r));
    webhookUrl = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hooks/T000/SECRET`;
  });

  afterAll(async () => {
    await sink.close();
    await new Promise<void>((r) => webhook.close(() => r()));
  });

  it('refuses a schedule that is not five cron fields, an unknown zone and a stranger, naming the field', async () => {
    const base = { name: 'x', kind: 'weekly' as const, recipients: [{ type: 'email' as const, to: 'a@example.com' }] };
    await expect(addDigest(store, ws, { ...base, cron: 'every monday' })).rejects.toThrow(/cron: a schedule has five fields/);
    await expect(addDigest(store, ws, { ...base, cron: '0 8 * * 1', timeZone: 'Mars/Olympus' })).rejects.toThrow(/timeZone: unknown IANA time zone/);
    await expect(addDigest(store, ws, { ...base, cron: '0 8 * * 1', recipients: [{ type: 'member', userId: 999 }] })).rejects.toThrow(DigestError);
  });

  it('sends the week that ended on Sunday on Monday morning: a member in French and an address in English, HTML body and PDF', async () => {
    const digest = await addDigest(
      store,
      ws,
      {
        name: 'Monday digest',
        kind: 'weekly',
        cron: '0 8 * * 1',
        timeZone: 'Europe/Paris',
        recipients: [
          { type: 'member', userId: member, lang: 'fr' },
          { type: 'email', to: 'director@example.com', lang: 'en' },
          { type: 'webhook', url: webhookUrl, lang: 'en' },
        ],
      },
      SET_UP,
    );
    expect(digest.nextRunAt).toBe(FIRST_RUN);
    expect(await runDueDigests(store, FIRST_RUN - MINUTE, { smtpUrl, dashboardUrl: 'https://murmur.example' })).toEqual([]);

    const outcomes = await runDueDigests(store, FIRST_RUN + 30_000, { smtpUrl, dashboardUrl: 'https://murmur.example', retryDelayMs: 10 * MINUTE });
    expect(outcomes.map((o) => [o.recipient, o.status, o.reportDate])).toEqual([
      [`member:${member}`, 'sent', '2026-03-15'],
      ['email:director@example.com', 'sent', '2026-03-15'],
      [`webhook:${new URL(webhookUrl).host}`, 'failed', '2026-03-15'],
    ]);
    expect(mails).toHaveLength(2);
    const french = mails.find((m) => /^To: camille@example\.com/m.test(m))!;
    expect(subjectOf(french)).toBe('Rapport d’écoute hebdomadaire · Acme · 9 mars 2026 – 15 mars 2026 · heures de Europe/Paris');
    expect(french).toContain('Content-Type: text/html');
    expect(french).toContain('Content-Type: application/pdf');
    expect(subjectOf(mails.find((m) => /^To: director@example\.com/m.test(m))!)).toMatch(/^Weekly listening report · Acme/);
    expect((await listDigests(store, ws))[0]!.nextRunAt).toBe(FIRST_RUN + 7 * 86_400_000);
  });

  it('retries the failed webhook after its back-off, once, and never sends a delivery twice', async () => {
    webhookFails = false;
    expect(await runDueDigests(store, FIRST_RUN + 5 * MINUTE, { smtpUrl })).toEqual([]);
    const retried = await runDueDigests(store, FIRST_RUN + 11 * MINUTE, { smtpUrl, dashboardUrl: 'https://murmur.example' });
    expect(retried.map((o) => [o.status, o.attempts])).toEqual([['sent', 2]]);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.text).toMatch(/^Weekly listening report/);
    expect(posted[0]!.text).toContain('https://murmur.example/reports?kind=weekly&date=2026-03-15');
    expect(await runDueDigests(store, FIRST_RUN + 60 * MINUTE, { smtpUrl })).toEqual([]);
    expect(mails).toHaveLength(2);
    // The webhook's path is its secret: the log keeps its host.
    const log = await listDigestDeliveries(store, ws);
    expect(log.map((d) => d.status)).toEqual(['sent', 'sent', 'sent']);
    expect(JSON.stringify(log)).not.toContain('SECRET');
  });

  it('after three weeks down, sends the latest week once, not three stale ones; a digest switched off sends nothing', async () => {
    const back = FIRST_RUN + 22 * 86_400_000;
    const outcomes = await runDueDigests(store, back, { smtpUrl, pdf: false });
    expect(new Set(outcomes.map((o) => o.reportDate))).toEqual(new Set(['2026-04-05']));
    await setDigestEnabled(store, ws, 'Monday digest', false, back);
    expect(await runDueDigests(store, back + 7 * 86_400_000, { smtpUrl })).toEqual([]);
  });
});
