/**
 * Checklist reports (src/reports/render.ts) over HTTP: HTML to open, PDF to download,
 * Markdown or JSON for other tools, in the reader's language.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { REPORT_KINDS } from '../../reports/document.ts';
import { REPORT_LANGS } from '../../core/i18n.ts';
import { REPORT_FORMATS, renderReport } from '../../reports/render.ts';
import { workspaceOf } from '../access.ts';
import { ErrorResponse } from '../errors.ts';
import { WorkspaceParams } from '../schemas.ts';
import { DateKey, TimeZone } from '../watch-params.ts';

export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['reports'];

  app.get(
    '/workspaces/:ws/reports',
    {
      config: { access: 'viewer' },
      schema: { tags, summary: 'The report kinds, formats and languages', params: WorkspaceParams, response: { 200: z.object({ items: z.array(z.object({ kind: z.enum(REPORT_KINDS as [string, ...string[]]) })), formats: z.array(z.string()), languages: z.array(z.string()) }) } },
    },
    async () => ({ items: REPORT_KINDS.map((kind) => ({ kind })), formats: REPORT_FORMATS, languages: [...REPORT_LANGS] }),
  );

  app.get(
    '/workspaces/:ws/reports/:kind',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'A checklist report filled from the data (PDF and Markdown come as attachments)',
        params: WorkspaceParams.extend({ kind: z.enum(REPORT_KINDS as [string, ...string[]]) }),
        querystring: z.object({
          date: DateKey.optional().describe('A day inside the period; default yesterday'),
          topic: z.string().max(100).optional().describe('Topic id or name; default the first brand topic'),
          lang: z.enum(REPORT_LANGS).default('en'),
          tz: TimeZone,
          format: z.enum(REPORT_FORMATS as [string, ...string[]]).default('html'),
        }),
        response: { 200: z.unknown().describe('The document: text/html, application/pdf, text/markdown or application/json'), 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { date, topic, lang, tz, format } = request.query;
      const report = await renderReport(app.store, workspaceOf(request).id, {
        kind: request.params.kind as (typeof REPORT_KINDS)[number],
        ...(date ? { date } : {}),
        ...(topic ? { topic } : {}),
        lang,
        timeZone: tz,
        format: format as (typeof REPORT_FORMATS)[number],
      });
      const disposition = format === 'pdf' || format === 'md' ? 'attachment' : 'inline';
      return reply
        .type(report.contentType)
        .header('content-disposition', `${disposition}; filename="${report.filename.replace(/[^\w.-]/g, '_')}"`)
        .send(report.body);
    },
  );
};
