/**
 * A worker thread of the prepare pool: receives rows, returns prepared mentions and
 * rejects (prepare.ts). Loads the NLP models once when asked to enrich.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createEnricher } from '../../nlp/enricher.ts';
import { derivedColumns, type MentionWithDerived } from '../../store/mentions.ts';
import type { ParsedRow } from './parsed-row.ts';
import type { PrepareJob, PrepareReply, PrepareWorkerData } from './prepare-pool.ts';
import { prepareRows } from './prepare.ts';
import { createRowMapper } from './row-mapper.ts';

const data = (workerData as { options: PrepareWorkerData }).options;
const toMention = createRowMapper(data);
const enricher = data.enrich ? createEnricher() : null;
const port = parentPort!;

port.on('message', (job: PrepareJob) => {
  let reply: PrepareReply;
  try {
    const result = prepareRows(job.rows as ParsedRow[], toMention, job.enrich ? enricher : null);
    // Without enrichment the writing thread is the one with no time to spare; with it, this one.
    if (!job.enrich) for (const mention of result.mentions as MentionWithDerived[]) mention.derived = derivedColumns(mention);
    reply = { id: job.id, result };
  } catch (error) {
    reply = { id: job.id, error: (error as Error).stack ?? String(error) };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true });
