/** Fixtures for the inbox tests: a workspace with two members and a few mentions. */
import type { MentionInput } from '../core/mention.ts';
import { setMember } from '../accounts/members.ts';
import { createUser } from '../accounts/users.ts';
import { upsertMentions } from '../store/mention-writer.ts';
import type { Store } from '../store/store.ts';
import { workspaceId } from '../store/workspaces.ts';

export function inboxMention(externalId: string, text: string, overrides: Partial<MentionInput> = {}): MentionInput {
  return {
    source: 'import',
    externalId,
    url: null,
    author: { handle: `author-${externalId}`, displayName: null, followers: 10 },
    text,
    publishedAt: new Date('2026-03-01T10:00:00Z'),
    engagement: { likes: 0, shares: 0, replies: 0, views: null },
    ...overrides,
  };
}

export interface InboxFixture {
  ws: number;
  alice: number;
  bob: number;
  /** Not a member of the workspace. */
  stranger: number;
}

export async function inboxFixture(store: Store): Promise<InboxFixture> {
  const ws = await workspaceId(store);
  const alice = (await createUser(store, { email: 'alice@example.com' })).id;
  const bob = (await createUser(store, { email: 'bob@example.com' })).id;
  const stranger = (await createUser(store, { email: 'stranger@example.com' })).id;
  await setMember(store, ws, alice, 'editor');
  await setMember(store, ws, bob, 'viewer');
  return { ws, alice, bob, stranger };
}

export async function storeMentions(store: Store, ws: number, mentions: MentionInput[]): Promise<number[]> {
  return (await upsertMentions(store, ws, mentions)).ids;
}
