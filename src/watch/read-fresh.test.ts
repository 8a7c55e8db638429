import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { expect, it } from 'vitest';
import { buildReport } from '../reports/build.ts';
import type { Store } from '../store/store.ts';
import { describeEachStore } from '../store/testing.ts';
import { evaluateAlerts } from './alerts/evaluate.ts';
import { addAlertRule } from './alerts/rules.ts';
import { loadSampleStream } from './testing.ts';
import { localDateKey } from './time.ts';

/** Counts the reads of the rollup's state: one per freshness check. */
class FreshnessChecks implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (args.node.kind === 'SelectQueryNode' && JSON.stringify(args.node.from).includes('"watch_rollup_state"')) this.count++;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

function counted(store: Store): { store: Store; checks: FreshnessChecks } {
  const checks = new FreshnessChecks();
  return { store: { ...store, db: store.db.withPlugin(checks) }, checks };
}

describeEachStore('rollup freshness', (open) => {
  it('is checked once per report and once per alert evaluation, not once per loader', async () => {
    const base = await open();
    const { stream, workspaceId: ws, topicIds } = await loadSampleStream(base, { scale: 0.05 });
    const last = stream.mentions.reduce((max, m) => Math.max(max, m.publishedAt.getTime()), 0);
    const { store, checks } = counted(base);

    await buildReport(store, ws, { kind: 'daily', date: localDateKey(last, 'UTC'), now: new Date(last + 86_400_000) });
    expect(checks.count).toBe(1);

    const topicId = [...topicIds.values()][0]!;
    for (const kind of ['negative-spike', 'volume-drop'] as const) {
      await addAlertRule(base, ws, { name: kind, kind, topicId, channels: [{ type: 'webhook', url: 'http://127.0.0.1:9/unused' }] });
    }
    checks.count = 0;
    await evaluateAlerts(store, ws, new Date(last));
    expect(checks.count).toBe(1);
  });
});
