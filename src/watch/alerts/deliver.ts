/**
 * Delivering an alert: a Slack-compatible webhook (JSON with `text` and `blocks`, which
 * Slack, Mattermost, Rocket.Chat and most chat tools accept) or an email over SMTP.
 */
import { defaultGuardedFetch } from '../../core/guarded-fetch.ts';
import { escapeHtml, sendMail, type MailOptions } from '../../core/mail.ts';
import type { AlertChannel } from './rules.ts';

export interface AlertMessage {
  title: string;
  /** Plain-text lines: what happened, why, the evidence. */
  lines: string[];
  /** Link to the main evidence post, when there is one. */
  url: string | null;
  data: Record<string, unknown>;
}

export interface DeliveryOptions extends MailOptions {
  /** Default: the guarded fetch: a webhook URL is user-given and must not reach private addresses. */
  fetch?: (input: string | URL, init?: RequestInit) => Promise<Response>;
  timeoutMs?: number;
}

export class DeliveryError extends Error {
  override name = 'DeliveryError';
}

export function channelLabel(channel: AlertChannel): string {
  if (channel.type === 'dashboard') return 'dashboard';
  if (channel.type === 'email') return `email:${channel.to.join(',')}`;
  // The path of a webhook URL is its secret (Slack puts the token there): keep only the host.
  return `webhook:${new URL(channel.url).host}`;
}

export function slackPayload(message: AlertMessage): Record<string, unknown> {
  const body = message.lines.join('\n') + (message.url ? `\n<${message.url}|Open the post>` : '');
  return {
    text: `${message.title}\n${message.lines.join('\n')}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: message.title.slice(0, 150) } },
      { type: 'section', text: { type: 'mrkdwn', text: body.slice(0, 2900) } },
    ],
    murmur: message.data,
  };
}

export async function deliver(channel: AlertChannel, message: AlertMessage, options: DeliveryOptions = {}): Promise<void> {
  // The record of the alert (watch_alerts_sent) is the delivery.
  if (channel.type === 'dashboard') return;
  if (channel.type === 'webhook') {
    const doFetch = options.fetch ?? defaultGuardedFetch();
    let response: Response;
    try {
      response = await doFetch(channel.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(slackPayload(message)),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new DeliveryError(`webhook ${channelLabel(channel)} unreachable: ${(error as Error).message}`, { cause: error });
    }
    if (!response.ok) {
      // The body is not repeated: the error is shown to every viewer of the alert.
      await response.body?.cancel().catch(() => {});
      throw new DeliveryError(`webhook ${channelLabel(channel)} answered HTTP ${response.status}`);
    }
    return;
  }
  try {
    await sendMail(
      {
        to: channel.to,
        subject: message.title,
        text: [...message.lines, ...(message.url ? ['', message.url] : [])].join('\n'),
        html: `<h2>${escapeHtml(message.title)}</h2>${message.lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}${
          message.url ? `<p><a href="${escapeHtml(message.url)}">${escapeHtml(message.url)}</a></p>` : ''
        }`,
      },
      options,
    );
  } catch (error) {
    throw new DeliveryError(`email to ${channel.to.join(', ')} failed: ${(error as Error).message}`, { cause: error });
  }
}
