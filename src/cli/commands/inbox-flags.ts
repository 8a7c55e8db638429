/** Flags the inbox commands share (inbox.ts, inbox-tags.ts): members by e-mail, mention ids, inbox errors as usage errors. */
import { findUserByEmail } from '../../accounts/users.ts';
import { checkMember, InboxError } from '../../inbox/triage.ts';
import type { Store } from '../../store/store.ts';
import { UsageError } from '../context.ts';

/** A member of the workspace by email (the CLI's --as and --assign). */
export async function memberByEmail(store: Store, workspaceId: number, email: string, flag: string): Promise<number> {
  const user = await findUserByEmail(store, email);
  if (!user) throw new UsageError(`${flag}: no user with email ${email}`);
  await checkMember(store.db, workspaceId, user.id).catch(() => {
    throw new UsageError(`${flag}: ${email} is not a member of this workspace`);
  });
  return user.id;
}

export function parseIds(values: string[]): number[] {
  return values.map((value) => {
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)) || Number(value) < 1) throw new UsageError(`mention ids are whole numbers from 1, got "${value}"`);
    return Number(value);
  });
}

/** The inbox's own errors as usage errors: the message names the problem. */
export async function asUsage<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InboxError) throw new UsageError(error.message);
    throw error;
  }
}
