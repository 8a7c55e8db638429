/**
 * User accounts: creation, lookup and password sign-in.
 */
import type { Selectable } from 'kysely';
import type { Store } from '../store/store.ts';
import type { UsersTable } from './accounts-tables.ts';
import { AccountConflictError, AccountInputError, AccountNotFoundError } from './errors.ts';
import { checkPasswordPolicy, hashPassword, verifyDecoy, verifyPassword } from './passwords.ts';

export interface User {
  id: number;
  email: string;
  name: string | null;
  createdAt: Date;
}

function toUser(row: Pick<Selectable<UsersTable>, 'id' | 'email' | 'name' | 'created_at'>): User {
  return { id: row.id, email: row.email, name: row.name, createdAt: new Date(row.created_at) };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normalizeEmail(email: string): string {
  const normalized = email.trim().toLowerCase();
  if (!EMAIL.test(normalized) || normalized.length > 320) throw new AccountInputError(`"${email}" is not an email address`);
  return normalized;
}

export interface NewUser {
  email: string;
  name?: string | null;
  /** Omit for an account that signs in only through API tokens. */
  password?: string | null;
}

export async function createUser(store: Store, input: NewUser): Promise<User> {
  const email = normalizeEmail(input.email);
  if (input.password != null) checkPasswordPolicy(input.password);
  const existing = await store.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (existing) throw new AccountConflictError(`a user with email ${email} already exists`);
  const now = Date.now();
  const row = await store.db
    .insertInto('users')
    .values({
      email,
      name: input.name ?? null,
      password_hash: input.password != null ? await hashPassword(input.password) : null,
      created_at: now,
      updated_at: now,
    })
    .returning(['id', 'email', 'name', 'created_at'])
    .executeTakeFirstOrThrow();
  return toUser(row);
}

export async function setPassword(store: Store, userId: number, password: string): Promise<void> {
  checkPasswordPolicy(password);
  const result = await store.db
    .updateTable('users')
    .set({ password_hash: await hashPassword(password), updated_at: Date.now() })
    .where('id', '=', userId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new AccountNotFoundError(`no user with id ${userId}`);
  // A new password ends every session opened with the old one.
  await store.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function findUserByEmail(store: Store, email: string): Promise<User | null> {
  const row = await store.db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'created_at'])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  return row ? toUser(row) : null;
}

export async function getUser(store: Store, userId: number): Promise<User> {
  const row = await store.db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'created_at'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!row) throw new AccountNotFoundError(`no user with id ${userId}`);
  return toUser(row);
}

/** The user when email and password match; null otherwise (same timing either way). */
export async function verifyLogin(store: Store, email: string, password: string): Promise<User | null> {
  const row = await store.db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'created_at', 'password_hash'])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  if (!row?.password_hash) return verifyDecoy(password).then(() => null);
  return (await verifyPassword(password, row.password_hash)) ? toUser(row) : null;
}
