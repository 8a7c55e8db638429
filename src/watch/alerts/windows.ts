/**
 * How far back an alert rule looks, and how long it stays quiet about a spike it already
 * sent: the evaluator uses these and the dashboard shows them, so both say the same.
 * Free of store code so that the dashboard can import it.
 */
import { DAY, HOUR } from '../time.ts';
import type { AlertParams } from './rule-schema.ts';

/** A spike alerts while it ended within this span: six hours counted by hour, two days by day. */
export function spikeWindowMs(granularity: AlertParams['granularity']): number {
  return granularity === 'hour' ? 6 * HOUR : 2 * DAY;
}

/** A spike overlapping one already sent, give or take this span, is the same spike. */
export const spikeQuietMs = spikeWindowMs;

/** Negative posts are looked for among those published in the last day. */
export const POST_WINDOW_MS = DAY;
