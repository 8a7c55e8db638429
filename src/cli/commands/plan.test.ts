import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliHarness } from '../cli-testing.ts';

const cli = cliHarness('plan');
const murmur = cli.murmur;
const dir = cli.dir;

describe('murmur plan / experiment / campaign / conversions / roi', () => {
  it('builds a whole plan from the CLI, reviews it, exports and re-imports it', async () => {
    const steps: string[][] = [
      ['plan', 'init', 'Bakery 2026', '--starts', '2026-01-01', '--as', 'ana'],
      ['plan', 'set-goal', 'awareness', '--why', 'Nobody knows us', '--as', 'ana'],
      ['plan', 'set-differentiator', 'Sourdough twice a day', '--as', 'bo'],
      ['plan', 'team', 'add', 'Ana', '--department', 'Marketing', '--role', 'mastodon:community manager', '--as', 'ana'],
      ['plan', 'persona', 'add', 'Local foodie', '--demographics', '25-40', '--channels', 'mastodon', '--as', 'ana'],
      ['plan', 'channel', 'add', 'mastodon', '--reason', 'foodies are there', '--personas', 'Local foodie', '--as', 'ana'],
      ['plan', 'kpi', 'add', 'mentions', '--name', 'Mentions', '--metric', 'mentions', '--target', '2026-Q1=90', '--as', 'ana'],
      ['plan', 'task', 'add', 'photos', '--title', 'Shoot photos', '--owner', 'Ana', '--due', '2026-01-20', '--as', 'ana'],
      ['plan', 'calendar', 'add', '--channel', 'mastodon', '--title', 'Hello', '--owner', 'Ana', '--at', '2026-01-10T09:00:00Z', '--status', 'approved'],
    ];
    for (const step of steps) expect(await murmur(...step), `${step.join(' ')}: ${cli.err}`).toBe(0);

    expect(await murmur('plan', 'kpi', 'add', 'x', '--name', 'X', '--metric', 'folowers', '--target', '2026-Q1=1')).toBe(1);
    expect(cli.err).toMatch(/kpi\.metric: unknown metric "folowers"/);

    expect(await murmur('plan', 'review', '--month', '2026-01', '--json')).toBe(0);
    const review = JSON.parse(cli.out);
    expect(review.kpis[0]).toMatchObject({ id: 'mentions', expected: 30, actual: 0, status: 'behind' });
    expect(review.tasks[0]).toMatchObject({ owner: 'Ana', late: 1 });
    expect(review.calendar.overdue).toBe(1);
    const calendarCsv = join(cli.dir, 'calendar.csv');
    expect(await murmur('plan', 'calendar', 'list', '--export', calendarCsv)).toBe(0);
    expect(cli.out).toContain(`exported 1 rows to ${calendarCsv} (csv)`);
    expect(readFileSync(calendarCsv, 'utf8')).toMatch(/^\uFEFF.*title.*\r\n.*Hello/s);

    expect(await murmur('plan', 'review', '--month', '2026-01', '--decision', 'Lower the target', '--revise-target', 'mentions:2026-Q1=60', '--as', 'bo')).toBe(0);
    // Version 9 is the calendar item's creation (calendar changes are in the plan's history).
    expect(cli.out).toMatch(/plan now at version 10/);

    expect(await murmur('plan', 'history', '--json')).toBe(0);
    const history = JSON.parse(cli.out) as { version: number; author: string; change: string }[];
    expect(history).toHaveLength(10);
    expect(history[8]!.change).toMatch(/^calendar #\d+ "Hello" \(mastodon\): created as approved$/);
    expect(history[9]).toMatchObject({ author: 'bo', change: 'revised targets of KPI mentions (review 2026-01)' });

    const file = join(dir, 'plan.yaml');
    expect(await murmur('plan', 'export', '--out', file)).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/format: murmur-plan\/1/);
    expect(await murmur('plan', 'import', file, '--as', 'cy')).toBe(0);
    expect(cli.out).toMatch(/updated plan "Bakery 2026" \(version 11\); calendar: 0 added, 1 already there/);
    writeFileSync(file, readFileSync(file, 'utf8').replace('due: 2026-01-20', 'due: tomorrow'));
    expect(await murmur('plan', 'import', file)).toBe(1);
    expect(cli.err).toMatch(/plan\.tasks\[0\]\.due: expected a date as YYYY-MM-DD/);
  });

  it('edits and removes every part of a plan from the CLI, as the dashboard does', async () => {
    const p = ['--plan', 'Shop', '--as', 'ana'];
    const steps: string[][] = [
      ['plan', 'init', 'Shop', '--starts', '2026-01-01', '--as', 'ana'],
      ['plan', 'set-start', '2026-02-01', ...p],
      ['plan', 'team', 'add', 'Ana', '--department', 'Marketing', ...p],
      ['plan', 'team', 'add', 'Bo', '--department', 'Sales', ...p],
      ['plan', 'persona', 'add', 'Foodie', ...p],
      ['plan', 'channel', 'add', 'mastodon', '--reason', 'foodies', '--personas', 'Foodie', ...p],
      ['plan', 'change', JSON.stringify({ op: 'update-persona', persona: 'Foodie', value: { name: 'Local foodie' } }), ...p],
      ['plan', 'kpi', 'add', 'mentions', '--name', 'Mentions', '--metric', 'mentions', '--target', '2026-Q1=90', ...p],
      ['plan', 'task', 'add', 'menu', '--title', 'Menu', '--owner', 'Ana', '--due', '2026-02-10', ...p],
      ['plan', 'task', 'edit', 'menu', '--owner', 'Bo', '--status', 'done', ...p],
      ['plan', 'team', 'remove', 'Ana', ...p],
      ['plan', 'kpi', 'remove', 'mentions', ...p],
    ];
    for (const step of steps) expect(await murmur(...step), `${step.join(' ')}: ${cli.err}`).toBe(0);
    expect(await murmur('plan', 'team', 'remove', 'Bo', ...p)).toBe(1);
    expect(cli.err).toMatch(/tasks\[0\]\.owner: "Bo" is not on the team/);
    expect(await murmur('plan', 'task', 'edit', 'menu', ...p)).toBe(1);
    expect(cli.err).toMatch(/nothing to change/);
    for (const step of [['task', 'remove', 'menu'], ['channel', 'remove', 'mastodon'], ['persona', 'remove', 'Local foodie']]) expect(await murmur('plan', ...step, ...p)).toBe(0);
    expect(await murmur('plan', 'show', '--plan', 'Shop', '--json')).toBe(0);
    expect(JSON.parse(cli.out).document).toMatchObject({ startsOn: '2026-02-01', team: [{ name: 'Bo' }], personas: [], channels: [], kpis: [], tasks: [] });
    expect(await murmur('plan', 'history', '--plan', 'Shop', '--json')).toBe(0);
    expect((JSON.parse(cli.out) as { change: string }[]).map((h) => h.change).slice(6, 10)).toEqual(['edited persona Foodie → Local foodie', 'added KPI mentions', 'added task menu', 'edited task menu']);
  });

  it('creates and analyses an experiment from the CLI, and refuses one without an end date', async () => {
    expect(await murmur('experiment', 'size', '--baseline-rate', '0.1', '--lift', '0.02', '--trials', '3841', '--json')).toBe(0);
    expect(JSON.parse(cli.out)).toMatchObject({ sampleSizePerArm: 3841 });
    expect(JSON.parse(cli.out).detectableLift).toBeCloseTo(0.02, 4);
    const base = ['experiment', 'create', 'CTA', '--hypothesis', 'A question raises clicks', '--tactic', 'Question CTA', '--rides-on', 'newsletter', '--start', '2026-03-02', '--metric', 'rate:clicks/opens'];
    expect(await murmur(...base)).toBe(1);
    expect(cli.err).toMatch(/end: an experiment is time-boxed/);
    expect(await murmur(...base, '--end', '2026-03-16', '--baseline-rate', '0.1', '--lift', '0.02', '--trials-per-day', '100', '--json')).toBe(0);
    expect(JSON.parse(cli.out).planning).toMatchObject({ sampleSizePerArm: 3841 });
    expect(await murmur('experiment', 'observe', 'CTA', '--arm', 'baseline', '--successes', '50', '--trials', '1000', '--on', '2026-03-03')).toBe(0);
    expect(await murmur('experiment', 'observe', 'CTA', '--arm', 'variant', '--successes', '70', '--trials', '1000', '--on', '2026-03-03')).toBe(0);
    expect(await murmur('experiment', 'analyze', 'CTA', '--at', '2026-03-09', '--json')).toBe(0);
    const analysis = JSON.parse(cli.out);
    expect(analysis.decision).toBe('not enough data yet');
    expect(analysis.rate.test.z).toBeCloseTo(1.8831, 3);
    expect(await murmur('experiment', 'verdict', 'CTA', 'iterate', '--why', 'promising, too early', '--competitors-may-copy', 'trivially', '--at', '2026-03-16')).toBe(0);
    expect(await murmur('experiment', 'show', 'CTA', '--json')).toBe(0);
    expect(JSON.parse(cli.out)).toMatchObject({ verdict: 'iterate', competitorsMayCopy: 'trivially', startAt: '2026-03-02T00:00:00.000Z', endAt: '2026-03-16T00:00:00.000Z', verdictAt: '2026-03-16T00:00:00.000Z' });
    expect(await murmur('experiment', 'analyze', 'CTA', '--at', '2026-03-09', '--json')).toBe(0);
    expect(JSON.parse(cli.out).analysedAt).toBe('2026-03-09T00:00:00.000Z');
  });

  it('adds campaigns and links, imports a CRM export with rejects, and reports ROI', async () => {
    expect(await murmur('campaign', 'add', 'Spring Sale', '--channel', 'mastodon', '--start', '2026-03-01', '--cost', '400', '--hours', '10')).toBe(0);
    expect(await murmur('campaign', 'link', 'Spring Sale', '--url', 'https://shop.example/', '--source', 'Mastodon', '--medium', 'Social', '--json')).toBe(0);
    expect(JSON.parse(cli.out).destination).toBe('https://shop.example/?utm_source=mastodon&utm_medium=social&utm_campaign=spring-sale');
    const csv = new URL('../../roi/testdata/crm-broken.csv', import.meta.url).pathname;
    // The preview reads every row and stores none: the import after it still finds 3 new.
    expect(await murmur('conversions', 'import', csv, '--dry-run', '--no-progress')).toBe(2);
    expect(cli.out).toMatch(/^preview, nothing stored; columns: Event ID → eventId, Type → stage, Date → occurredAt, Contact ID → contactId, Amount → revenue/);
    expect(cli.out).toMatch(/6 rows: 3 new, 0 already imported, 3 rejected/);
    expect(await murmur('conversions', 'import', csv, '--no-progress')).toBe(2);
    expect(cli.out).toMatch(/6 rows: 3 new, 0 already imported, 3 rejected/);
    expect(cli.out).toMatch(/line 5: stage: unknown stage "Refund"/);
    expect(await murmur('roi', '--json')).toBe(0);
    expect(JSON.parse(cli.out).rows[0]).toMatchObject({ key: 'spring-sale', revenue: 1200, roi: 2 });
    // --to is inclusive, as everywhere: the sale of 2026-03-05 16:30 counts with --to 2026-03-05.
    expect(await murmur('roi', '--to', '2026-03-05', '--json')).toBe(0);
    expect(JSON.parse(cli.out).rows[0]).toMatchObject({ revenue: 1200 });
    expect(await murmur('roi', '--to', '2026-03-04', '--json')).toBe(0);
    expect(JSON.parse(cli.out).total.revenue).toBe(0);
    expect(await murmur('campaign', 'edit', 'spring-sale', '--cost', '600', '--end', '2026-03-31', '--json')).toBe(0);
    expect(JSON.parse(cli.out)).toMatchObject({ name: 'Spring Sale', utmCampaign: 'spring-sale', costMoney: 600, endAt: Date.parse('2026-03-31') });
    expect(await murmur('roi', '--json')).toBe(0);
    expect(JSON.parse(cli.out).rows[0]).toMatchObject({ key: 'spring-sale', revenue: 1200, roi: 1 });
    expect(await murmur('campaign', 'edit', 'Spring Sale', '--start', '2026-04-01')).toBe(1);
    expect(cli.err).toMatch(/end: ends before it starts/);
    expect(await murmur('roi', '--by', 'week')).toBe(1);
    expect(cli.err).toMatch(/--by must be campaign or channel/);
  });
});
