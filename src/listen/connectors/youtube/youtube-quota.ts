/**
 * The YouTube Data API's daily quota, counted by the source and spread over the day.
 *
 * Google counts units per project and day and resets them at midnight Pacific Time
 * (https://developers.google.com/youtube/v3/getting-started#quota); search.list costs
 * 100 units, videos.list and commentThreads.list 1
 * (https://developers.google.com/youtube/v3/determine_quota_cost). A source that spent
 * its quota at breakfast would be blind until midnight, so by any time of the day it
 * spends at most the elapsed share of the quota plus a tenth of it, or one page's
 * cost if more (so the first poll after midnight can run); a poll that would go
 * beyond waits until its share is there.
 */
const ZONE = 'America/Los_Angeles';
const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, timeZoneName: 'longOffset', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Pacific date at `at` and the zone's offset from UTC then, in ms. */
function pacific(at: number): { y: number; m: number; d: number; offset: number } {
  const parts = Object.fromEntries(offsetFormat.formatToParts(at).map((p) => [p.type, p.value]));
  const [, sign, hours, minutes] = /GMT([+-])(\d\d):(\d\d)/.exec(parts.timeZoneName ?? '') ?? [null, '+', '00', '00'];
  const offset = (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes)) * 60_000;
  return { y: Number(parts.year), m: Number(parts.month), d: Number(parts.day), offset };
}

/** Epoch ms of Pacific midnight starting the given Pacific date (the offset there may differ from now's: DST). */
function midnight(y: number, m: number, d: number, hint: number): number {
  const guess = Date.UTC(y, m - 1, d) - pacific(hint).offset;
  return Date.UTC(y, m - 1, d) - pacific(guess).offset;
}

export interface QuotaDay {
  /** The Pacific date, YYYY-MM-DD: the quota's day. */
  day: string;
  start: number;
  /** The next reset. */
  end: number;
}

export function quotaDay(now: number): QuotaDay {
  const { y, m, d } = pacific(now);
  const start = midnight(y, m, d, now);
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  const end = midnight(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), now + 86_400_000);
  return { day: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`, start, end };
}

/** What the cursor keeps: units spent on the quota day. */
export interface QuotaState {
  day: string;
  used: number;
}

export function quotaStateOf(value: unknown): QuotaState | null {
  if (typeof value !== 'object' || value === null) return null;
  const { day, used } = value as Record<string, unknown>;
  return typeof day === 'string' && typeof used === 'number' && Number.isFinite(used) ? { day, used } : null;
}

export class QuotaBudget {
  readonly #daily: number;
  readonly #day: QuotaDay;
  readonly #ahead: number;
  used: number;

  /** `pageCost`: the most one step of the poll can spend, which the plan must allow at any time. */
  constructor(state: QuotaState | null, daily: number, now: number, pageCost = 0) {
    this.#daily = daily;
    this.#ahead = Math.max(daily / 10, pageCost);
    this.#day = quotaDay(now);
    // Another day: Google has reset the count.
    this.used = state?.day === this.#day.day ? state.used : 0;
  }

  /** Units the plan allows to have been spent by `at`. */
  allowedBy(at: number): number {
    const elapsed = Math.min(1, Math.max(0, (at - this.#day.start) / (this.#day.end - this.#day.start)));
    return Math.min(this.#daily, this.#daily * elapsed + this.#ahead);
  }

  /**
   * When `cost` more units may be spent: `now` if at once, else when the day's share
   * covers them, or the reset when the day's quota cannot.
   */
  affordableAt(cost: number, now: number): number {
    const needed = this.used + cost;
    if (needed > this.#daily) return this.#day.end;
    if (needed <= this.allowedBy(now)) return now;
    const span = this.#day.end - this.#day.start;
    return Math.min(this.#day.end, this.#day.start + Math.ceil(((needed - this.#ahead) / this.#daily) * span));
  }

  spend(units: number): void {
    this.used += units;
  }

  state(): QuotaState {
    return { day: this.#day.day, used: this.used };
  }

  get daily(): number {
    return this.#daily;
  }

  get resetAt(): number {
    return this.#day.end;
  }
}
