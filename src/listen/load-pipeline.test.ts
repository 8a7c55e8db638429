import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeEachStore } from '../store/testing.ts';
import { workspaceId } from '../store/workspaces.ts';
import { importMentions } from './import/importer.ts';
import { loadPipeline } from './load-pipeline.ts';
import { createTopic } from './topics.ts';

describeEachStore('loadPipeline', (open) => {
  it('links imported mentions to matching topics and enriches them unless told not to', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const { topic } = await createTopic(store, ws, { name: 'Brewly', query: 'brewly OR #brewly' });
    const input = join(mkdtempSync(join(tmpdir(), 'murmur-pipeline-')), 'in.jsonl');
    const rows = [
      { id: '1', text: 'I really love the new Brewly oat latte, it is wonderful', created_at: '2026-03-01', author: 'a' },
      { id: '2', text: 'Le service était vraiment horrible et le café froid', created_at: '2026-03-01', author: 'b' },
    ];
    writeFileSync(input, rows.map((r) => JSON.stringify(r)).join('\n'));

    const plain = await loadPipeline(store, ws, { enrich: false });
    expect(plain.enricher).toBeNull();
    expect(plain.topics.map((t) => t.topicId)).toEqual([topic.id]);
    await importMentions(store, ws, { input, pipeline: plain });
    let stored = await store.db.selectFrom('mentions').select(['external_id', 'lang', 'sentiment']).orderBy('external_id').execute();
    expect(stored.map((m) => m.lang)).toEqual([null, null]);

    await importMentions(store, ws, { input, pipeline: await loadPipeline(store, ws) });
    stored = await store.db.selectFrom('mentions').select(['external_id', 'lang', 'sentiment']).orderBy('external_id').execute();
    // Which language the model picks is the NLP suite's concern; here: that it ran.
    expect(stored.every((m) => m.lang !== null && m.sentiment !== null)).toBe(true);
    const links = await store.db.selectFrom('mention_topics').innerJoin('mentions', 'mentions.id', 'mention_topics.mention_id').select('external_id').execute();
    expect(links.map((l) => l.external_id)).toEqual(['1']);
  });
});
