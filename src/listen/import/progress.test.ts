import { describe, expect, it } from 'vitest';
import { createProgressReporter } from './progress.ts';

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  const stream = { isTTY, write: (chunk: string) => (written.push(chunk), true) } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe('import progress', () => {
  it('prints plain lines with rows, rejects, rate, share of the input and ETA when not on a terminal', async () => {
    const { stream, written } = fakeStream(false);
    const reporter = createProgressReporter(stream, 0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    reporter.update({ rows: 12_345, imported: 12_000, updated: 0, rejected: 345, bytesRead: 250, totalBytes: 1000 });
    reporter.stop();
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^import: 12,345 rows read, 345 rejected \([\d,]+ rows\/s, 25% of the input, ETA \d+s\)\n$/);
  });

  it('leaves out the share and ETA when the size is unknown (stdin), and throttles lines', () => {
    const { stream, written } = fakeStream(false);
    const reporter = createProgressReporter(stream, 0);
    reporter.update({ rows: 10, imported: 10, updated: 0, rejected: 0, bytesRead: 99, totalBytes: null });
    expect(written[0]).not.toContain('%');
    const slow = fakeStream(false);
    const throttled = createProgressReporter(slow.stream, 60_000);
    for (let i = 0; i < 100; i++) throttled.update({ rows: i, imported: i, updated: 0, rejected: 0, bytesRead: i, totalBytes: 100 });
    expect(slow.written).toHaveLength(0);
  });
});
