/**
 * Exports of lists as CSV or XLSX, streamed (src/listen/lists/export/):
 * - `GET /workspaces/:ws/mentions/export?format=xlsx&q=…`: the mentions of a search, with
 *   the list's own query string (filters, sort, collapse), every page of it;
 * - `GET /workspaces/:ws/inbox/export?format=xlsx&view=…`: a view of the inbox, with its own
 *   query string (view, state, assignee, topic, tag), each mention with its triage and tags;
 * - `GET /workspaces/:ws/export/:list?format=…&…` for advocates, spikes and the calendar:
 *   the answer of that list's own route (same parameters, same access check, same
 *   computation), as rows.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { mentionTable } from '../../listen/lists/export/mention-table.ts';
import { CONTENT_TYPES, EXPORT_FORMATS, listsTable, type ExportFormat, type ExportTable } from '../../listen/lists/export/table.ts';
import { writeTable } from '../../listen/lists/export/write.ts';
import { ExportCancelledError } from '../../listen/lists/export/drain.ts';
import { workspaceOf } from '../access.ts';
import { ErrorResponse, HttpError } from '../errors.ts';
import { withQueryField } from '../query-errors.ts';
import { WorkspaceParams } from '../schemas.ts';
import { inboxTable } from '../../inbox/inbox-export.ts';
import { asHttp, inboxViewOf, InboxViewQuery } from './inbox.ts';
import { MentionSearchQuery, periodOfQuery, searchFiltersOf } from './mentions-search.ts';

const Format = z.enum(EXPORT_FORMATS).default('csv').describe('csv (UTF-8, formula-safe) or xlsx');

/** The lists `/export/:list` serves: the route each reads, and where its rows are in the answer. */
const LISTS = {
  advocates: { path: '/watch/advocacy', sheets: (answer: Record<string, unknown>) => [['Advocates', answer.advocates], ['Detractors', answer.detractors]] as const },
  spikes: { path: '/watch/spikes', sheets: (answer: Record<string, unknown>) => [['Spikes', answer.items]] as const },
  calendar: { path: '/calendar', sheets: (answer: Record<string, unknown>) => [['Calendar', answer.items]] as const },
} as const;
type ListName = keyof typeof LISTS;

function stamp(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Streams the table as an attachment; an error after the first byte ends the download short (logged). */
function sendTable(request: FastifyRequest, reply: FastifyReply, format: ExportFormat, table: ExportTable, name: string) {
  const out = new PassThrough();
  writeTable(format, table, out).then(
    (rows) => request.log.info({ export: name, format, rows }, 'list exported'),
    (error: unknown) => {
      if (error instanceof ExportCancelledError) return request.log.info({ export: name, format }, 'export cancelled by its reader');
      request.log.error({ err: error, export: name }, 'export failed part-way');
      out.destroy(error instanceof Error ? error : new Error(String(error)));
    },
  );
  return reply
    .header('content-type', CONTENT_TYPES[format])
    .header('content-disposition', `attachment; filename="murmur-${name}-${stamp(new Date())}.${format}"`)
    .header('cache-control', 'no-store')
    .send(out);
}

export const mentionExportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/workspaces/:ws/mentions/export',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['mentions'],
        summary: 'Every mention of a search as a CSV or XLSX file, streamed (same query string as the list: filters, sort, collapse)',
        params: WorkspaceParams,
        querystring: MentionSearchQuery.omit({ limit: true, cursor: true }).extend({ format: Format }),
        response: { 400: ErrorResponse },
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      const period = periodOfQuery(request.query);
      const table = await withQueryField('querystring.q', async () =>
        mentionTable(app.store, ws.id, { ...(await searchFiltersOf(app.store, ws.id, request.query, period)), sort: request.query.sort, collapse: request.query.collapse === 'true' }),
      );
      return sendTable(request, reply, request.query.format, table, 'mentions');
    },
  );

  app.get(
    '/workspaces/:ws/inbox/export',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['inbox'],
        summary: 'A view of the inbox as a CSV or XLSX file, streamed: every page of it, each mention with its state, assignee, notes, tags and reply priority (same query string as the view)',
        params: WorkspaceParams,
        querystring: InboxViewQuery.extend({ format: Format }),
        response: { 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      const options = await inboxViewOf(app.store, request, request.query);
      const table = await asHttp(() => inboxTable(app.store, ws.id, options));
      return sendTable(request, reply, request.query.format, table, 'inbox');
    },
  );

  app.get(
    '/workspaces/:ws/export/:list',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['watch'],
        summary: 'A list as CSV or XLSX: advocates (/watch/advocacy), spikes (/watch/spikes) or calendar (/calendar), with that list’s own query parameters',
        params: WorkspaceParams.extend({ list: z.enum(Object.keys(LISTS) as [ListName, ...ListName[]]) }),
        querystring: z.object({ format: Format }).passthrough(),
        response: { 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { list } = request.params;
      const { format, ...rest } = request.query as { format: ExportFormat } & Record<string, string>;
      const query = new URLSearchParams(rest).toString();
      // The list's own route answers, as the caller: its checks, parameters and figures.
      const answer = await app.inject({
        method: 'GET',
        url: `/api/v1/workspaces/${encodeURIComponent(request.params.ws)}${LISTS[list].path}${query ? `?${query}` : ''}`,
        headers: { ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}), ...(request.headers.cookie ? { cookie: request.headers.cookie } : {}) },
      });
      if (answer.statusCode !== 200) {
        const body = answer.json() as { message?: string; issues?: { path: string; message: string }[] };
        throw new HttpError(answer.statusCode, body.message ?? `the ${list} list answered ${answer.statusCode}`, body.issues);
      }
      const table = listsTable(list, LISTS[list].sheets(answer.json() as Record<string, unknown>));
      return sendTable(request, reply, format, table, list);
    },
  );
};
