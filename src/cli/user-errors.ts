import { UsageError } from './errors.ts';

/** Runs `fn`; an error of one of `kinds` (the user's to fix) becomes a UsageError: printed without a stack, exit 1. */
export async function asUsageErrors<T>(kinds: readonly (abstract new (...args: never[]) => Error)[], fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (kinds.some((kind) => error instanceof kind)) throw new UsageError((error as Error).message);
    throw error;
  }
}
