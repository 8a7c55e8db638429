import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { MentionInput } from '../../core/mention.ts';
import { ingestBatch } from '../../listen/pipeline.ts';
import { createTopic } from '../../listen/topics.ts';
import type { Store } from '../../store/store.ts';
import { describeEachStore } from '../../store/testing.ts';
import { workspaceId } from '../../store/workspaces.ts';
import { mulberry32 } from '../synthetic-series.ts';
import { evaluateAlerts, listSentAlerts } from './evaluate.ts';
import { addAlertRule, AlertRuleError, listAlertRules } from './rules.ts';

const NOW = new Date('2026-03-20T15:40:00Z');
const HOUR = 3_600_000;

function mention(id: string, at: number, label: 'negative' | 'neutral', extra: Partial<MentionInput> = {}): MentionInput {
  return {
    source: 'bluesky',
    externalId: id,
    url: `https://bsky.app/profile/x/post/${id}`,
    author: { handle: `user${id.length % 40}`, displayName: null, followers: 100 },
    text: `acme ${label === 'negative' ? 'is awful' : 'shipped my order'}`,
    publishedAt: new Date(at),
    engagement: { likes: 1, shares: 0, replies: 0, views: null },
    lang: 'en',
    sentiment: { label, score: label === 'negative' ? -0.9 : 0, probabilities: { negative: label === 'negative' ? 0.9 : 0.05, neutral: 0.05, positive: 0.05 } },
    ...extra,
  };
}

/** Five weeks of quiet hours, then a negative burst from one post and its reposts since 13:00. */
function stream(): MentionInput[] {
  const random = mulberry32(7);
  const out: MentionInput[] = [];
  const start = NOW.getTime() - 35 * 24 * HOUR;
  let n = 0;
  for (let t = start; t < NOW.getTime() - 3 * HOUR; t += HOUR) {
    for (let i = 0; i < 4 + Math.floor(random() * 3); i++) out.push(mention(`m${n++}`, t + random() * HOUR, random() < 0.2 ? 'negative' : 'neutral'));
  }
  const viralAt = NOW.getTime() - 3 * HOUR + 5 * 60_000;
  out.push(mention('viral', viralAt, 'negative', { author: { handle: 'angry_critic', displayName: 'Angry Critic', followers: 90_000 }, engagement: { likes: 5000, shares: 900, replies: 300, views: null } }));
  for (let i = 0; i < 120; i++) out.push(mention(`rt${i}`, viralAt + 60_000 + i * 60_000, 'negative', { parentExternalId: 'viral' }));
  return out;
}

describeEachStore('alerts', (open) => {
  let store: Store;
  let ws: number;
  let topicId: number;
  let webhook: Server;
  let webhookUrl: string;
  const received: unknown[] = [];
  let failWebhook = false;
  let smtp: SMTPServer;
  let smtpPort: number;
  const mails: string[] = [];

  beforeAll(async () => {
    store = await open();
    ws = await workspaceId(store);
    await ingestBatch(store, ws, stream(), { enricher: null, topics: [] });
    topicId = (await createTopic(store, ws, { name: 'Acme', query: 'acme', role: 'brand' })).topic.id;
    webhook = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (failWebhook) {
          res.writeHead(500).end('boom');
          return;
        }
        received.push(JSON.parse(body));
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => webhook.listen(0, '127.0.0.1', r));
    webhookUrl = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hooks/T000/SECRET`;
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        let data = '';
        stream.on('data', (c: Buffer) => (data += c.toString()));
        stream.on('end', () => {
          mails.push(data);
          callback();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    smtpPort = (smtp.server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((r) => webhook.close(() => r()));
    await new Promise<void>((r) => smtp.close(() => r()));
  });

  it('rejects a rule without channel or with an unknown topic, naming the problem', async () => {
    await expect(addAlertRule(store, ws, { name: 'x', kind: 'negative-spike', topicId, channels: [] })).rejects.toThrow(/channel/);
    await expect(addAlertRule(store, ws, { name: 'x', kind: 'negative-spike', topicId: 999, channels: [{ type: 'webhook', url: webhookUrl }] })).rejects.toThrow(AlertRuleError);
  });

  it('sends one alert per spike to the webhook and by email, then never again', async () => {
    await addAlertRule(store, ws, {
      name: 'acme negative',
      kind: 'negative-spike',
      topicId,
      params: { granularity: 'hour', lang: 'fr' },
      channels: [{ type: 'webhook', url: webhookUrl }, { type: 'email', to: ['team@example.com'] }],
    });
    expect(await listAlertRules(store, ws)).toHaveLength(1);
    const options = { smtpUrl: `smtp://127.0.0.1:${smtpPort}`, from: 'murmur@example.com' };
    const first = await evaluateAlerts(store, ws, NOW, options);
    expect(first.alerts).toHaveLength(1);
    expect(first.alerts[0]!.deliveries.map((d) => d.status)).toEqual(['sent', 'sent']);
    const payload = received[0] as { text: string; blocks: unknown[] };
    expect(payload.text).toMatch(/^Pic négatif sur Acme/);
    expect(payload.text).toContain('@angry_critic');
    expect(payload.blocks).toHaveLength(2);
    expect(mails[0]).toContain('Subject: =?UTF-8?Q?Pic_n=C3=A9gatif_sur_Acme?=');

    const again = await evaluateAlerts(store, ws, new Date(NOW.getTime() + 20 * 60_000), options);
    expect(again.alerts).toEqual([]);
    expect(received).toHaveLength(1);
    expect(mails).toHaveLength(1);
    const sent = await listSentAlerts(store, ws);
    expect(sent.map((s) => s.status)).toEqual(['sent', 'sent']);
    // The webhook's path holds its secret: the log keeps only the host.
    expect(sent.some((s) => s.channel.includes('SECRET'))).toBe(false);
  });

  it('records a failed delivery and retries it on the next evaluation', async () => {
    await addAlertRule(store, ws, { name: 'acme post', kind: 'negative-post', topicId, params: { minReach: 50_000 }, channels: [{ type: 'webhook', url: webhookUrl }] });
    failWebhook = true;
    const failed = await evaluateAlerts(store, ws, NOW);
    const post = failed.alerts.find((a) => a.ruleName === 'acme post')!;
    expect(post.deliveries[0]).toMatchObject({ status: 'failed', error: expect.stringMatching(/HTTP 500/) });
    failWebhook = false;
    const retried = await evaluateAlerts(store, ws, NOW);
    expect(retried.alerts.map((a) => [a.ruleName, a.deliveries[0]!.status])).toEqual([['acme post', 'sent']]);
    expect(await evaluateAlerts(store, ws, NOW)).toMatchObject({ alerts: [] });
  });

  it('keeps a dashboard-only rule without a secret key, and files its alert at the time it was evaluated for', async () => {
    // Nothing secret to seal: the demo, which runs before any key is set, can add one.
    vi.stubEnv('MURMUR_SECRET_KEY', '');
    try {
      await addAlertRule(store, ws, { name: 'acme in the dashboard', kind: 'negative-spike', topicId, params: { granularity: 'hour' }, channels: [{ type: 'dashboard' }] });
    } finally {
      vi.unstubAllEnvs();
    }
    const result = await evaluateAlerts(store, ws, NOW);
    expect(result.alerts.filter((a) => a.ruleName === 'acme in the dashboard').map((a) => a.deliveries)).toEqual([[{ channel: 'dashboard', status: 'sent' }]]);
    const filed = (await listSentAlerts(store, ws)).filter((a) => a.channel === 'dashboard');
    expect(filed.map((a) => a.sentAt)).toEqual([NOW.getTime()]);
  });
});
