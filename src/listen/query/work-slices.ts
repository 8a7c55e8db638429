/**
 * Matching many rows in slices of bounded work, with a turn of the event loop between
 * slices: a server matching thousands of stored mentions (a search, a topic backfill)
 * still answers everyone else in between. Counted in matcher steps (see budget.ts), not
 * in time: the same on every machine, and tests count the slices. Between two slices the
 * work also stops when `signal` is aborted (a server shutting down): it throws the
 * signal's reason, so a long search or backfill never holds a SIGTERM for long.
 */

/** Steps per slice: 10 to 20 ms of matching on a 2-core machine shared with other work. */
export const SLICE_STEPS = 200_000;

/** What one row costs besides its matcher steps (reading its words): ~7 µs, the time of ~100 steps. */
export const ROW_STEPS = 100;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class WorkSlices {
  #spent = 0;
  /** Slices ended so far: each one was followed by a turn of the event loop. */
  slices = 0;

  constructor(
    readonly stepsPerSlice = SLICE_STEPS,
    private readonly pause: () => Promise<void> = nextTurn,
    private readonly signal?: AbortSignal,
  ) {}

  /** Slices that stop when `signal` aborts (see the class comment). */
  static until(signal: AbortSignal): WorkSlices {
    return new WorkSlices(SLICE_STEPS, nextTurn, signal);
  }

  /** Counts the work of one row (its matcher steps); once the slice is full, lets the event loop turn. */
  async row(steps: number): Promise<void> {
    this.#spent += steps + ROW_STEPS;
    if (this.#spent < this.stepsPerSlice) return;
    this.#spent = 0;
    this.slices++;
    await this.pause();
    this.signal?.throwIfAborted();
  }
}
