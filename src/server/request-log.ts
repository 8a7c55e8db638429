/**
 * What a request log line says about the request. Headers are never logged (cookies and
 * Authorization stay out); capability links, whose path is the secret, are masked; query
 * values are masked too (clients put tokens and passwords there), their names kept.
 */
import type { FastifyRequest } from 'fastify';

// The JSON routes (/api/v1/public/…) and the dashboard pages the links open (/feedback/…, /review/…).
const CAPABILITY_PATHS = [/^(\/api\/v1\/public\/(?:feedback|review)\/)[^/?#]+/, /^(\/(?:feedback|review)\/)[^/?#]+/];

function maskQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq < 0 ? pair : `${pair.slice(0, eq)}=[redacted]`;
    })
    .join('&');
}

export function maskUrl(url: string): string {
  const cut = url.indexOf('?');
  const path = cut < 0 ? url : url.slice(0, cut);
  const masked = CAPABILITY_PATHS.reduce((p, pattern) => p.replace(pattern, '$1[redacted]'), path);
  return cut < 0 ? masked : `${masked}?${maskQuery(url.slice(cut + 1))}`;
}

export function serializeRequest(request: FastifyRequest) {
  return { method: request.method, url: maskUrl(request.url), host: request.host, remoteAddress: request.ip };
}
