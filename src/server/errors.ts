/**
 * One JSON error shape for every failure the API returns:
 *
 *   { "statusCode": 400, "error": "Bad Request", "message": "…", "issues": [{ "path": "body.items.0.text", "message": "…" }] }
 *
 * Library errors are mapped by their `name`, so parts of Murmur need not import
 * anything from the server to get the right status.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { STATUS_CODES } from 'node:http';
import { z } from 'zod';

export const ErrorIssue = z.object({
  path: z.string().describe('Where the problem is, e.g. `body.items.3.text` or `querystring.limit`'),
  message: z.string(),
  position: z.number().int().optional().describe('1-based character position in a topic query, for inline errors'),
});

export const ErrorResponse = z
  .object({
    statusCode: z.number().int(),
    error: z.string(),
    message: z.string(),
    issues: z.array(ErrorIssue).optional(),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorResponse>;

/** An error with an HTTP status, for handlers that refuse a request themselves. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly statusCode: number,
    message: string,
    readonly issues?: ErrorBody['issues'],
  ) {
    super(message);
  }
}

// Errors other parts throw, by name: the store's NotFoundError, query-language syntax
// errors, input validation in library functions.
const STATUS_BY_NAME: Record<string, number> = {
  NotFoundError: 404,
  ConflictError: 409,
  ValidationError: 400,
  PasswordPolicyError: 400,
  UsageError: 400,
  QuerySyntaxError: 400,
  QueryError: 400,
  TopicError: 400,
  SearchError: 400,
  MuteError: 400,
  ReplyError: 400,
  SourceConfigError: 400,
  ImportError: 400,
  AlertRuleError: 400,
  ReportError: 400,
  // Analytics and reports name a topic the workspace does not have.
  WatchError: 404,
  RangeError: 400,
  // No MURMUR_SECRET_KEY to seal connector secrets with: the message says how to make one.
  SecretKeyError: 400,
  ZodError: 400,
};

function errorBody(statusCode: number, message: string, issues?: ErrorBody['issues']): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, ...(issues ? { issues } : {}) };
}

export function sendError(reply: FastifyReply, statusCode: number, message: string, issues?: ErrorBody['issues']) {
  return reply.code(statusCode).type('application/json; charset=utf-8').send(errorBody(statusCode, message, issues));
}

function dotted(context: string | undefined, instancePath: string): string {
  const path = instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  return [context, path].filter(Boolean).join('.') || '(root)';
}

/** Library validation errors list their problems as `path: message` strings (see src/plan/validation.ts). */
function libraryIssues(error: Error, request: FastifyRequest): ErrorBody['issues'] {
  // Library paths are relative to what the route passed in: the body for writes.
  const prefix = request.body !== undefined && request.body !== null ? 'body.' : '';
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
  if (error instanceof HttpError) return sendError(reply, error.statusCode, error.message, error.issues);
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
  const byName = STATUS_BY_NAME[error.name];
  if (byName) return sendError(reply, byName, error.message, libraryIssues(error, request));
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    return sendError(reply, error.statusCode, error.message);
  }
  request.log.error({ err: error }, 'request failed');
  return sendError(reply, 500, 'internal error; the server log has the details');
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler(errorHandler);
}
