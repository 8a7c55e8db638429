/**
 * Kysely types of the accounts part: users, workspace members, sessions, API tokens.
 * Secrets are never stored in clear: passwords as scrypt hashes, session ids and API
 * tokens as SHA-256 digests (they are random 256-bit values, so a fast hash is enough).
 */
import type { Generated } from 'kysely';

export interface UsersTable {
  id: Generated<number>;
  /** Lower-cased, trimmed. */
  email: string;
  name: string | null;
  /** `scrypt$N$r$p$salt$hash` (base64url); null for an account that cannot sign in with a password. */
  password_hash: string | null;
  created_at: number;
  updated_at: number;
}

export interface WorkspaceMembersTable {
  workspace_id: number;
  user_id: number;
  /** owner | editor | viewer */
  role: string;
  created_at: number;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the cookie value. */
  id_hash: string;
  user_id: number;
  /** Synchronizer CSRF token for this session, sent back in `X-CSRF-Token`. */
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  workspace_id: number;
  name: string;
  /** The first characters of the token, shown in lists so a user can tell tokens apart. */
  prefix: string;
  /** SHA-256 (hex) of the whole token. */
  token_hash: string;
  /** The most the token may do; the owner's membership role still caps it. */
  role: string;
  created_at: number;
  last_used_at: number | null;
  expires_at: number | null;
  revoked_at: number | null;
}

export interface AccountsTables {
  users: UsersTable;
  workspace_members: WorkspaceMembersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
}
