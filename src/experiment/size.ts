/**
 * The experiment size calculator (`murmur experiment size`, GET …/experiments/size, the
 * Experiments page): one contract (size-schema.ts) and one computation, so the three give
 * the same answer.
 */
import type { z } from 'zod';
import { ValidationError } from '../core/validation.ts';
import { minimumDetectableEffect, sampleSizePerArm } from './rates.ts';
import type { ExperimentSize, ExperimentSizeQuery } from './size-schema.ts';

export { ExperimentSizeAnswer, ExperimentSizeQuery, type ExperimentSize, type ExperimentSizeInput } from './size-schema.ts';

export function experimentSize(q: z.output<typeof ExperimentSizeQuery>): ExperimentSize {
  const sampleSize = q.lift === undefined ? null : sampleSizePerArm(q.baselineRate, q.baselineRate + q.lift, q.alpha, q.power);
  const detectableLift = q.trials === undefined ? null : minimumDetectableEffect(q.baselineRate, q.trials, q.alpha, q.power);
  // NaN means even the largest possible lift needs more trials than that: say so, not "NaN".
  if (detectableLift !== null && Number.isNaN(detectableLift))
    throw new ValidationError(`trials: ${q.trials} trials per arm cannot detect any lift over a ${q.baselineRate} baseline; give more trials`, [
      `trials: too few to detect any lift over this baseline`,
    ]);
  const perDay = q.trialsPerDay ?? null;
  return {
    baselineRate: q.baselineRate,
    alpha: q.alpha,
    power: q.power,
    lift: q.lift ?? null,
    trials: q.trials ?? null,
    trialsPerDay: perDay,
    sampleSizePerArm: sampleSize,
    daysNeeded: sampleSize !== null && perDay !== null ? Math.ceil(sampleSize / perDay) : null,
    detectableLift,
  };
}
