/**
 * Sign-in with email and password, sign-out, and "who am I".
 *
 * Login CSRF is covered by the JSON body: a cross-site HTML form cannot send
 * `application/json` without a CORS preflight, which this server never grants.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { membershipsOf } from '../../accounts/members.ts';
import { createSession, deleteSession } from '../../accounts/sessions.ts';
import { getUser, verifyLogin } from '../../accounts/users.ts';
import { callerOf, SESSION_COOKIE } from '../access.ts';
import { ErrorResponse, HttpError } from '../errors.ts';
import { MembershipSchema, NoContent, UserSchema } from '../schemas.ts';

const Me = z
  .object({
    user: UserSchema,
    via: z.enum(['session', 'token']),
    csrfToken: z.string().nullable().describe(`Send as X-CSRF-Token on cookie-authenticated writes; null for token calls`),
    workspaces: z.array(MembershipSchema),
  })
  .meta({ id: 'Me' });

function isSecure(request: FastifyRequest): boolean {
  const setting = request.server.settings.secureCookies;
  return setting === 'auto' ? request.protocol === 'https' : setting;
}

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, value: string, expires: Date) {
  reply.setCookie(SESSION_COOKIE, value, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecure(request),
    expires,
  });
}

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const store = app.store;

  const me = async (userId: number, via: 'session' | 'token', csrfToken: string | null, tokenWorkspace?: number) => {
    const user = await getUser(store, userId);
    let workspaces = await membershipsOf(store, userId);
    if (tokenWorkspace !== undefined) workspaces = workspaces.filter((w) => w.workspaceId === tokenWorkspace);
    return {
      user: { id: user.id, email: user.email, name: user.name },
      via,
      csrfToken,
      workspaces: workspaces.map((w) => ({ slug: w.slug, name: w.name, role: w.role })),
    };
  };

  app.post(
    '/auth/login',
    {
      config: {
        access: 'public',
        rateLimit: { max: app.settings.limits.loginPerMinute, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the HttpOnly session cookie',
        security: [],
        body: z.object({ email: z.string().min(3).max(320), password: z.string().min(1).max(1024) }),
        response: { 200: Me, 401: ErrorResponse },
      },
    },
    async (request, reply) => {
      const user = await verifyLogin(store, request.body.email, request.body.password);
      if (!user) throw new HttpError(401, 'wrong email or password');
      const session = await createSession(store, user.id);
      setSessionCookie(request, reply, session.id, session.expiresAt);
      request.log.info({ userId: user.id }, 'signed in');
      return me(user.id, 'session', session.csrfToken);
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'user' },
      schema: { tags: ['auth'], summary: 'Sign out: ends the session', response: { 204: NoContent } },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      if (caller.kind === 'session') await deleteSession(store, caller.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      config: { access: 'user' },
      schema: { tags: ['auth'], summary: 'The signed-in user, their workspaces and the CSRF token', response: { 200: Me } },
    },
    async (request) => {
      const caller = callerOf(request);
      return caller.kind === 'session'
        ? me(caller.userId, 'session', caller.csrfToken)
        : me(caller.userId, 'token', null, caller.token.workspaceId);
    },
  );
};
