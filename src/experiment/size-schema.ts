/**
 * The experiment size calculator's contract: zod only, so the dashboard checks its form
 * with it too (the computation in size.ts needs node:module through the distributions).
 */
import { z } from 'zod';

export const ExperimentSizeQuery = z
  .object({
    /** Expected rate of the baseline arm, e.g. 0.1 for 10 %. */
    baselineRate: z.coerce.number().gt(0).lt(1),
    /** Absolute lift to detect (0.02 = two percentage points): gives the trials per arm. */
    lift: z.coerce.number().gt(0).lt(1).optional(),
    /** Trials per arm the team can get: gives the smallest detectable lift. */
    trials: z.coerce.number().int().positive().optional(),
    /** Trials each arm gets a day: turns trials into days. */
    trialsPerDay: z.coerce.number().gt(0).optional(),
    alpha: z.coerce.number().gt(0).max(0.2).default(0.05),
    power: z.coerce.number().gt(0.5).lt(1).default(0.8),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.lift === undefined && q.trials === undefined)
      ctx.addIssue({ code: 'custom', path: ['lift'], message: 'give the lift to detect (for the sample size) or the trials per arm (for the detectable lift)' });
    if (q.lift !== undefined && q.baselineRate + q.lift >= 1)
      ctx.addIssue({ code: 'custom', path: ['lift'], message: 'the baseline rate plus the lift must stay below 1 (100 %)' });
  });
export type ExperimentSizeInput = z.input<typeof ExperimentSizeQuery>;

export const ExperimentSizeAnswer = z.object({
  baselineRate: z.number(),
  alpha: z.number(),
  power: z.number(),
  lift: z.number().nullable(),
  trials: z.number().nullable(),
  trialsPerDay: z.number().nullable(),
  /** Trials per arm to detect `lift`; null when no lift was asked about. */
  sampleSizePerArm: z.number().int().nullable(),
  /** Days each arm runs to reach `sampleSizePerArm` at `trialsPerDay`. */
  daysNeeded: z.number().int().nullable(),
  /** Smallest absolute lift `trials` per arm detect; null when no trials were given. */
  detectableLift: z.number().nullable(),
});
export type ExperimentSize = z.infer<typeof ExperimentSizeAnswer>;
