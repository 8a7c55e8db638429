import { userInfo } from 'node:os';

/** Who a change made from the CLI is recorded under: --as, $MURMUR_USER, then the login name. */
export function author(flags: { as?: string }): string {
  if (flags.as) return flags.as;
  if (process.env.MURMUR_USER) return process.env.MURMUR_USER;
  try {
    return userInfo().username || 'cli';
  } catch {
    return 'cli';
  }
}
