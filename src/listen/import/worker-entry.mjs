// Worker threads start without the TypeScript loader that tsx registered in their parent
// (Node 20 does not pass module hooks on to workers): register it, then load the module.
// Only runs from the sources; the bundled build starts its worker directly.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
