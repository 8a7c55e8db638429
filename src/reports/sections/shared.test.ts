import { expect, it } from 'vitest';
import { wordsFor } from '../../core/i18n.ts';
import { createTopic } from '../../listen/topics.ts';
import { describeEachStore } from '../../store/testing.ts';
import { workspaceId } from '../../store/workspaces.ts';
import type { ReportContext } from '../context.ts';
import { crisisSection, explainedSpikes } from './shared.ts';

/**
 * Explaining a spike is most of a report's work: the crisis section and the spikes section
 * both show the period's negative daily spikes, explained once per report.
 */
describeEachStore('a report explains each spike scan once', (open) => {
  it('gives the crisis and spikes sections one scan per metric and granularity, per report', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const topic = (await createTopic(store, ws, { name: 'Acme', query: 'acme', role: 'brand' })).topic;
    const c: ReportContext = { store, workspaceId: ws, words: await wordsFor('en'), timeZone: 'UTC', topic, competitors: [], date: '2025-06-08', first: '2025-06-08', last: '2025-06-08', covered: null };
    const negative = explainedSpikes(c, 'negative', 'day');
    await crisisSection(c);
    expect(explainedSpikes(c, 'negative', 'day')).toBe(negative);
    const mentions = explainedSpikes(c, 'mentions', 'day');
    // Another report reads afresh.
    const another = explainedSpikes({ ...c }, 'negative', 'day');
    expect(mentions).not.toBe(negative);
    expect(another).not.toBe(negative);
    expect(await Promise.all([negative, mentions, another])).toEqual([[], [], []]);
  });
});
