/**
 * Who may call what. Every API route declares `config.access`:
 *
 *   'public'  anyone (health, login, the public feedback form, UTM redirects, signed webhooks)
 *   'user'    any signed-in caller (who am I, my workspaces)
 *   'viewer' | 'editor' | 'owner'   a member of the route's workspace (`:ws` in the URL) with at least that role
 *
 * The check runs in one onRequest hook, before the body is even read, so a handler
 * cannot forget it; a route under /api/ without `access` fails at startup.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiToken } from '../accounts/tokens.ts';
import { authenticateToken } from '../accounts/tokens.ts';
import { findSession } from '../accounts/sessions.ts';
import { hasRole, isRole, type Role } from '../accounts/roles.ts';
import { safeEqual } from '../accounts/secrets.ts';
import type { Store } from '../store/store.ts';
import { sendError } from './errors.ts';

export type Access = 'public' | 'user' | Role;

export const SESSION_COOKIE = 'murmur_session';
export const CSRF_HEADER = 'x-csrf-token';

export type Caller =
  | { kind: 'session'; userId: number; sessionId: string; csrfToken: string }
  | { kind: 'token'; userId: number; token: ApiToken; role: Role; workspaceSlug: string };

export interface WorkspaceAccess {
  id: number;
  slug: string;
  role: Role;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    caller: Caller | null;
    workspace: WorkspaceAccess | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The workspace the request is scoped to; throws if the route is not a workspace route. */
export function workspaceOf(request: FastifyRequest): WorkspaceAccess {
  if (!request.workspace) throw new Error(`route ${request.routeOptions.url} has no workspace access check`);
  return request.workspace;
}

export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new Error(`route ${request.routeOptions.url} has no sign-in check`);
  return request.caller;
}

async function identify(store: Store, request: FastifyRequest): Promise<Caller | null> {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const auth = match ? await authenticateToken(store, match[1]!) : null;
    return auth ? { kind: 'token', userId: auth.token.userId, token: auth.token, role: auth.role, workspaceSlug: auth.workspaceSlug } : null;
  }
  const sessionId = request.cookies[SESSION_COOKIE];
  if (!sessionId) return null;
  const session = await findSession(store, sessionId);
  return session ? { kind: 'session', userId: session.userId, sessionId, csrfToken: session.csrfToken } : null;
}

async function resolveWorkspace(store: Store, caller: Caller, slug: string): Promise<WorkspaceAccess | null> {
  // A token works in its own workspace only, with its role already capped by the membership
  // that authenticateToken joined: no second query on the hot path of integrations.
  if (caller.kind === 'token') {
    return caller.workspaceSlug === slug ? { id: caller.token.workspaceId, slug, role: caller.role } : null;
  }
  const row = await store.db
    .selectFrom('workspaces')
    .innerJoin('workspace_members', 'workspace_members.workspace_id', 'workspaces.id')
    .select(['workspaces.id', 'workspaces.slug', 'workspace_members.role'])
    .where('workspaces.slug', '=', slug)
    .where('workspace_members.user_id', '=', caller.userId)
    .executeTakeFirst();
  if (!row || !isRole(row.role)) return null;
  return { id: row.id, slug: row.slug, role: row.role };
}

export function registerAccessControl(app: FastifyInstance, store: Store) {
  app.decorateRequest('caller', null);
  app.decorateRequest('workspace', null);

  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (!route.url.startsWith('/api/')) return;
    if (!access) throw new Error(`route ${route.method} ${route.url} must declare config.access`);
    if (isRole(access) && !route.url.includes('/:ws/') && !route.url.endsWith('/:ws')) {
      throw new Error(`route ${route.method} ${route.url} needs role ${access} but has no :ws workspace parameter`);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config.access;
    if (!access || access === 'public') return;
    const caller = await identify(store, request);
    if (!caller) return sendError(reply, 401, 'sign in first, or send a valid API token as "Authorization: Bearer mur_…"');
    // Cookies ride along on cross-site requests; a state change must prove it comes from our page.
    if (caller.kind === 'session' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !safeEqual(sent, caller.csrfToken)) {
        return sendError(reply, 403, `missing or wrong ${CSRF_HEADER} header: send the csrfToken from /api/v1/auth/me`);
      }
    }
    request.caller = caller;
    if (access === 'user') return;
    const slug = (request.params as Record<string, string | undefined>).ws ?? '';
    const workspace = await resolveWorkspace(store, caller, slug);
    if (!workspace) return sendError(reply, 403, `no access to workspace "${slug}": it does not exist or you are not a member`);
    if (!hasRole(workspace.role, access)) {
      return sendError(reply, 403, `this needs the ${access} role in workspace "${slug}"; you are ${workspace.role}`);
    }
    request.workspace = workspace;
  });
}
