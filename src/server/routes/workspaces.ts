/**
 * Workspaces the caller belongs to, their members (owners manage them) and their API
 * tokens (owners create and revoke them; a token is shown once, at creation).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listMembers, membershipsOf, removeMember, roleIn, setMember } from '../../accounts/members.ts';
import { createToken, listTokens, revokeToken, type ApiToken } from '../../accounts/tokens.ts';
import { enrol } from '../../accounts/enrol.ts';
import { findUserByEmail } from '../../accounts/users.ts';
import { callerOf, workspaceOf } from '../access.ts';
import { ErrorResponse, HttpError } from '../errors.ts';
import { IdParam, IsoDate, MembershipSchema, NoContent, Role, WorkspaceParams } from '../schemas.ts';
import { workspaceTimeZone } from '../../watch/params.ts';

const MemberSchema = z
  .object({ userId: z.number().int(), email: z.string(), name: z.string().nullable(), role: Role, since: z.string() })
  .meta({ id: 'Member' });

const TokenSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    prefix: z.string().describe('First characters of the token, to tell tokens apart'),
    role: Role,
    userId: z.number().int(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });

const iso = (d: Date | null) => d?.toISOString() ?? null;
const toApiToken = (t: ApiToken): z.infer<typeof TokenSchema> => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  role: t.role,
  userId: t.userId,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: iso(t.lastUsedAt),
  expiresAt: iso(t.expiresAt),
  revokedAt: iso(t.revokedAt),
});

const MemberParams = WorkspaceParams.extend({ userId: IdParam });

export const workspaceRoutes: FastifyPluginAsyncZod = async (app) => {
  const store = app.store;

  app.get(
    '/workspaces',
    {
      config: { access: 'user' },
      schema: { tags: ['workspaces'], summary: 'Workspaces the caller belongs to', response: { 200: z.object({ items: z.array(MembershipSchema) }) } },
    },
    async (request) => {
      const caller = callerOf(request);
      let memberships = await membershipsOf(store, caller.userId);
      if (caller.kind === 'token') memberships = memberships.filter((m) => m.workspaceId === caller.token.workspaceId);
      return { items: memberships.map((m) => ({ slug: m.slug, name: m.name, role: caller.kind === 'token' ? caller.role : m.role })) };
    },
  );

  app.get(
    '/workspaces/:ws',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['workspaces'],
        summary: 'One workspace, the caller’s role in it and its time zone',
        params: WorkspaceParams,
        response: { 200: MembershipSchema.extend({ timeZone: z.string().describe('The zone days and hours are counted in when a request gives no `tz` (MURMUR_TZ, else UTC)') }) },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const row = await store.db.selectFrom('workspaces').select('name').where('id', '=', ws.id).executeTakeFirstOrThrow();
      return { slug: ws.slug, name: row.name, role: ws.role, timeZone: workspaceTimeZone() };
    },
  );

  app.get(
    '/workspaces/:ws/members',
    {
      config: { access: 'viewer' },
      schema: { tags: ['members'], summary: 'Members and their roles', params: WorkspaceParams, response: { 200: z.object({ items: z.array(MemberSchema) }) } },
    },
    async (request) => {
      const members = await listMembers(store, workspaceOf(request).id);
      return { items: members.map((m) => ({ ...m, since: m.since.toISOString() })) };
    },
  );

  app.post(
    '/workspaces/:ws/members',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['members'],
        summary: 'Add a member (creating the account when the email is new) or change their role',
        params: WorkspaceParams,
        body: z.object({
          email: z.email().max(320),
          role: Role,
          name: z.string().max(200).optional(),
          password: z.string().min(10).max(1024).optional().describe('Initial password when the account is new'),
        }),
        response: { 201: MemberSchema, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      const { email, role, name, password } = request.body;
      // An existing account keeps its password: an owner cannot take over someone's account.
      const existing = await findUserByEmail(store, email);
      const { user } = await enrol(store, ws.id, { email, role, name: name ?? null, password: existing ? null : (password ?? null) });
      const member = (await listMembers(store, ws.id)).find((m) => m.userId === user.id)!;
      return reply.code(201).send({ ...member, since: member.since.toISOString() });
    },
  );

  app.patch(
    '/workspaces/:ws/members/:userId',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['members'],
        summary: 'Change a member’s role',
        params: MemberParams,
        body: z.object({ role: Role }),
        response: { 200: MemberSchema, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      if (!(await roleIn(store, ws.id, request.params.userId))) throw new HttpError(404, `user ${request.params.userId} is not a member of "${ws.slug}"`);
      await setMember(store, ws.id, request.params.userId, request.body.role);
      const member = (await listMembers(store, ws.id)).find((m) => m.userId === request.params.userId)!;
      return { ...member, since: member.since.toISOString() };
    },
  );

  app.delete(
    '/workspaces/:ws/members/:userId',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['members'],
        summary: 'Remove a member (their tokens for this workspace are revoked)',
        params: MemberParams,
        response: { 204: NoContent, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      await removeMember(store, workspaceOf(request).id, request.params.userId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/workspaces/:ws/tokens',
    {
      config: { access: 'owner' },
      schema: { tags: ['tokens'], summary: 'API tokens of the workspace (never the secrets)', params: WorkspaceParams, response: { 200: z.object({ items: z.array(TokenSchema) }) } },
    },
    async (request) => ({ items: (await listTokens(store, workspaceOf(request).id)).map(toApiToken) }),
  );

  app.post(
    '/workspaces/:ws/tokens',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['tokens'],
        summary: 'Create a personal API token for the caller; the secret is in this response only',
        params: WorkspaceParams,
        body: z.object({
          name: z.string().trim().min(1).max(100),
          role: Role.default('viewer'),
          expiresAt: IsoDate.optional(),
        }),
        response: { 201: TokenSchema.extend({ token: z.string().describe('The secret: store it now, it is never shown again') }) },
      },
    },
    async (request, reply) => {
      const expiresAt = request.body.expiresAt ? new Date(request.body.expiresAt) : null;
      if (expiresAt && expiresAt.getTime() <= Date.now()) throw new HttpError(400, 'expiresAt is in the past', [{ path: 'body.expiresAt', message: 'must be in the future' }]);
      const created = await createToken(store, {
        userId: callerOf(request).userId,
        workspaceId: workspaceOf(request).id,
        name: request.body.name,
        role: request.body.role,
        expiresAt,
      });
      return reply.code(201).send({ ...toApiToken(created), token: created.token });
    },
  );

  app.delete(
    '/workspaces/:ws/tokens/:tokenId',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['tokens'],
        summary: 'Revoke a token (idempotent)',
        params: WorkspaceParams.extend({ tokenId: IdParam }),
        response: { 200: TokenSchema, 404: ErrorResponse },
      },
    },
    async (request) => toApiToken(await revokeToken(store, workspaceOf(request).id, request.params.tokenId)),
  );
};
