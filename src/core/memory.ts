/**
 * Long streaming jobs (an import, `murmur nlp`) keep a small live heap, ~40 MB, but
 * allocate fast. V8 then lets the old generation grow to about four times the live
 * size between full collections, because collecting is cheap, and that slack is most
 * of the process's peak RSS. Growing by half the live size instead measured 346 →
 * 244 MB peak RSS on a 200k-row enriching import with the same CPU time
 * (`npm run bench:ingest` shows the 1M-row figures).
 *
 * A V8 flag set after start-up: V8 reads this one each time it sets the next heap
 * limit, which is why it can be changed here (checked by memory.test.ts).
 */
import v8 from 'node:v8';

export const HEAP_GROWING_PERCENT = 50;

export function keepHeapCompact(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
