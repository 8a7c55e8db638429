/**
 * Watch follows what the mention writer announces (src/store/write-events.ts), in this one
 * place: after every batch of mentions written, changed or re-linked, whatever wrote it
 * (import, connectors, the push API, `murmur enrich`, topic backfill, corrections), the
 * workspace's alert rules run (coalesced per workspace, see alerts/trigger.ts).
 *
 * The rollups need no call: the writer sets `updated_at` on every mention it writes and
 * moves a topic's `updated_at` with its links, and a rollup read first brings itself up to
 * date with both (rollup.ts) — across processes too, which an in-process event cannot see.
 */
import type { Store } from '../store/store.ts';
import type { WriteEvents } from '../store/write-events.ts';
import { AlertTrigger, type Evaluate } from './alerts/trigger.ts';

const following = new WeakMap<WriteEvents, AlertTrigger>();

/**
 * Subscribes Watch to the store's writes (once per store, however often called) and returns
 * the alert trigger, whose `idle()` waits for the evaluations started. `evaluate` replaces
 * the rule evaluation (tests).
 */
export function followMentionWrites(store: Store, evaluate?: Evaluate): AlertTrigger {
  const known = following.get(store.writes);
  if (known) return known;
  const trigger = new AlertTrigger(store, evaluate);
  following.set(store.writes, trigger);
  store.writes.subscribe((event) => {
    for (const workspaceId of event.workspaceIds) trigger.schedule(workspaceId);
    return trigger.idle();
  });
  return trigger;
}
