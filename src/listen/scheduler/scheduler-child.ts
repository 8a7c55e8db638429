/**
 * Test support for the kill test: runs a scheduler in its own process until it is
 * killed (SIGKILL, no chance to clean up).
 *
 *   node --import tsx scheduler-child.ts <store> <secret key hex> <delay ms per request>
 */
import { openStore } from '../../store/store.ts';
import { startScheduler } from './scheduler.ts';

const [location, keyHex, delay] = process.argv.slice(2);
const store = await openStore(location!);
const slowFetch: typeof fetch = async (input, init) => {
  await new Promise((resolve) => setTimeout(resolve, Number(delay)));
  return fetch(input, init);
};
startScheduler(store, {
  key: Buffer.from(keyHex!, 'hex'),
  fetch: slowFetch,
  tickMs: 10,
  publish: false,
  pipelineFor: async () => ({ enricher: null, topics: [] }),
  onPoll: (summary) => process.stdout.write(`${JSON.stringify(summary)}\n`),
});
process.stdout.write('started\n');
