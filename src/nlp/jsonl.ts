/**
 * `murmur nlp`: JSON lines in, the same objects out with `lang`,
 * `lang_confidence` (and `lang_script` where it matters), `sentiment` and
 * `sentiment_scores` added. Streaming: memory stays flat on any input size.
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { NlpModels } from './models.ts';

export interface JsonLinesResult {
  lines: number;
  written: number;
  /** Lines that were not a JSON object with a string `text`, with why. */
  rejected: { line: number; reason: string }[];
}

export async function enrichJsonLines(
  input: Readable,
  output: Writable,
  nlp: NlpModels,
  options: { field?: string; onRejected?: (line: number, reason: string) => void } = {},
): Promise<JsonLinesResult> {
  const field = options.field ?? 'text';
  const result: JsonLinesResult = { lines: 0, written: 0, rejected: [] };
  const reject = (line: number, reason: string) => {
    result.rejected.push({ line, reason });
    options.onRejected?.(line, reason);
  };
  let pending: string[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const chunk = pending.join('');
    pending = [];
    if (!output.write(chunk)) await once(output, 'drain');
  };
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    result.lines++;
    if (!line.trim()) continue;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (error) {
      reject(result.lines, `not JSON (${(error as Error).message})`);
      continue;
    }
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      reject(result.lines, 'not a JSON object');
      continue;
    }
    const record = row as Record<string, unknown>;
    const text = record[field];
    if (typeof text !== 'string') {
      reject(result.lines, `no string "${field}" field`);
      continue;
    }
    const language = nlp.detector.detect(text);
    const sentiment = nlp.analyzer.analyze(text, language.lang);
    record.lang = language.lang;
    record.lang_confidence = language.confidence;
    if (language.script) record.lang_script = language.script;
    record.sentiment = sentiment.label;
    record.sentiment_scores = sentiment.probabilities;
    pending.push(`${JSON.stringify(record)}\n`);
    result.written++;
    if (pending.length >= 256) await flush();
  }
  await flush();
  return result;
}
