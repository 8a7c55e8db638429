/**
 * The HTTP client every connector shares: a timeout on every request, the
 * caller's abort signal, rate-limit headers read into one shape, and errors that
 * name the request (never its credentials).
 */
import { defaultGuardedFetch } from '../../core/guarded-fetch.ts';
import { ConnectorError, MalformedResponseError } from './connector-errors.ts';

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

/** What the network said about our budget; times are epoch ms. */
export interface RateLimitState {
  limit: number | null;
  remaining: number | null;
  resetAt: number | null;
}

export class HttpStatusError extends ConnectorError {
  override name = 'HttpStatusError';
  constructor(
    message: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(message);
  }
}

/** HTTP 429, or 503 with Retry-After: the network asked us to come back later. */
export class RateLimitedError extends ConnectorError {
  override name = 'RateLimitedError';
  constructor(
    message: string,
    /** Epoch ms when we may try again; null when the network did not say. */
    readonly retryAt: number | null,
  ) {
    super(message);
  }
}

export interface HttpClientOptions {
  /** Default: the guarded fetch, which refuses private and loopback addresses (src/core/guarded-fetch.ts). */
  fetch?: FetchLike;
  /** Bodies larger than this are refused (default 20 MB): a feed or API page is never that big. */
  maxBodyBytes?: number;
  now?: () => number;
  timeoutMs?: number;
  signal?: AbortSignal;
  userAgent?: string;
}

export interface RequestOptions {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** JSON body; sets Content-Type. */
  json?: unknown;
  /** Form body (application/x-www-form-urlencoded). */
  form?: Record<string, string>;
  /** Raw bytes with their Content-Type (a picture upload, a multipart form). */
  body?: { bytes: Uint8Array; contentType: string };
  /** A shorter wait than the client's for this request (a link card is not worth 30 s). */
  timeoutMs?: number;
  /** Status codes the caller handles itself instead of getting an HttpStatusError. */
  accept?: number[];
}

export const DEFAULT_USER_AGENT = 'Murmur/0.1 (+https://github.com/murmur-social/murmur; self-hosted social listening)';

/** Reads Retry-After (seconds or HTTP date) into epoch ms. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds)) return now + Math.max(0, seconds) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : date;
}

/**
 * Reads a reset header, which networks spell three ways: an ISO date (Mastodon),
 * seconds until reset (Reddit), or epoch seconds (Bluesky's `ratelimit-reset`).
 */
export function parseReset(value: string | null, now: number): number | null {
  if (!value) return null;
  const number = Number(value.trim());
  if (Number.isFinite(number)) return number > 1e9 ? number * 1000 : now + number * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : date;
}

function header(headers: Headers, ...names: string[]): string | null {
  for (const name of names) {
    const value = headers.get(name);
    if (value != null) return value;
  }
  return null;
}

export function readRateLimit(headers: Headers, now: number): RateLimitState {
  const number = (v: string | null) => (v == null || !Number.isFinite(Number(v)) ? null : Number(v));
  return {
    limit: number(header(headers, 'x-ratelimit-limit', 'ratelimit-limit')),
    remaining: number(header(headers, 'x-ratelimit-remaining', 'ratelimit-remaining')),
    resetAt: parseReset(header(headers, 'x-ratelimit-reset', 'ratelimit-reset'), now),
  };
}

/** The URL without its query string, so tokens passed as parameters never reach a message. */
function describeUrl(url: string | URL): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

export class HttpClient {
  readonly #fetch: FetchLike;
  readonly #now: () => number;
  readonly #timeoutMs: number;
  readonly #signal: AbortSignal | undefined;
  readonly #userAgent: string;
  readonly maxBodyBytes: number;
  /** The most recent rate-limit headers seen, for the scheduler to pace the next poll. */
  rateLimit: RateLimitState = { limit: null, remaining: null, resetAt: null };
  requests = 0;

  constructor(options: HttpClientOptions = {}) {
    this.#fetch = options.fetch ?? defaultGuardedFetch();
    this.#now = options.now ?? Date.now;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#signal = options.signal;
    this.#userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
    this.maxBodyBytes = options.maxBodyBytes ?? 20 * 1024 * 1024;
  }

  /** The body as bytes, refusing more than `maxBodyBytes` without reading it all into memory first. */
  async bytes(response: Response, where: string, maxBytes = this.maxBodyBytes): Promise<Uint8Array> {
    const declared = Number(response.headers.get('content-length') ?? NaN);
    const tooBig = () => new MalformedResponseError(`${where}: the body is larger than ${maxBytes} bytes; refused`);
    if (declared > maxBytes) {
      await response.body?.cancel();
      throw tooBig();
    }
    if (!response.body) return new Uint8Array();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > maxBytes) {
        await response.body.cancel().catch(() => {});
        throw tooBig();
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  }

  /** At most the first `maxBytes` of the body; the rest is never read (leaving the loop cancels the stream). */
  async head(response: Response, maxBytes: number): Promise<Uint8Array> {
    if (!response.body) return new Uint8Array();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      chunks.push(chunk.subarray(0, maxBytes - size));
      size += chunk.byteLength;
      if (size >= maxBytes) break;
    }
    return Buffer.concat(chunks);
  }

  /** Sends a request; throws RateLimitedError on 429, HttpStatusError on other non-2xx/3xx codes not in `accept`. */
  async request(url: string | URL, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { 'user-agent': this.#userAgent, accept: 'application/json', ...options.headers };
    let body: string | Uint8Array<ArrayBuffer> | undefined;
    if (options.body) {
      headers['content-type'] = options.body.contentType;
      body = new Uint8Array(options.body.bytes);
    } else if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    }
    const timeoutMs = Math.min(options.timeoutMs ?? this.#timeoutMs, this.#timeoutMs);
    const signals = [AbortSignal.timeout(timeoutMs), ...(this.#signal ? [this.#signal] : [])];
    const where = `${options.method ?? 'GET'} ${describeUrl(url)}`;
    this.requests += 1;
    const send = () => this.#fetch(url, { method: options.method ?? 'GET', headers, body, signal: AbortSignal.any(signals), redirect: 'follow' });
    let response: Response;
    try {
      response = await send().catch((error: unknown) => {
        if ((options.method ?? 'GET') !== 'GET' || !droppedBeforeAnswer(error)) throw error;
        this.requests += 1;
        return send();
      });
    } catch (error) {
      if (this.#signal?.aborted) throw this.#signal.reason instanceof Error ? this.#signal.reason : new ConnectorError(`${where}: aborted`);
      const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : networkReason(error as Error);
      throw new ConnectorError(`${where}: ${reason}`, { cause: error });
    }
    const now = this.#now();
    const rateLimit = readRateLimit(response.headers, now);
    if (rateLimit.remaining != null || rateLimit.resetAt != null) this.rateLimit = rateLimit;
    if (options.accept?.includes(response.status)) return response;
    if (response.status === 429 || (response.status === 503 && response.headers.has('retry-after'))) {
      await response.body?.cancel();
      const retryAt = parseRetryAfter(response.headers.get('retry-after'), now) ?? rateLimit.resetAt;
      throw new RateLimitedError(`${where}: rate limited (HTTP ${response.status})`, retryAt);
    }
    if (response.status >= 400) {
      // The body stays on the error for the connector to read, out of the message: the
      // message reaches `lastError`, and a body is whatever the server chose to say.
      const text = (await response.text().catch(() => '')).slice(0, 500);
      throw new HttpStatusError(`${where}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`, response.status, text);
    }
    return response;
  }

  /** GET/POST and parse a JSON body; a body that is not JSON is a MalformedResponseError naming the URL. */
  async json<T = unknown>(url: string | URL, options: RequestOptions = {}): Promise<{ data: T; response: Response }> {
    const response = await this.request(url, options);
    const where = `${options.method ?? 'GET'} ${describeUrl(url)}`;
    const text = new TextDecoder().decode(await this.bytes(response, where));
    return { data: parseJsonText<T>(text, where), response };
  }
}

export function parseJsonText<T>(text: string, where: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new MalformedResponseError(`${where}: the body is not JSON (${text.length} bytes${/^\s*</.test(text) ? ', starting with markup' : ''})`);
  }
}

/** Checks a parsed body against the documented shape; the error names the first field that is wrong. */
export function expectShape<T>(schema: { safeParse(data: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, data: unknown, where: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
  throw new MalformedResponseError(`${where}: unexpected response shape at ${path}: ${issue?.message ?? 'invalid'}`);
}

/** The URL of `rel="next"` (or another rel) in an RFC 8288 Link header. */
export function linkHeaderUrl(header: string | null, rel: string): URL | null {
  if (!header) return null;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /<([^>]+)>((?:\s*;\s*[^;]+)*)/.exec(part.trim());
    if (!match) continue;
    const rels = /;\s*rel="?([^";]+)"?/i.exec(match[2] ?? '')?.[1]?.split(/\s+/) ?? [];
    if (rels.includes(rel)) {
      try {
        return new URL(match[1]!);
      } catch {
        return null;
      }
    }
  }
  return null;
}

/**
 * A connection dropped before any response byte: most often a keep-alive connection the
 * server closed just as we reused it. A GET is idempotent (RFC 9110 §9.2.2), so sending
 * it once more, on a fresh connection, is safe; a POST may have been acted on.
 */
function droppedBeforeAnswer(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
  return cause?.code === 'UND_ERR_SOCKET' || cause?.code === 'ECONNRESET' || cause?.message === 'socket hang up';
}

/** undici says only "fetch failed"; the reason (refused, unknown host, bad certificate) is in its cause. */
function networkReason(error: Error): string {
  // Worded once: undici says "other side closed", node:http "socket hang up".
  if (droppedBeforeAnswer(error)) return 'cannot connect: the server closed the connection without answering';
  const cause = error.cause as { code?: string; message?: string } | undefined;
  if (error.message !== 'fetch failed' || !cause) return error.message;
  const detail = cause.message || cause.code;
  return detail ? `cannot connect: ${detail}` : error.message;
}
