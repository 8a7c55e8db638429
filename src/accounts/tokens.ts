/**
 * Personal API tokens for integrations. A token is shown once, when created; the store
 * keeps its SHA-256 and a short prefix for display. Each token acts for one user in one
 * workspace, with at most the role it was given and never more than the user's own.
 */
import { log } from '../core/log.ts';
import type { Store } from '../store/store.ts';
import { AccountInputError, AccountNotFoundError } from './errors.ts';
import { roleIn } from './members.ts';
import { isRole, weakerRole, type Role } from './roles.ts';
import { randomSecret, sha256 } from './secrets.ts';

export const TOKEN_PREFIX = 'mur_';
const DISPLAY_PREFIX_LENGTH = TOKEN_PREFIX.length + 6;

export interface ApiToken {
  id: number;
  userId: number;
  workspaceId: number;
  name: string;
  /** The token's first characters, e.g. `mur_Ab12Cd`. */
  prefix: string;
  role: Role;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export interface CreatedToken extends ApiToken {
  /** The secret itself: returned once, never stored. */
  token: string;
}

export interface NewToken {
  userId: number;
  workspaceId: number;
  name: string;
  role: Role;
  expiresAt?: Date | null;
}

export async function createToken(store: Store, input: NewToken): Promise<CreatedToken> {
  const name = input.name.trim();
  if (!name || name.length > 100) throw new AccountInputError('a token needs a name of 1 to 100 characters');
  const memberRole = await roleIn(store, input.workspaceId, input.userId);
  if (!memberRole) throw new AccountNotFoundError(`user ${input.userId} is not a member of workspace ${input.workspaceId}`);
  const token = TOKEN_PREFIX + randomSecret();
  const now = Date.now();
  const row = await store.db
    .insertInto('api_tokens')
    .values({
      user_id: input.userId,
      workspace_id: input.workspaceId,
      name,
      prefix: token.slice(0, DISPLAY_PREFIX_LENGTH),
      token_hash: sha256(token),
      role: weakerRole(input.role, memberRole),
      created_at: now,
      last_used_at: null,
      expires_at: input.expiresAt?.getTime() ?? null,
      revoked_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...toToken(row), token };
}

type TokenRow = {
  id: number;
  user_id: number;
  workspace_id: number;
  name: string;
  prefix: string;
  role: string;
  created_at: number;
  last_used_at: number | null;
  expires_at: number | null;
  revoked_at: number | null;
};

const date = (ms: number | null) => (ms == null ? null : new Date(ms));

function toToken(row: TokenRow): ApiToken {
  if (!isRole(row.role)) throw new Error(`stored token role "${row.role}" is not a role`);
  return {
    id: row.id,
    userId: row.user_id,
    workspaceId: row.workspace_id,
    name: row.name,
    prefix: row.prefix,
    role: row.role,
    createdAt: new Date(row.created_at),
    lastUsedAt: date(row.last_used_at),
    expiresAt: date(row.expires_at),
    revokedAt: date(row.revoked_at),
  };
}

const TOKEN_COLUMNS = [
  'id',
  'user_id',
  'workspace_id',
  'name',
  'prefix',
  'role',
  'created_at',
  'last_used_at',
  'expires_at',
  'revoked_at',
] as const;

/** Tokens of a workspace, newest first; pass `userId` for one user's tokens only. */
export async function listTokens(store: Store, workspaceId: number, userId?: number): Promise<ApiToken[]> {
  let query = store.db.selectFrom('api_tokens').select(TOKEN_COLUMNS).where('workspace_id', '=', workspaceId);
  if (userId !== undefined) query = query.where('user_id', '=', userId);
  const rows = await query.orderBy('id', 'desc').execute();
  return rows.map(toToken);
}

export async function revokeToken(store: Store, workspaceId: number, tokenId: number): Promise<ApiToken> {
  const row = await store.db
    .updateTable('api_tokens')
    .set({ revoked_at: Date.now() })
    .where('id', '=', tokenId)
    .where('workspace_id', '=', workspaceId)
    .where('revoked_at', 'is', null)
    .returning(TOKEN_COLUMNS)
    .executeTakeFirst();
  if (row) return toToken(row);
  const existing = await store.db
    .selectFrom('api_tokens')
    .select(TOKEN_COLUMNS)
    .where('id', '=', tokenId)
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  if (!existing) throw new AccountNotFoundError(`no token with id ${tokenId} in this workspace`);
  return toToken(existing); // already revoked: revoking again is a no-op
}

export interface TokenAuth {
  token: ApiToken;
  /** Slug of the token's workspace, so a request can be checked without another query. */
  workspaceSlug: string;
  /** What the caller may do now: the token's role capped by the user's current membership. */
  role: Role;
}

// last_used_at is written at most once a minute per token, so a busy integration
// does not turn every read into a write.
const LAST_USED_RESOLUTION_MS = 60_000;

/** The live token for a bearer value, with the role it grants now; null if unknown, revoked, expired or orphaned. */
export async function authenticateToken(store: Store, bearer: string, now = Date.now()): Promise<TokenAuth | null> {
  if (!bearer.startsWith(TOKEN_PREFIX)) return null;
  const row = await store.db
    .selectFrom('api_tokens')
    .innerJoin('workspace_members', (join) =>
      join
        .onRef('workspace_members.workspace_id', '=', 'api_tokens.workspace_id')
        .onRef('workspace_members.user_id', '=', 'api_tokens.user_id'),
    )
    .select(TOKEN_COLUMNS.map((c) => `api_tokens.${c}` as const))
    .innerJoin('workspaces', 'workspaces.id', 'api_tokens.workspace_id')
    .select(['workspace_members.role as member_role', 'workspaces.slug as workspace_slug'])
    .where('api_tokens.token_hash', '=', sha256(bearer))
    .executeTakeFirst();
  if (!row || row.revoked_at != null || (row.expires_at != null && row.expires_at <= now)) return null;
  if (!isRole(row.member_role)) return null;
  if (row.last_used_at == null || now - row.last_used_at > LAST_USED_RESOLUTION_MS) {
    // A stamp, not a record: while another process writes (an import), it is skipped rather than
    // waited for (on SQLite the wait held the whole server, then failed the request), and the
    // next request of the minute tries again.
    await store.driver
      .withoutLockWaits(() => store.db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute())
      .catch((error: unknown) => log.debug({ tokenId: row.id, err: (error as Error).message }, 'token last-used stamp skipped'));
  }
  const token = toToken(row);
  return { token, workspaceSlug: row.workspace_slug, role: weakerRole(token.role, row.member_role) };
}
