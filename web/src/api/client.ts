/**
 * The one place the dashboard talks HTTP. Every call is same-origin with the session
 * cookie; state-changing calls carry the CSRF token. Errors come back typed so pages
 * can tell "this server has no such feature" (an unknown route) from a real failure.
 */

/**
 * An error the API answered with. `position` (1-based character, as the API counts) is
 * set for a topic-query syntax error.
 */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | null = null,
    readonly position: number | null = null,
    readonly length: number | null = null,
  ) {
    super(message);
  }
}

/** The server answered 404 for the route itself: the feature is not on this server (yet). */
export class NotAvailableError extends ApiError {
  override name = 'NotAvailableError';
}

/** No valid session: the app goes back to sign-in. */
export class UnauthorizedError extends ApiError {
  override name = 'UnauthorizedError';
}

export type QueryValue = string | number | boolean | null | undefined | readonly string[];
export type Query = Record<string, QueryValue>;

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called once by the app shell: a 401 anywhere signs the user out of the UI. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export function buildUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, item);
    else params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

interface ErrorBody {
  message?: unknown;
  error?: unknown;
  code?: unknown;
  position?: unknown;
  length?: unknown;
  issues?: unknown;
}

/** The first `position` the body names: at the top level or in one of its `issues`. */
function positionIn(body: ErrorBody): number | null {
  if (typeof body.position === 'number') return body.position;
  if (!Array.isArray(body.issues)) return null;
  for (const issue of body.issues as Array<{ position?: unknown }>) if (typeof issue?.position === 'number') return issue.position;
  return null;
}

// Murmur's not-found handler ("no route GET /api/v1/…") and Fastify's default one say
// this; a known route with a missing resource answers 404 with its own message, which is
// a real error, not "not available".
const UNKNOWN_ROUTE = /^(no route [A-Z]+ \S+|Route [A-Z]+:\S+ not found)$/;

export async function errorFrom(response: Response): Promise<ApiError> {
  let body: ErrorBody = {};
  const text = await response.text().catch(() => '');
  try {
    body = JSON.parse(text) as ErrorBody;
  } catch {
    body = { message: text.slice(0, 300) || response.statusText };
  }
  const message = typeof body.message === 'string' && body.message ? body.message : `HTTP ${response.status}`;
  const code = typeof body.code === 'string' ? body.code : typeof body.error === 'string' ? body.error : null;
  const position = positionIn(body);
  const length = typeof body.length === 'number' ? body.length : null;
  if (response.status === 404 && UNKNOWN_ROUTE.test(message)) return new NotAvailableError(404, message, code);
  if (response.status === 401) return new UnauthorizedError(401, message, code);
  return new ApiError(response.status, message, code, position, length);
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function request(method: string, path: string, init: { query?: Query; body?: unknown; file?: { body: Blob; type: string } } = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.file) headers['content-type'] = init.file.type;
  else if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (UNSAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(buildUrl(path, init.query), {
    method,
    headers,
    credentials: 'same-origin',
    body: init.file ? init.file.body : init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok) {
    const error = await errorFrom(response);
    if (error instanceof UnauthorizedError && !path.endsWith('/auth/login')) onUnauthorized?.();
    throw error;
  }
  return response;
}

export async function getJson<T>(path: string, query?: Query): Promise<T> {
  const response = await request('GET', path, { query });
  return (await response.json()) as T;
}

export async function sendJson<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T | null> {
  const response = await request(method, path, { body });
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? (JSON.parse(text) as T) : null;
}

/** Posts a file as the body, as it is (e.g. a CSV with Content-Type text/csv). */
export async function sendFile<T>(path: string, query: Query, body: Blob, type: string): Promise<T> {
  const response = await request('POST', path, { query, file: { body, type } });
  return (await response.json()) as T;
}
