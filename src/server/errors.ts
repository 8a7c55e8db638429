/**
 * One JSON error shape for every failure the API returns:
 *
 *   { "statusCode": 400, "error": "Bad Request", "code": "invalid_input", "message": "…", "issues": [{ "path": "body.items.0.text", "message": "…" }] }
 *
 * The parts' errors extend MurmurError (src/core/errors.ts), which carries the status and a
 * stable code, so parts need not import anything from the server to get the right status.
 * Any other error is a bug: 500, logged.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { STATUS_CODES } from 'node:http';
import { z } from 'zod';
import { MurmurError, ShuttingDownError } from '../core/errors.ts';

export const ErrorIssue = z.object({
  path: z.string().describe('Where the problem is, e.g. `body.items.3.text` or `querystring.limit`'),
  message: z.string(),
  position: z.number().int().optional().describe('1-based character position in a topic query, for inline errors'),
});

export const ErrorResponse = z
  .object({
    statusCode: z.number().int(),
    error: z.string(),
    code: z.string().optional().describe('Stable error code, e.g. `unknown_topic` or `invalid_input` (absent for framework errors)'),
    message: z.string(),
    issues: z.array(ErrorIssue).optional(),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorResponse>;

/** `bad_request` for 400: the code of an error that has nothing more precise to say. */
const codeOf = (statusCode: number) => (STATUS_CODES[statusCode] ?? 'error').toLowerCase().replace(/[^a-z0-9]+/g, '_');

/** An error with an HTTP status, for handlers that refuse a request themselves. */
export class HttpError extends MurmurError {
  override name = 'HttpError';
  constructor(
    readonly statusCode: number,
    message: string,
    readonly issues?: ErrorBody['issues'],
    code = codeOf(statusCode),
  ) {
    super(code, statusCode, message);
  }
}

function errorBody(statusCode: number, message: string, issues?: ErrorBody['issues'], code?: string): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', ...(code ? { code } : {}), message, ...(issues ? { issues } : {}) };
}

export function sendError(reply: FastifyReply, statusCode: number, message: string, issues?: ErrorBody['issues'], code?: string) {
  return reply.code(statusCode).type('application/json; charset=utf-8').send(errorBody(statusCode, message, issues, code));
}

function dotted(context: string | undefined, instancePath: string): string {
  const path = instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  return [context, path].filter(Boolean).join('.') || '(root)';
}

/**
 * Library validation errors list their problems as `path: message` strings (see
 * src/core/validation.ts); a ZodError thrown by a library names each field by its path.
 */
function libraryIssues(error: Error, request: FastifyRequest): ErrorBody['issues'] {
  // Library paths are relative to what the route passed in: the body for writes.
  const prefix = request.body !== undefined && request.body !== null ? 'body.' : '';
  if (error instanceof z.ZodError) {
    return error.issues.map((issue) => ({ path: [prefix.replace(/\.$/, ''), ...issue.path.map(String)].filter(Boolean).join('.') || '(input)', message: issue.message }));
  }
  const issues = (error as { issues?: unknown }).issues;
  if (!Array.isArray(issues) || !issues.every((i) => typeof i === 'string')) return undefined;
  return issues.map((issue: string) => {
    const at = issue.indexOf(': ');
    return at > 0 ? { path: `${prefix}${issue.slice(0, at)}`, message: issue.slice(at + 2) } : { path: prefix.replace(/\.$/, '') || '(input)', message: issue };
  });
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => ({ path: dotted(error.validationContext, v.instancePath), message: v.message ?? 'invalid' }));
    const first = issues[0]!;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    return sendError(reply, 400, `invalid request: ${first.path}: ${first.message}${more}`, issues);
  }
  if (error instanceof HttpError) return sendError(reply, error.statusCode, error.message, error.issues, error.code);
  // Work stopped by a closing server is not a bug: the client may try again later.
  if (error instanceof ShuttingDownError) return sendError(reply, error.status, error.message, undefined, error.code);
  if (error instanceof MurmurError && error.status < 500) return sendError(reply, error.status, error.message, libraryIssues(error, request), error.code);
  // A library that checks its input with zod and lets the ZodError out: the caller's mistake.
  if (error instanceof z.ZodError) {
    const issues = libraryIssues(error, request)!;
    return sendError(reply, 400, `invalid input: ${issues[0]?.path}: ${issues[0]?.message}`, issues, 'invalid_input');
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
    return sendError(reply, 500, 'internal error: the response did not match its schema');
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return sendError(reply, 413, `request body too large: the limit is ${request.routeOptions.bodyLimit ?? 'the server limit'} bytes`);
  }
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return sendError(reply, 415, `unsupported content type "${request.headers['content-type'] ?? ''}": send application/json`);
  }
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
    return sendError(reply, 400, `request body is not valid JSON: ${error.message}`);
  }
  // Fastify's own client errors (unsupported method, bad content length…) carry their status.
  if (!(error instanceof MurmurError) && typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    return sendError(reply, error.statusCode, error.message);
  }
  request.log.error({ err: error }, 'request failed');
  return sendError(reply, 500, 'internal error; the server log has the details');
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler(errorHandler);
}
