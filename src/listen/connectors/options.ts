/** Options every polling connector shares, with the same defaults. */
import { z } from 'zod';

export const pollingOptions = {
  /** How far back the very first poll reaches. */
  lookbackHours: z.number().positive().max(24 * 365).default(24).meta({ flag: 'lookback', description: 'how far back the first poll reads, in hours' }),
  /** Pages per poll at most; a longer backlog continues at the next poll. */
  maxPages: z.number().int().positive().max(1000).default(10).describe('pages per poll at most; a longer backlog continues next poll'),
};

/** An http(s) base URL without a trailing slash. */
export const baseUrl = z
  .string()
  .transform((value) => (/^https?:\/\//i.test(value) ? value : `https://${value}`))
  .pipe(z.url({ protocol: /^https?$/ }))
  .transform((value) => value.replace(/\/+$/, ''));
