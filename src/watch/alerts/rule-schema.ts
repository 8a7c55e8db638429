/**
 * An alert rule's zod contract: what the API (POST/PUT /alerts/rules), the CLI (`murmur
 * alerts add|update`) and the dashboard's Settings form all check a rule with. Kept free of
 * store code so that the dashboard can import it.
 */
import { z } from 'zod';
import { REPORT_LANGS } from '../../core/i18n.ts';
import { TimeZone } from '../params.ts';
import { ALERT_KINDS } from './kinds.ts';

export const ALERT_GRANULARITIES = ['hour', 'day'] as const;
export const ALERT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

export const channelSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('webhook'), url: z.url({ protocol: /^https?$/ }) }),
  z.object({ type: z.literal('email'), to: z.array(z.email()).min(1) }),
  // Recorded and shown in the dashboard (and `murmur alerts sent`) only: nothing leaves the server.
  z.object({ type: z.literal('dashboard') }),
]);
export type AlertChannel = z.infer<typeof channelSchema>;

export const paramsSchema = z
  .object({
    /** Spikes: hourly reacts within the hour; daily is steadier. */
    granularity: z.enum(ALERT_GRANULARITIES).default('hour'),
    minSeverity: z.enum(ALERT_SEVERITIES).default('medium'),
    /** Posts: reach (docs/figures.md) at least this. */
    minReach: z.number().int().positive().default(10_000),
    /** Posts: sentiment score at most this (−1 … 1). */
    maxScore: z.number().min(-1).max(1).default(-0.5),
    /** The zone of the buckets; default the workspace's (src/watch/params.ts). */
    timeZone: TimeZone,
    lang: z.enum(REPORT_LANGS).default('en'),
  })
  .strict();
export type AlertParams = z.infer<typeof paramsSchema>;

export const ruleInputSchema = z.object({
  name: z.string().trim().min(1).max(120),
  kind: z.enum(ALERT_KINDS),
  topicId: z.number().int().positive(),
  params: paramsSchema.partial().default({}),
  channels: z.array(channelSchema).min(1, 'an alert rule needs at least one channel (webhook, email or dashboard)'),
  enabled: z.boolean().default(true),
});
export type AlertRuleInput = z.input<typeof ruleInputSchema>;
