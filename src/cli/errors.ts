/**
 * Exit codes and the user's-error class, apart from context.ts so that `murmur --version`
 * and `--help` need not load the store to know them.
 */
import { MurmurError } from '../core/errors.ts';

/** Exit codes: 0 all good, 1 fatal error, 2 partial success (some input rejected). */
export const EXIT = { ok: 0, fatal: 1, partial: 2 } as const;

/** An error the user caused (bad flag, missing file): printed without a stack trace. */
export class UsageError extends MurmurError {
  override name = 'UsageError';
  constructor(message: string) {
    super('usage', 400, message);
  }
}
