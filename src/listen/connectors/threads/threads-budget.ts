/**
 * The Threads keyword-search budget: Meta allows 2,200 queries per 24 hours per user
 * (https://developers.facebook.com/docs/threads/keyword-search#rate-limits). Queries are
 * counted by clock hour in the source's cursor, and no clock hour may spend more than
 * ⌊budget / 25⌋: any 24-hour window touches at most 25 clock hours, so no window can
 * exceed the budget, however often the source is polled, and the budget is spread over
 * the day instead of spent in the morning.
 */
const HOUR = 3_600_000;

/** Queries made per clock hour (start of the hour, epoch ms, as text → count). */
export type QueryUsage = Record<string, number>;

export function usageOf(value: unknown, now: number): QueryUsage {
  const usage: QueryUsage = {};
  if (typeof value !== 'object' || value === null) return usage;
  for (const [hour, count] of Object.entries(value)) {
    // Older than a day: out of every window that matters from now on.
    if (Number(hour) > now - 25 * HOUR && typeof count === 'number' && count > 0) usage[hour] = count;
  }
  return usage;
}

export const hourlyShare = (dailyBudget: number) => Math.max(1, Math.floor(dailyBudget / 25));
const hourOf = (now: number) => String(Math.floor(now / HOUR) * HOUR);

export class QueryBudget {
  readonly usage: QueryUsage;

  constructor(
    stored: unknown,
    readonly dailyBudget: number,
    private readonly now: () => number,
  ) {
    this.usage = usageOf(stored, now());
  }

  /** Queries left in the current clock hour. */
  left(): number {
    return hourlyShare(this.dailyBudget) - (this.usage[hourOf(this.now())] ?? 0);
  }

  /** Counts one query; false (and nothing counted) when this hour's share is spent. */
  take(): boolean {
    if (this.left() <= 0) return false;
    const hour = hourOf(this.now());
    this.usage[hour] = (this.usage[hour] ?? 0) + 1;
    return true;
  }

  /** When the next clock hour starts: the earliest a spent share renews. */
  renewsAt(): number {
    return (Math.floor(this.now() / HOUR) + 1) * HOUR;
  }

  /** Queries in the last 24 hours, for the source's summary. */
  spentToday(): number {
    const since = this.now() - 24 * HOUR;
    return Object.entries(this.usage).reduce((sum, [hour, count]) => sum + (Number(hour) + HOUR > since ? count : 0), 0);
  }
}
