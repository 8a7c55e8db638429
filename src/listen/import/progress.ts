/**
 * Import progress on stderr (stdout stays clean for `--json`): a cli-progress bar
 * with rows, rate and ETA on a terminal; a plain line every few seconds otherwise
 * (CI logs, redirects), which a bar's carriage returns would garble.
 * Not src/cli/progress.ts: that one counts a single unit, while an import measures
 * progress in bytes read (the only known total) and speed in rows.
 */
import cliProgress from 'cli-progress';
import type { ImportProgress } from './importer.ts';

export interface ProgressReporter {
  update(progress: ImportProgress): void;
  stop(): void;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

function rateAndEta(progress: ImportProgress, elapsed: number) {
  const rate = elapsed > 0 ? progress.rows / elapsed : 0;
  const fraction = progress.totalBytes ? progress.bytesRead / progress.totalBytes : null;
  const eta = fraction && fraction > 0 ? (elapsed * (1 - fraction)) / fraction : Number.NaN;
  return { rate, fraction, eta };
}

/** Picks the bar on a TTY, log lines otherwise. */
export function createProgressReporter(stream: NodeJS.WriteStream = process.stderr, intervalMs = 5000): ProgressReporter {
  return stream.isTTY && !process.env.CI ? new BarReporter(stream) : new LineReporter(stream, intervalMs);
}

class BarReporter implements ProgressReporter {
  readonly #bar: cliProgress.SingleBar;
  readonly #started = performance.now();
  #running = false;

  constructor(stream: NodeJS.WriteStream) {
    this.#bar = new cliProgress.SingleBar(
      {
        stream,
        format: 'importing {bar} {percent} | {rows} rows | {rate} rows/s | {rejected} rejected | ETA {etaText}',
        hideCursor: true,
        etaBuffer: 50,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
  }

  update(progress: ImportProgress): void {
    const { rate, fraction, eta } = rateAndEta(progress, (performance.now() - this.#started) / 1000);
    const payload = {
      rows: fmt(progress.rows),
      rate: fmt(rate),
      rejected: fmt(progress.rejected),
      percent: fraction === null ? '' : `${Math.floor(fraction * 100)}%`,
      etaText: formatDuration(eta),
    };
    const total = progress.totalBytes ?? 0;
    if (!this.#running) {
      this.#bar.start(total, progress.bytesRead, payload);
      this.#running = true;
    } else this.#bar.update(progress.bytesRead, payload);
  }

  stop(): void {
    if (this.#running) this.#bar.stop();
  }
}

class LineReporter implements ProgressReporter {
  readonly #started = performance.now();
  #last = performance.now();

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly intervalMs: number,
  ) {}

  update(progress: ImportProgress): void {
    const now = performance.now();
    if (now - this.#last < this.intervalMs) return;
    this.#last = now;
    const { rate, fraction, eta } = rateAndEta(progress, (now - this.#started) / 1000);
    const where = fraction === null ? '' : `, ${Math.floor(fraction * 100)}% of the input, ETA ${formatDuration(eta)}`;
    this.stream.write(`import: ${fmt(progress.rows)} rows read, ${fmt(progress.rejected)} rejected (${fmt(rate)} rows/s${where})\n`);
  }

  stop(): void {}
}
