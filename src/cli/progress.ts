/**
 * Progress for long CLI jobs: a cli-progress bar (count, rate, ETA) when stderr is a
 * terminal, and a plain log line every few seconds otherwise (CI, pipes, cron), so
 * automation gets readable logs instead of carriage-return noise.
 */
import cliProgress from 'cli-progress';

export interface ProgressReporter {
  /** `total` may be unknown (0) or change as it becomes known (e.g. bytes read). */
  update(done: number, total?: number): void;
  stop(): void;
}

export function progressReporter(
  label: string,
  unit: string,
  stream: NodeJS.WriteStream = process.stderr,
  plainEveryMs = 5000,
): ProgressReporter {
  const started = Date.now();
  if (stream.isTTY && !process.env.CI) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {rate}/s | ETA {eta_formatted}`,
        stream,
        hideCursor: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    let started_ = false;
    return {
      update(done, total) {
        const rate = Math.round(done / Math.max(0.001, (Date.now() - started) / 1000));
        if (!started_) {
          bar.start(total || done || 1, done, { rate });
          started_ = true;
        }
        if (total) bar.setTotal(total);
        bar.update(done, { rate });
      },
      stop: () => started_ && bar.stop(),
    };
  }
  let lastLine = 0;
  let last = 0;
  return {
    update(done, total) {
      last = done;
      const now = Date.now();
      if (now - lastLine < plainEveryMs) return;
      lastLine = now;
      const rate = Math.round(done / Math.max(0.001, (now - started) / 1000));
      stream.write(`${label}: ${done}${total ? `/${total}` : ''} ${unit} (${rate}/s)\n`);
    },
    stop() {
      const seconds = (Date.now() - started) / 1000;
      if (seconds * 1000 >= plainEveryMs) stream.write(`${label}: ${last} ${unit} in ${seconds.toFixed(1)} s\n`);
    },
  };
}
