import { expect, it } from 'vitest';
import { startMailSink, subjectOf } from '../core/mail-testing.ts';
import { listDigests } from '../reports/digests/digests.ts';
import { runDueDigests } from '../reports/digests/run.ts';
import { openStore } from '../store/store.ts';
import { workspaceId } from '../store/workspaces.ts';
import { describeEachStore } from '../store/testing.ts';
import { DemoError, runDemo } from './demo.ts';

const totalOf = (result: Awaited<ReturnType<typeof runDemo>>) => (result.sections[0]!.data as { total: number }).total;

describeEachStore('murmur demo', (_open, freshLocation) => {
  it('loads the sample stream through the pipeline: topics matched, language and sentiment enriched', async () => {
    const location = await freshLocation();
    const { sections } = await runDemo({ location, scale: 0.03 });
    const summary = sections[0]!.data as { total: number; byTopic: { key: string }[]; byLanguage: { key: string }[] };
    expect(summary.total).toBeGreaterThan(3000);
    expect(summary.byTopic.map((t) => t.key).sort()).toEqual(['Beanstack', 'Brewly', 'Kaffio']);
    // Enrichment ran: languages come from detection, not from the generator's labels.
    expect(summary.byLanguage.map((l) => l.key)).toEqual(expect.arrayContaining(['en', 'fr', 'it', 'bg', 'id']));
    const store = await openStore(location);
    const unenriched = await store.db
      .selectFrom('mentions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => eb.or([eb('lang', 'is', null), eb('sentiment', 'is', null)]))
      .executeTakeFirstOrThrow();
    expect(Number(unenriched.n)).toBe(0);

    // The demo's Monday-morning weekly digest reaches the demo account through a local mail sink.
    const sink = await startMailSink();
    try {
      const ws = await workspaceId(store);
      const [digest] = await listDigests(store, ws);
      expect(digest).toMatchObject({ kind: 'weekly', cron: '0 8 * * 1' });
      const outcomes = await runDueDigests(store, digest!.nextRunAt, { smtpUrl: sink.url, pdf: false });
      expect(outcomes.map((o) => o.status)).toEqual(['sent']);
      expect(sink.mails).toHaveLength(1);
      expect(sink.mails[0]).toMatch(/^To: demo@murmur\.local/m);
      expect(subjectOf(sink.mails[0]!)).toMatch(/^Weekly listening report · Brewly/);
    } finally {
      await sink.close();
      await store.close();
    }
  });

  it('recreates a SQLite file, but refuses to clear a PostgreSQL store unless forced', async () => {
    const location = await freshLocation();
    const first = await runDemo({ location, scale: 0.02 });
    if (location.startsWith('postgres')) {
      await expect(runDemo({ location, scale: 0.02 })).rejects.toThrow(DemoError);
      expect(totalOf(await runDemo({ location, scale: 0.02, force: true }))).toBe(totalOf(first));
    } else {
      expect(totalOf(await runDemo({ location, scale: 0.02 }))).toBe(totalOf(first));
    }
  });
});
