/**
 * Test support: a local HTTP server (127.0.0.1, random port) that answers like a
 * network's API. Each network's `<network>-replay.ts` adds routes that follow the
 * documented behaviour (paging parameters, headers); tests then inject faults —
 * a 500, a 429 with Retry-After, a malformed body, a hang — for the next matching
 * requests, and read back every request made.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReplayRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  /** The body as sent, for binary uploads. */
  raw: Buffer;
}

export interface ReplayResponse {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  body?: string | Uint8Array;
  /** Answer after this many ms (a slow network). */
  delayMs?: number;
  /** Never answer (the client's timeout must fire). */
  hang?: boolean;
  /** Close the connection without a response byte (a keep-alive connection the server dropped). */
  drop?: boolean;
  /** Keep the response open and hand the test a writer (server-sent events). */
  stream?: (writer: { write(text: string): void; end(): void }) => void;
}

export type ReplayHandler = (request: ReplayRequest) => ReplayResponse | Promise<ReplayResponse>;

interface Route {
  method: string;
  path: string | RegExp;
  handler: ReplayHandler;
}

interface Fault {
  method: string;
  path: string | RegExp;
  response: ReplayResponse;
  remaining: number;
  /** Matching requests to let through before the fault starts. */
  skip: number;
}

const matches = (pattern: string | RegExp, path: string) => (typeof pattern === 'string' ? pattern === path : pattern.test(path));

export class ReplayServer {
  readonly requests: ReplayRequest[] = [];
  readonly #routes: Route[] = [];
  readonly #faults: Fault[] = [];
  readonly #server = createServer((req, res) => void this.#handle(req, res));
  url = '';

  static async start(): Promise<ReplayServer> {
    const replay = new ReplayServer();
    await new Promise<void>((resolve) => replay.#server.listen(0, '127.0.0.1', resolve));
    replay.url = `http://127.0.0.1:${(replay.#server.address() as AddressInfo).port}`;
    return replay;
  }

  route(method: string, path: string | RegExp, handler: ReplayHandler): this {
    this.#routes.push({ method, path, handler });
    return this;
  }

  /** After `skip` matching requests, the next `times` get `response` instead of the route's answer. */
  fault(method: string, path: string | RegExp, response: ReplayResponse, times = 1, skip = 0): this {
    this.#faults.push({ method, path, response, remaining: times, skip });
    return this;
  }

  /** Requests made to a path, e.g. to count pages fetched. */
  requestsTo(path: string | RegExp, method = 'GET'): ReplayRequest[] {
    return this.requests.filter((r) => r.method === method && matches(path, r.path));
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const request: ReplayRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), raw: Buffer.concat(chunks) };
    this.requests.push(request);
    const fault = this.#faults.find((f) => f.remaining > 0 && f.method === request.method && matches(f.path, request.path));
    let response: ReplayResponse | null = null;
    if (fault && fault.skip > 0) fault.skip -= 1;
    else if (fault) {
      fault.remaining -= 1;
      response = fault.response;
    }
    if (!response) {
      const route = this.#routes.find((r) => r.method === request.method && matches(r.path, request.path));
      try {
        response = route ? await route.handler(request) : { status: 404, json: { error: `no route for ${request.method} ${request.path}` } };
      } catch (error) {
        response = { status: 500, json: { error: (error as Error).message } };
      }
    }
    if (response.hang) return; // the socket stays open until the client gives up or close()
    if (response.drop) {
      req.socket.destroy();
      return;
    }
    if (response.delayMs) await new Promise((r) => setTimeout(r, response.delayMs));
    const headers: Record<string, string> = { ...response.headers };
    let body: string | Uint8Array = response.body ?? '';
    if (response.json !== undefined) {
      body = JSON.stringify(response.json);
      headers['content-type'] ??= 'application/json; charset=utf-8';
    }
    if (res.destroyed) return;
    if (response.stream) {
      res.writeHead(response.status ?? 200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...headers });
      res.flushHeaders();
      response.stream({ write: (text) => void (res.destroyed || res.write(text)), end: () => res.end() });
      return;
    }
    res.writeHead(response.status ?? 200, headers).end(body);
  }
}

/** Reads a JSON request body, or undefined when it is not JSON. */
export function jsonBody(request: ReplayRequest): unknown {
  try {
    return JSON.parse(request.body);
  } catch {
    return undefined;
  }
}

/** What every network's replay shares: the server, its base URL, and closing it. */
export class NetworkReplay {
  constructor(readonly server: ReplayServer) {}

  get url(): string {
    return this.server.url;
  }

  close(): Promise<void> {
    return this.server.close();
  }
}

/** Starts a server and builds a network replay on it (its constructor adds the routes). */
export async function startReplay<T extends NetworkReplay>(Replay: new (server: ReplayServer) => T): Promise<T> {
  return new Replay(await ReplayServer.start());
}
