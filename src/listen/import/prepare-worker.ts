/**
 * A worker thread of the prepare pool. Two kinds of jobs: rows to parse and map into
 * mentions with their derived columns (prepare.ts), or mentions parsed on the writing
 * thread to enrich (language, sentiment). Loads the NLP models on the first of those.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { MentionInput } from '../../core/mention.ts';
import { createEnricher } from '../../nlp/enricher.ts';
import { derivedColumns, type MentionWithDerived } from '../../store/mentions.ts';
import type { ParsedRow } from '../../core/files/parsed-row.ts';
import type { EnrichJob, PrepareJob, PrepareReply, PrepareWorkerData } from './prepare-pool.ts';
import { prepareRows } from './prepare.ts';
import { createRowMapper } from './row-mapper.ts';

const data = (workerData as { options: PrepareWorkerData }).options;
const toMention = createRowMapper(data);
const enricher = data.enrich ? createEnricher(undefined, data.sentimentAdapter ?? null) : null;
const port = parentPort!;

port.on('message', (job: PrepareJob | EnrichJob) => {
  let reply: PrepareReply;
  try {
    if ('enrichOnly' in job) {
      if (!enricher) throw new Error('this import worker was started without enrichment');
      enricher.enrich(job.enrichOnly as MentionInput[]);
      port.postMessage({ id: job.id, result: job.enrichOnly } satisfies PrepareReply);
      return;
    }
    const result = prepareRows(job.rows as ParsedRow[], toMention, null);
    // The writing thread is the bottleneck of a non-enriching import: this one has time.
    for (const mention of result.mentions as MentionWithDerived[]) mention.derived = derivedColumns(mention);
    reply = { id: job.id, result };
  } catch (error) {
    reply = { id: job.id, error: (error as Error).stack ?? String(error) };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true });
