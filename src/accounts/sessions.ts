/**
 * Browser sessions. The cookie carries a random id; the store keeps only its SHA-256,
 * with a CSRF token the page must echo on every state-changing request.
 */
import type { Store } from '../store/store.ts';
import { randomSecret, sha256 } from './secrets.ts';

export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000;

export interface Session {
  userId: number;
  csrfToken: string;
  expiresAt: Date;
}

export interface NewSession extends Session {
  /** The cookie value: only the caller sees it, the store keeps its hash. */
  id: string;
}

export async function createSession(store: Store, userId: number, now = Date.now()): Promise<NewSession> {
  const id = randomSecret();
  const csrfToken = randomSecret();
  const expiresAt = now + SESSION_TTL_MS;
  await store.db
    .insertInto('sessions')
    .values({ id_hash: sha256(id), user_id: userId, csrf_token: csrfToken, created_at: now, expires_at: expiresAt })
    .execute();
  // Expired rows are swept on the way: sessions are few and this keeps the table small.
  await store.db.deleteFrom('sessions').where('expires_at', '<', now).execute();
  return { id, userId, csrfToken, expiresAt: new Date(expiresAt) };
}

/** The live session for a cookie value, or null when unknown or expired. */
export async function findSession(store: Store, id: string, now = Date.now()): Promise<Session | null> {
  const row = await store.db
    .selectFrom('sessions')
    .select(['user_id', 'csrf_token', 'expires_at'])
    .where('id_hash', '=', sha256(id))
    .executeTakeFirst();
  if (!row || row.expires_at <= now) return null;
  return { userId: row.user_id, csrfToken: row.csrf_token, expiresAt: new Date(row.expires_at) };
}

export async function deleteSession(store: Store, id: string): Promise<void> {
  await store.db.deleteFrom('sessions').where('id_hash', '=', sha256(id)).execute();
}
