import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliHarness } from '../cli-testing.ts';
import { nextSteps } from './demo.ts';

const reportsOf = (json: string) =>
  (JSON.parse(json) as { sections: { data: { reports?: string[] } }[] }).sections.flatMap((section) => section.data?.reports ?? []);

const cli = cliHarness('demo');

describe('murmur demo', () => {
  it('says which days the sample covers, so watch commands are pointed inside it', async () => {
    expect(await cli.murmur('demo', '--scale', '0.02', '--json')).toBe(0);
    const { period } = JSON.parse(cli.out) as { period: { first: string; last: string; crisisDay: string } };
    expect(period).toEqual({ first: '2026-08-03', last: '2026-10-31', crisisDay: expect.stringMatching(/^2026-\d\d-\d\d$/) });
    expect(period.crisisDay >= period.first && period.crisisDay <= period.last).toBe(true);
    // The reports go beside the store it was given, not into the working folder.
    expect(reportsOf(cli.out).length).toBe(4);
    for (const file of reportsOf(cli.out)) expect(dirname(file)).toBe(join(cli.dir, 'murmur-demo-reports'));

    expect(await cli.murmur('demo', '--scale', '0.02')).toBe(0);
    expect(cli.out).toContain('The sample stream covers 2026-08-03 → 2026-10-31 (UTC)');
    expect(cli.out).toMatch(/murmur --db \S+ spikes --to 2026-10-31\n/);
    expect(cli.out).toContain(`report daily --date ${period.crisisDay}`);
  });

  it('writes the reports where --out says', async () => {
    const out = join(cli.dir, 'elsewhere');
    expect(await cli.murmur('demo', '--scale', '0.02', '--out', out, '--json')).toBe(0);
    expect(reportsOf(cli.out).map((file) => dirname(file))).toEqual([out, out, out, out]);
    for (const file of reportsOf(cli.out)) expect(existsSync(file)).toBe(true);
  });

  it('tells the reader of a masked PostgreSQL URL to put the password back', () => {
    const lines = nextSteps('postgres://murmur:***@127.0.0.1:5433/demo', { first: '2026-08-03', last: '2026-10-31', crisisDay: '2026-10-03' });
    expect(lines[0]).toContain('put your password in place of ***');
    expect(nextSteps('/tmp/my demo.db', { first: 'a', last: 'b', crisisDay: 'c' }).at(-1)).toBe('  murmur --db "/tmp/my demo.db" report daily --date c');
  });
});
