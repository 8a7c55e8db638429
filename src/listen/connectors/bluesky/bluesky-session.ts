/**
 * An app-password session on a Bluesky PDS: createSession once, refreshSession when
 * the access token expires (HTTP 400 `ExpiredToken`), createSession again when the
 * refresh token is dead too. Sessions are kept per source for the life of the
 * process so polls do not hit createSession's tight rate limit.
 * https://docs.bsky.app/docs/api/com-atproto-server-create-session
 * https://docs.bsky.app/docs/api/com-atproto-server-refresh-session
 */
import { z } from 'zod';
import { AuthError } from '../connector.ts';
import { expectShape, HttpStatusError, type HttpClient, type RequestOptions } from '../http.ts';

const sessionSchema = z.object({ accessJwt: z.string(), refreshJwt: z.string(), did: z.string(), handle: z.string() });
export type BlueskySession = z.infer<typeof sessionSchema>;

export interface BlueskyLogin {
  service: string;
  identifier: string;
  appPassword: string;
}

const sessions = new Map<string, BlueskySession>();
const sessionKey = (login: BlueskyLogin) => `${login.service}\u0000${login.identifier}`;

/** Drops cached sessions (tests, or after credentials change). */
export function forgetBlueskySessions(): void {
  sessions.clear();
}

function isExpired(error: unknown): boolean {
  return error instanceof HttpStatusError && (error.status === 401 || (error.status === 400 && /ExpiredToken|InvalidToken/.test(error.body)));
}

async function createSession(http: HttpClient, login: BlueskyLogin): Promise<BlueskySession> {
  try {
    const { data } = await http.json(`${login.service}/xrpc/com.atproto.server.createSession`, {
      method: 'POST',
      json: { identifier: login.identifier, password: login.appPassword },
    });
    return expectShape(sessionSchema, data, 'POST com.atproto.server.createSession');
  } catch (error) {
    if (error instanceof HttpStatusError && (error.status === 401 || error.status === 400)) {
      throw new AuthError(`Bluesky refused the app password for ${login.identifier} on ${login.service}: ${error.message}`);
    }
    throw error;
  }
}

async function refreshSession(http: HttpClient, login: BlueskyLogin, session: BlueskySession): Promise<BlueskySession> {
  try {
    const { data } = await http.json(`${login.service}/xrpc/com.atproto.server.refreshSession`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.refreshJwt}` },
    });
    return expectShape(sessionSchema, data, 'POST com.atproto.server.refreshSession');
  } catch (error) {
    if (isExpired(error) || (error instanceof HttpStatusError && error.status === 400)) return createSession(http, login);
    throw error;
  }
}

/** The cached session of this login, or a new one (its did and handle name the repo to write to). */
export async function blueskySession(http: HttpClient, login: BlueskyLogin): Promise<BlueskySession> {
  const key = sessionKey(login);
  const session = sessions.get(key) ?? (await createSession(http, login));
  sessions.set(key, session);
  return session;
}

/** Calls an XRPC method with the session's access token, refreshing it once if it expired. */
export async function xrpc<T>(http: HttpClient, login: BlueskyLogin, path: string, options: RequestOptions = {}): Promise<{ data: T; session: BlueskySession }> {
  const key = sessionKey(login);
  let session = await blueskySession(http, login);
  const call = (s: BlueskySession) => http.json<T>(`${login.service}/xrpc/${path}`, { ...options, headers: { ...options.headers, authorization: `Bearer ${s.accessJwt}` } });
  try {
    return { data: (await call(session)).data, session };
  } catch (error) {
    if (!isExpired(error)) throw error;
    session = await refreshSession(http, login, session);
    sessions.set(key, session);
    try {
      return { data: (await call(session)).data, session };
    } catch (again) {
      if (isExpired(again)) throw new AuthError(`Bluesky keeps refusing fresh tokens for ${login.identifier}: ${(again as Error).message}`);
      throw again;
    }
  }
}
