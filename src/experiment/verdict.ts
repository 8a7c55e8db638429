/** The verdict at the end of an experiment, stored with the analysis it was based on. */
import type { Store } from '../store/store.ts';
import { analyzeExperiment, type ExperimentAnalysis } from './analysis.ts';
import type { VerdictInput } from './experiment-schema.ts';
import { getExperiment, recordVerdict, type Experiment } from './experiments.ts';

export async function decideExperiment(
  store: Store,
  workspaceId: number,
  ref: number | string,
  input: VerdictInput,
  now = Date.now(),
): Promise<{ experiment: Experiment; analysis: ExperimentAnalysis }> {
  const experiment = await getExperiment(store, workspaceId, ref);
  const analysis = await analyzeExperiment(store, workspaceId, experiment.id, now);
  return { experiment: await recordVerdict(store, workspaceId, experiment.id, input, analysis, now), analysis };
}
