/**
 * `murmur demo`: a fresh store, the sample stream loaded through the real ingest
 * pipeline (language and sentiment from the bundled model, topic matching), then one
 * readable section per part of Murmur. Parts add their sections to `demoSteps`.
 */
import { dirname, join } from 'node:path';
import { loadPipeline } from '../listen/load-pipeline.ts';
import { ingestBatch } from '../listen/pipeline.ts';
import { createTopic } from '../listen/topics.ts';
import { countMentions, chunks } from '../store/mentions.ts';
import { deleteStoreFiles, driverFor, openStore, storeFileOf, type Store } from '../store/store.ts';
import { markLoadFinished, markLoadStarted, unfinishedLoads } from '../store/unfinished-loads.ts';
import { workspaceId } from '../store/workspaces.ts';
import { accountsDemoStep } from '../accounts/demo-step.ts';
import { digestDemoStep } from '../reports/digests/demo-setup.ts';
import { demoExperimentStep } from '../experiment/demo-setup.ts';
import { watchDemoStep } from '../watch/demo-step.ts';
import { writeDemoReports } from '../reports/demo-reports.ts';
import { demoPlanStep } from '../plan/demo-setup.ts';
import { demoRoiStep } from '../roi/demo-setup.ts';
import type { DemoContext, DemoSection, DemoStep } from './demo-step.ts';
import { generateSampleStream } from './sample-stream.ts';
import { summarizeStore } from './summary.ts';

export const DEFAULT_DEMO_LOCATION = './murmur-demo.db';

export type { DemoContext, DemoSection, DemoStep } from './demo-step.ts';

export interface DemoOptions {
  location?: string;
  /** Volume multiplier for the sample stream (1 = the full 90 days, ~140k mentions). */
  scale?: number;
  /** Clear a PostgreSQL store's default workspace instead of refusing to touch it. */
  force?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Where the checklist reports go; default: murmur-demo-reports/ beside a SQLite store, else in the working folder. */
  reportsDir?: string;
}

export class DemoError extends Error {
  override name = 'DemoError';
}

/** Opens an empty store: a SQLite file is recreated; a PostgreSQL store must be empty (or --force). */
async function openFreshStore(location: string, force: boolean): Promise<Store> {
  const driver = driverFor(location);
  deleteStoreFiles(location);
  const store = await openStore(location);
  const ws = await workspaceId(store);
  if ((await countMentions(store, ws)) > 0) {
    // A demo that did not finish is ours to clear: re-running it is how it is repaired.
    const halfBuilt = (await unfinishedLoads(store, ws)).some((l) => l.kind === 'demo');
    if (!force && !halfBuilt) {
      await store.close();
      throw new DemoError(`${driver.location} already holds mentions; the demo needs an empty store (or --force to clear the default workspace)`);
    }
    await clearWorkspaceData(store, ws);
  }
  return store;
}

/** What --force keeps: who may sign in, and the connectors someone configured. */
const KEPT_ON_FORCE = new Set(['workspace_members', 'api_tokens', 'sources']);

/**
 * Empties every table of the workspace the demo fills (mentions, topics, plans,
 * campaigns, conversions, experiments, rollups…), found by their workspace_id column so
 * a part's new table is not forgotten. Tables that others reference are emptied once
 * those are; a round that deletes nothing more ends it.
 */
async function clearWorkspaceData(store: Store, ws: number): Promise<void> {
  const tables = await store.db.introspection.getTables();
  let pending = tables
    .filter((t) => !KEPT_ON_FORCE.has(t.name) && t.columns.some((c) => c.name === 'workspace_id'))
    .map((t) => t.name);
  while (pending.length > 0) {
    const blocked: string[] = [];
    let lastError: unknown;
    for (const table of pending) {
      try {
        await store.db.deleteFrom(table as 'mentions').where('workspace_id', '=', ws).execute();
      } catch (error) {
        blocked.push(table);
        lastError = error;
      }
    }
    if (blocked.length === pending.length) throw new DemoError(`cannot clear ${blocked.join(', ')}: ${(lastError as Error).message}`);
    pending = blocked;
  }
}

const summaryStep: DemoStep = async ({ store, workspaceId }) => {
  const summary = await summarizeStore(store, workspaceId);
  const table = (rows: { key: string; count: number }[], limit = 12) =>
    rows.slice(0, limit).map((r) => `    ${r.key.padEnd(14)} ${String(r.count).padStart(8)}`);
  return {
    title: `Mentions: ${summary.total.toLocaleString('en')}`,
    lines: [
      '  per topic:',
      ...table(summary.byTopic),
      '  per language:',
      ...table(summary.byLanguage),
      '  per source:',
      ...table(summary.bySource),
      '  per sentiment:',
      ...table(summary.bySentiment),
      '  per week (Monday):',
      ...table(summary.byWeek, 20),
    ],
    data: summary,
  };
};

/** Sections shown after loading, in order. Each part of Murmur appends its own. */
// ROI first: it imports the CRM export that the plan's revenue and lead KPIs are measured on.
export function demoSteps(reportsDir: string): DemoStep[] {
  return [summaryStep, watchDemoStep({ writeReports: (request) => writeDemoReports(reportsDir, request) }), demoRoiStep, demoPlanStep, demoExperimentStep];
}

/** The reports folder beside the store the demo was given, so that two demos never mix their files. */
export function defaultReportsDir(location: string): string {
  return join(storeFileOf(location) === null ? '.' : dirname(location), 'murmur-demo-reports');
}

/** The days the sample stream covers (UTC) and its crisis day: where the watch commands and reports have something to show. */
export interface DemoPeriod {
  first: string;
  last: string;
  crisisDay: string;
}

export interface DemoResult {
  location: string;
  period: DemoPeriod;
  sections: DemoSection[];
}

export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const location = options.location ?? DEFAULT_DEMO_LOCATION;
  const store = await openFreshStore(location, options.force ?? false);
  try {
    const ws = await workspaceId(store);
    // Cleared only once every step has run: a demo killed half-way leaves the store marked.
    await markLoadStarted(store, ws, 'demo', 'murmur demo');
    const stream = generateSampleStream({ scale: options.scale ?? 1, withLabels: false });
    const topicIds = new Map<string, number>();
    for (const topic of stream.topics) {
      const created = await createTopic(store, ws, { name: topic.name, query: topic.query, role: topic.role }, { backfill: false });
      topicIds.set(topic.name, created.topic.id);
    }
    const pipeline = await loadPipeline(store, ws);
    let done = 0;
    for (const batch of chunks(stream.mentions, 2000)) {
      await ingestBatch(store, ws, batch, pipeline);
      done += batch.length;
      options.onProgress?.(done, stream.mentions.length);
    }
    const context: DemoContext = { store, workspaceId: ws, stream, topicIds };
    const shownLocation = driverFor(location).location;
    const sections: DemoSection[] = [];
    // Last: how to open the dashboard on this store, with a demo account to sign in with.
    const steps = demoSteps(options.reportsDir ?? defaultReportsDir(location));
    for (const step of steps) sections.push(await step(context));
    // The digest goes to the demo account; the dashboard's sign-in stays the last section.
    const dashboard = await accountsDemoStep({ location: shownLocation })(context);
    sections.push(await digestDemoStep()(context), dashboard);
    await markLoadFinished(store, ws, 'demo');
    const { start, days, crisis } = stream.groundTruth;
    const last = new Date(Date.parse(`${start}T00:00:00Z`) + (days - 1) * 86_400_000).toISOString().slice(0, 10);
    return { location: shownLocation, period: { first: start, last, crisisDay: crisis.date }, sections };
  } finally {
    await store.close();
  }
}
