/**
 * The composer, the calendar's edits and its approval chain (src/plan/approvals.ts), and
 * the client review link (src/plan/review-links.ts). Editors write, compose and submit;
 * approving, rejecting and the workspace's "posts require approval" setting are the
 * owner's; the review link's two routes are public and answer only to a valid token.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getUser } from '../../accounts/users.ts';
import { ComposeSchema } from '../../core/post-rules.ts';
import { CommentSchema, commentOnItem, composePost, decideApproval, setCalendarSettings, submitForApproval } from '../../plan/approvals.ts';
import { CalendarItemPatchSchema, updateCalendarItem } from '../../plan/calendar.ts';
import { calendarEvents, calendarSettings } from '../../plan/calendar-log.ts';
import { ClientCommentSchema, commentByReviewLink, createReviewLink, listReviewLinks, openReviewLink, ReviewLinkInputSchema, revokeReviewLink } from '../../plan/review-links.ts';
import { HttpClient } from '../../listen/connectors/http.ts';
import { fetchLinkPreview } from '../../listen/connectors/link-preview.ts';
import { callerOf, workspaceOf } from '../access.ts';
import { ErrorResponse } from '../errors.ts';
import { IdParam, libraryItems, libraryResult, WorkspaceParams } from '../schemas.ts';

export const REVIEW_PATH = '/public/review';
const ItemParams = WorkspaceParams.extend({ id: IdParam });
const Settings = z.object({ requireApproval: z.boolean() }).strict();
const OptionalComment = z.object({ comment: CommentSchema.optional() }).strict();

export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  const store = app.store;
  const tags = ['plan'];
  const now = () => app.settings.now();
  const author = async (request: FastifyRequest) => (await getUser(store, callerOf(request).userId)).email;

  app.get(
    '/workspaces/:ws/calendar/settings',
    { config: { access: 'viewer' }, schema: { tags, summary: 'Whether posts need approval in this workspace', params: WorkspaceParams, response: { 200: Settings } } },
    async (request) => calendarSettings(store, workspaceOf(request).id),
  );

  app.put(
    '/workspaces/:ws/calendar/settings',
    { config: { access: 'owner' }, schema: { tags, summary: 'Require approval of posts (owners approve)', params: WorkspaceParams, body: Settings, response: { 200: Settings, 400: ErrorResponse } } },
    async (request) => setCalendarSettings(store, workspaceOf(request).id, request.body, now()),
  );

  app.post(
    '/workspaces/:ws/calendar/compose',
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary: 'Write a post once for several networks: one calendar item per network; `submit` sends them for approval',
        params: WorkspaceParams,
        body: z.object({ post: ComposeSchema, submit: z.boolean().default(false) }).strict(),
        response: { 201: libraryItems('CalendarItem[] from src/plan/calendar.ts'), 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request, reply) => reply.code(201).send({ items: await composePost(store, workspaceOf(request).id, request.body.post, await author(request), { submit: request.body.submit }, now()) }),
  );

  // The card the composer previews is the one the Bluesky publisher attaches: same fetch, same bounds.
  app.get(
    '/workspaces/:ws/calendar/link-preview',
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary: "A link's card as Bluesky posts will carry it (OpenGraph title, description, picture); null when the page cannot be read",
        params: WorkspaceParams,
        querystring: z.object({ url: z.url({ protocol: /^https?$/ }) }).strict(),
        response: { 200: z.object({ preview: z.object({ uri: z.string(), title: z.string(), description: z.string(), image: z.string().nullable() }).nullable() }), 400: ErrorResponse },
      },
    },
    async (request) => ({ preview: await fetchLinkPreview(new HttpClient(), request.query.url) }),
  );

  app.patch(
    '/workspaces/:ws/calendar/:id',
    { config: { access: 'editor' }, schema: { tags, summary: 'Edit or reschedule a calendar item (editing the words withdraws its approval)', params: ItemParams, body: CalendarItemPatchSchema, response: { 200: libraryResult('CalendarItem', 'CalendarItem'), 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse } } },
    async (request) => updateCalendarItem(store, workspaceOf(request).id, request.params.id, request.body, now(), await author(request)),
  );

  app.post(
    '/workspaces/:ws/calendar/:id/submit',
    { config: { access: 'editor' }, schema: { tags, summary: 'Submit a draft for approval', params: ItemParams, body: OptionalComment, response: { 200: libraryResult('SubmittedItem', 'CalendarItem'), 400: ErrorResponse, 404: ErrorResponse } } },
    async (request) => submitForApproval(store, workspaceOf(request).id, request.params.id, await author(request), request.body.comment ?? null, now()),
  );

  app.post(
    '/workspaces/:ws/calendar/:id/approve',
    { config: { access: 'owner' }, schema: { tags, summary: 'Approve a submitted item (it is scheduled if it has a date)', params: ItemParams, body: OptionalComment, response: { 200: libraryResult('ApprovedItem', 'CalendarItem'), 400: ErrorResponse, 404: ErrorResponse } } },
    async (request) => decideApproval(store, workspaceOf(request).id, request.params.id, 'approve', await author(request), request.body.comment ?? null, now()),
  );

  app.post(
    '/workspaces/:ws/calendar/:id/reject',
    { config: { access: 'owner' }, schema: { tags, summary: 'Reject a submitted item, saying why', params: ItemParams, body: z.object({ comment: CommentSchema }).strict(), response: { 200: libraryResult('RejectedItem', 'CalendarItem'), 400: ErrorResponse, 404: ErrorResponse } } },
    async (request) => decideApproval(store, workspaceOf(request).id, request.params.id, 'reject', await author(request), request.body.comment, now()),
  );

  app.post(
    '/workspaces/:ws/calendar/:id/comments',
    { config: { access: 'editor' }, schema: { tags, summary: 'Comment on a calendar item', params: ItemParams, body: z.object({ comment: CommentSchema }).strict(), response: { 204: z.null(), 400: ErrorResponse, 404: ErrorResponse } } },
    async (request, reply) => {
      await commentOnItem(store, workspaceOf(request).id, request.params.id, await author(request), request.body.comment, now());
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/workspaces/:ws/calendar/:id/history',
    { config: { access: 'viewer' }, schema: { tags, summary: "Every change to the item: edits, submissions, decisions, comments (clients' included)", params: ItemParams, response: { 200: libraryItems('CalendarEvent[] from src/plan/calendar-log.ts'), 404: ErrorResponse } } },
    async (request) => ({ items: await calendarEvents(store, workspaceOf(request).id, request.params.id) }),
  );

  app.get(
    '/workspaces/:ws/calendar/:id/review-links',
    { config: { access: 'editor' }, schema: { tags, summary: "The item's client review links (never their tokens)", params: ItemParams, response: { 200: libraryItems('ReviewLink[] from src/plan/review-links.ts') } } },
    async (request) => ({ items: await listReviewLinks(store, workspaceOf(request).id, request.params.id) }),
  );

  app.post(
    '/workspaces/:ws/calendar/:id/review-links',
    {
      config: { access: 'editor' },
      schema: { tags, summary: 'A review link for a client without an account: read and comment only, expiring; its token is shown this once', params: ItemParams, body: ReviewLinkInputSchema, response: { 201: libraryResult('CreatedReviewLink', 'CreatedReviewLink (with `token` and `path`)'), 400: ErrorResponse, 404: ErrorResponse } },
    },
    async (request, reply) => {
      const link = await createReviewLink(store, workspaceOf(request).id, request.params.id, await author(request), request.body, now());
      return reply.code(201).send({ ...link, path: `/review/${link.token}` });
    },
  );

  app.delete(
    '/workspaces/:ws/calendar/review-links/:id',
    { config: { access: 'editor' }, schema: { tags, summary: 'Revoke a review link', params: ItemParams, response: { 200: libraryResult('RevokedReviewLink', 'ReviewLink'), 404: ErrorResponse } } },
    async (request) => revokeReviewLink(store, workspaceOf(request).id, request.params.id, await author(request), now()),
  );

  // The client's side: no account, no cookie; the token is the whole authority, and it only reads and comments.
  const TokenParams = z.object({ token: z.string().min(1).max(200) });
  const rateLimit = { max: app.settings.limits.redirectPerMinute, timeWindow: '1 minute' };
  app.get(
    `${REVIEW_PATH}/:token`,
    { config: { access: 'public', rateLimit }, schema: { tags, summary: 'A review link: the post and the conversation', security: [], params: TokenParams, response: { 200: libraryResult('ReviewView', 'ReviewView from src/plan/review-links.ts'), 404: ErrorResponse, 410: ErrorResponse } } },
    async (request, reply) => reply.header('cache-control', 'no-store').send(await openReviewLink(store, request.params.token, now())),
  );
  app.post(
    `${REVIEW_PATH}/:token/comments`,
    { config: { access: 'public', rateLimit }, schema: { tags, summary: "A client's comment through a review link", security: [], params: TokenParams, body: ClientCommentSchema, response: { 200: libraryResult('ReviewViewAfterComment', 'ReviewView'), 400: ErrorResponse, 404: ErrorResponse, 410: ErrorResponse } } },
    async (request) => commentByReviewLink(store, request.params.token, request.body, now()),
  );
};
