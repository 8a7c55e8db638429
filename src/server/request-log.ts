/**
 * What a request log line says about the request. Headers are never logged (cookies and
 * Authorization stay out); capability links, whose path is the secret, are masked.
 */
import type { FastifyRequest } from 'fastify';

const CAPABILITY_PATHS = [/(\/public\/feedback\/)[^/?#]+/];

export function maskUrl(url: string): string {
  return CAPABILITY_PATHS.reduce((masked, pattern) => masked.replace(pattern, '$1[redacted]'), url);
}

export function serializeRequest(request: FastifyRequest) {
  return { method: request.method, url: maskUrl(request.url), host: request.host, remoteAddress: request.ip };
}
