// Worker threads start without the TypeScript loader that bin/murmur.js registered
// (Node 20 does not pass module hooks on to workers): register it, then load the module.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
