/**
 * CRM conversions as a CSV upload (the same importer as `murmur roi import`): the body is
 * the file; the answer counts what was stored and lists rejected lines with the reason.
 * `?dryRun=true` is the preview the dashboard shows before committing: same reader, nothing stored.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { importConversionsCsv } from '../../roi/crm-csv.ts';
import { CONVERSION_PROBLEM_CODES } from '../../roi/conversion-problems.ts';
import { workspaceOf } from '../access.ts';
import { ErrorResponse, HttpError } from '../errors.ts';
import { WorkspaceParams } from '../schemas.ts';

const CSV_BODY_LIMIT = 50 * 1024 * 1024;

export const conversionRoutes: FastifyPluginAsync = async (parent) => {
  await parent.register(async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    app.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'buffer', bodyLimit: CSV_BODY_LIMIT }, (_request, body, done) => done(null, body));
    app.post(
      '/workspaces/:ws/conversions/import',
      {
        config: { access: 'editor' },
        bodyLimit: CSV_BODY_LIMIT,
        schema: {
          tags: ['roi'],
          summary: 'Import a CRM export (Content-Type: text/csv); idempotent by event id. dryRun=true previews it: the column mapping, the counts and the rejected lines, nothing stored',
          params: WorkspaceParams,
          querystring: z.object({ dryRun: z.enum(['true', 'false']).default('false').describe('true: read and check every row, store nothing') }),
          response: {
            200: z
              .object({
                dryRun: z.boolean(),
                mapping: z.array(z.object({ column: z.string(), field: z.string().nullable() })).describe('each header column and the field it feeds (null: not read)'),
                rows: z.number(),
                inserted: z.number(),
                duplicates: z.number(),
                rejectedCount: z.number(),
                rejected: z.array(z.object({ line: z.number(), reason: z.string().describe('in English'), problems: z.array(z.object({ code: z.enum(CONVERSION_PROBLEM_CODES).describe('stable, for scripts and translations'), field: z.string().nullable() })) })),
              })
              .meta({ id: 'CrmImportResult' }),
            400: ErrorResponse,
            415: ErrorResponse,
          },
        },
      },
      async (request) => {
        // Any other type was parsed by its own parser (JSON into an object…): not a CSV file.
        if (!Buffer.isBuffer(request.body)) throw new HttpError(415, `send the CSV file as the body with Content-Type: text/csv (got ${request.headers['content-type'] ? `"${request.headers['content-type']}"` : 'no body'})`);
        // The importer streams from a path (it also reads gzip and stdin); a private temp file bridges.
        const dir = mkdtempSync(join(tmpdir(), 'murmur-crm-'));
        try {
          const path = join(dir, 'upload.csv');
          writeFileSync(path, request.body as Buffer, { mode: 0o600 });
          return await importConversionsCsv(app.store, workspaceOf(request).id, path, { dryRun: request.query.dryRun === 'true' });
        } catch (error) {
          // Name the upload, not the temp file behind it.
          if (error instanceof Error) error.message = error.message.replaceAll(join(dir, 'upload.csv'), 'the uploaded CSV');
          throw error;
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    );
  });
};
